from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ctip.core.choices import QuickChoiceLabels


class Agency(models.Model):
    """A body of the national system (or an international partner), from the reference list."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        SUB_UNIT = "sub_unit", _("Sub-unit")
        INTERNATIONAL = "international", _("International organisation")
        NGO = "ngo", _("Non-governmental organisation")
        FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government body")

    abbr = models.CharField(_("abbreviation"), max_length=40, unique=True)
    name_az = models.CharField(_("name (az)"), max_length=300)
    name_en = models.CharField(_("name (en)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (ru)"), max_length=300, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    responsible = models.BooleanField(_("reports on the action plan"), default=False)

    class Meta:
        ordering = ["abbr"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    # What an agency is shown by: its abbreviation and `name` in each language (load these, and
    # showing it costs no query of its own).
    DISPLAY_FIELDS = ("abbr", "name_az", "name_en", "name_ru")

    def __str__(self) -> str:
        return self.abbr

    @property
    def name(self) -> str:
        lang = (get_language() or "az")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_az


class ActionPlan(models.Model):
    """A national action plan, e.g. NAP-2020-2024."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=500)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    # --- the plan as its document states it (issue 15) -----------------------------------------
    approved_by_kind = models.CharField(_("approving act"), max_length=20, blank=True)
    approved_by_number = models.CharField(
        _("number of the approving act"), max_length=60, blank=True
    )
    approved_on = models.DateField(_("date of the approving act"), null=True, blank=True)
    # The plan every page opens on; only the coordinator's office changes it (set_current_plan).
    is_current = models.BooleanField(_("current plan"), default=False)
    report_due_days = models.PositiveSmallIntegerField(
        _("reports due (days after the period ends)"), default=20
    )
    by_agreement_owes = models.BooleanField(
        _("executors “by agreement” owe reports too"), default=False
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_plans",
        verbose_name=_("previous plan"),
    )

    class Meta:
        ordering = ["-start_year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="plan_one_current",
            )
        ]
        verbose_name = _("action plan")

    def __str__(self) -> str:
        return self.code


class DeadlineKind(models.TextChoices):
    """Kinds of ctip.azlang.deadlines."""

    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    RANGE = "range", _("Range of years")
    ANNUAL = "annual", _("Every year")
    CONTINUOUS = "continuous", _("Continuous")
    UNKNOWN = "unknown", _("As written")


class PlanItem(models.Model):
    """A node of the plan: direction (4), section (4.1) or sub-item (4.1.6)."""

    class Level(models.IntegerChoices):
        DIRECTION = 1, _("Direction")
        SECTION = 2, _("Section")
        SUB_ITEM = 3, _("Sub-item")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=20)
    sort_key = models.CharField(max_length=60, db_index=True, editable=False)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    title_az = models.TextField(_("title (az)"))
    title_en = models.TextField(_("title (en)"), blank=True)
    title_ru = models.TextField(_("title (ru)"), blank=True)
    responsible = models.ManyToManyField(
        Agency, blank=True, related_name="plan_items", verbose_name=_("responsible agencies")
    )
    deadline = models.CharField(_("deadline"), max_length=300, blank=True)
    from_report = models.BooleanField(_("taken from a report"), default=False)
    search_text = models.TextField(blank=True, editable=False)
    # --- the catalogue (issue 15) ---------------------------------------------------------------
    deadline_kind = models.CharField(
        _("kind of deadline"), max_length=12, choices=DeadlineKind.choices, blank=True
    )
    deadline_start = models.DateField(_("deadline: first day"), null=True, blank=True)
    deadline_end = models.DateField(_("deadline: last day"), null=True, blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    executors_text = models.TextField(_("executors as written"), blank=True)
    # general categories and bodies outside the reference list: [{kind, text, by_agreement}]
    other_executors = models.JSONField(_("other executors"), default=list, blank=True)
    translation_review = models.BooleanField(
        _("translations to review"), default=False, help_text=_("The Azerbaijani title changed.")
    )
    added_in = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_in = models.ForeignKey(
        "PlanVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="removed_items",
        verbose_name=_("removed in version"),
    )

    class Meta:
        ordering = ["plan", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="uniq_item_code")]
        indexes = [models.Index(fields=["plan", "level", "sort_key"], name="plan_item_level")]
        verbose_name = _("plan item")

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.sort_key = self.make_sort_key(self.code)
        self.level = min(self.code.count(".") + 1, 3)
        super().save(*args, **kwargs)

    @staticmethod
    def make_sort_key(code: str) -> str:
        return ".".join(f"{int(p):04d}" if p.isdigit() else p for p in code.split("."))

    @property
    def title(self) -> str:
        lang = (get_language() or "az")[:2]
        return getattr(self, f"title_{lang}", "") or self.title_az

    def title_in(self, lang: str) -> tuple[str, bool]:
        """The title in `lang` and whether it falls back to the Azerbaijani one."""
        own = getattr(self, f"title_{lang}", "") if lang != "az" else self.title_az
        return (own, False) if own else (self.title_az, lang != "az")


class ReportingPeriod(models.Model):
    """A year (2022) or a half-year (2022-H1) of a plan."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("code"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half"), null=True, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["plan", "-year", "half"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="uniq_period_code")]
        verbose_name = _("reporting period")

    def __str__(self) -> str:
        return self.code


class ItemReport(QuickChoiceLabels, models.Model):
    """One agency's report on one sub-item for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    narrative = models.TextField(_("narrative"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    source = models.CharField(_("source"), max_length=300, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item__sort_key", "agency__abbr"]
        constraints = [
            models.UniqueConstraint(fields=["item", "agency", "period"], name="uniq_item_report")
        ]
        indexes = [
            models.Index(fields=["period", "agency", "status"]),
            models.Index(fields=["item", "period"], name="plan_report_item_period"),
            models.Index(fields=["agency", "period"], name="plan_report_agency_period"),
            models.Index(fields=["period", "id"], name="plan_report_period_id"),
            # covers the overview matrix (period × sub-items → agency, status)
            models.Index(
                fields=["period", "item", "agency", "status"], name="plan_report_period_cells"
            ),
        ]
        verbose_name = _("item report")

    def __str__(self) -> str:
        return f"{self.item.code} {self.agency.abbr} {self.period.code}"


class ReportTransition(models.Model):
    """Who moved a report from one status to another, when, and why."""

    report = models.ForeignKey(ItemReport, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class Fact(models.Model):
    """A fact extracted from a report's narrative, with its span in the narrative."""

    class Type(models.TextChoices):
        DATE = "date", _("Date")
        DOCUMENT = "document", _("Document")
        QUANTITY = "quantity", _("Quantity")
        ORGANIZATION = "organization", _("Organisation")
        COUNTRY = "country", _("Country")
        PERSON = "person", _("Person")

    report = models.ForeignKey(ItemReport, on_delete=models.CASCADE, related_name="facts")
    type = models.CharField(max_length=15, choices=Type.choices, db_index=True)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    data = models.JSONField(default=dict, blank=True)
    pii = models.BooleanField(default=False)

    class Meta:
        ordering = ["report", "start"]

    def __str__(self) -> str:
        return f"{self.type} {self.start}-{self.end}"


# --- the plan's catalogue, versions, obligations, indicators, continuity (issue 15) --------------


class PlanVersion(models.Model):
    """One loading of the plan's document: version 1 as approved, then one per amending act, with
    the differences it made."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    act_kind = models.CharField(_("act"), max_length=20, blank=True)
    act_number = models.CharField(_("number of the act"), max_length=60, blank=True)
    act_date = models.DateField(_("date of the act"), null=True, blank=True)
    source_name = models.CharField(_("document"), max_length=200, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    changes = models.JSONField(_("differences"), default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_version")]
        verbose_name = _("plan version")

    def __str__(self) -> str:
        return f"{self.plan.code} v{self.number}"


class ItemExecutor(models.Model):
    """An agency named among a sub-item's executors, in the plan's order."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="executors")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="executor_of")
    position = models.PositiveSmallIntegerField(default=0)
    by_agreement = models.BooleanField(_("by agreement"), default=False)
    name_in_plan = models.CharField(_("name in the plan"), max_length=300, blank=True)

    class Meta:
        ordering = ["item", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "agency"], name="uniq_item_executor")
        ]
        verbose_name = _("executor")

    def __str__(self) -> str:
        return f"{self.item.code} {self.agency.abbr}"


class ObligationWaiver(models.Model):
    """The coordinator's "not applicable" for one agency's report on a sub-item for a period."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="waivers")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="waivers")
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "agency", "period"], name="uniq_waiver")
        ]
        verbose_name = _("obligation marked not applicable")

    def __str__(self) -> str:
        return f"{self.item.code} {self.agency.abbr} {self.period.code}"


class Indicator(models.Model):
    """A measure of a sub-item's progress: name, unit, baseline and a target per year."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by the agency")
        TRAININGS = "trainings", _("Trainings held (records)")
        PEOPLE_TRAINED = "people_trained", _("People trained (records)")
        MATERIALS = "materials", _("Awareness materials distributed (records)")
        CASES_REFERRED = "cases_referred", _("Cases referred (cases)")

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)
    name_az = models.CharField(_("name (az)"), max_length=300)
    name_en = models.CharField(_("name (en)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (ru)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    source = models.CharField(
        _("suggested from"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )

    class Meta:
        ordering = ["item", "position", "id"]
        verbose_name = _("indicator")

    def __str__(self) -> str:
        return self.name_az

    @property
    def name(self) -> str:
        lang = (get_language() or "az")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_az


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="uniq_indicator_target")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class IndicatorValue(models.Model):
    """One period's value of an indicator, as a person entered or accepted it."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("Entered")
        SUGGESTED = "suggested", _("Accepted suggestion")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    source_note = models.CharField(_("source"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period__year", "agency__abbr"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "agency"], name="uniq_indicator_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.value}"


class ItemLink(models.Model):
    """Continuity: a sub-item of a plan continues a sub-item of the previous plan (crosswalk)."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="predecessors")
    previous = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="successors")
    similarity = models.FloatField(_("title similarity"), default=0)
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "previous"], name="uniq_item_link")]
        verbose_name = _("link to the previous plan")

    def __str__(self) -> str:
        return f"{self.item.code} ← {self.previous.code}"


# --- the correctable import (issue 10) -----------------------------------------------------------


class ReportImport(models.Model):
    """One uploaded report file: read once (in the sandbox) at upload, its extraction stored here
    with the corrections a person made in the preview. Corrections are found again by the file's
    hash, so importing the same file again (web or `ctip import-reports`) gives the same result."""

    class State(models.TextChoices):
        STAGED = "staged", _("Staged")
        CONFIRMED = "confirmed", _("Confirmed")
        EXPIRED = "expired", _("Expired")

    token = models.CharField(max_length=40, unique=True)
    owner = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("file"), max_length=200)
    file_hash = models.CharField(max_length=64, db_index=True)
    plan = models.CharField(_("plan"), max_length=40)
    agency = models.CharField(_("agency"), max_length=40)
    period = models.CharField(_("period"), max_length=10)
    status = models.CharField(_("status"), max_length=10)
    detected = models.JSONField(default=dict, blank=True)  # the preamble: agency, year, plan
    # the extraction, as read; emptied on confirmation and on expiry (it holds the report's text)
    result = models.JSONField(default=dict, blank=True)
    corrections = models.JSONField(default=list, blank=True)  # ordered edits of the preview
    state = models.CharField(max_length=10, choices=State.choices, default=State.STAGED)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("report import")

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"

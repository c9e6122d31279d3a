from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
    # The plan every page opens on; only the coordinator's office changes it (set_current_plan).
    is_current = models.BooleanField(_("current plan"), default=False)

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
    deadline = models.CharField(_("deadline"), max_length=100, blank=True)
    from_report = models.BooleanField(_("taken from a report"), default=False)
    search_text = models.TextField(blank=True, editable=False)

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


class ItemReport(models.Model):
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

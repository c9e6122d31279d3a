"""Records of the work as it happens: the document registry, activities and recommendations."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ctip.azlang import search_key
from ctip.core.choices import QuickChoiceLabels
from ctip.plan.text import build_search_text

from .text import normalize_number


def _private_upload_path(instance, filename: str) -> str:
    """A random name under records/: the original name is kept in a field, never in the path."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"records/documents/{secrets.token_hex(16)}.{ext}"


class SearchText(QuickChoiceLabels, models.Model):
    """A row with `search_text`: the Azerbaijani search keys of its SEARCH_FIELDS' words (as
    plan search stores them, ctip.plan.text), kept on every save, so that a search is one
    query in the database and never a pass over the rows in Python."""

    SEARCH_FIELDS: tuple[str, ...] = ()
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.make_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def make_search_text(self) -> str:
        return build_search_text(" ".join(getattr(self, f) or "" for f in self.SEARCH_FIELDS))


class Topic(models.Model):
    """A training topic (countable for statistics)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name_az = models.CharField(_("name (az)"), max_length=200)
    name_en = models.CharField(_("name (en)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (ru)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_az"]
        verbose_name = _("topic")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "az")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_az


# A task still to do: a due date, no completion. The due list's indexes hold only these rows, and
# a query uses them only when it states the same condition (documents_due filters on these Qs).
OPEN_TASK = models.Q(due_date__isnull=False, completed_on__isnull=True)
# Issued by an agency other than the one that registered it (written as < or >: no NULL issuer,
# and the same SQL in an index's condition as in a query's WHERE).
ISSUED_FOR_ANOTHER = models.Q(issuer__lt=models.F("agency")) | models.Q(
    issuer__gt=models.F("agency")
)


class Document(SearchText):
    """One official document (letter, decision, instruction…) as registered by an agency."""

    SEARCH_FIELDS = ("subject", "issuer_name", "recipient_names")

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        RESOLUTION = "resolution", _("Resolution / instruction")
        LETTER = "letter", _("Letter")
        ORDER = "order", _("Order")
        DECREE = "decree", _("Decree")
        AGREEMENT = "agreement", _("Agreement")
        LAW = "law", _("Law")

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Incoming")
        OUTGOING = "outgoing", _("Outgoing")
        OTHER = "other", _("Other")

    # Kinds that carry a task with a due date.
    TASK_KINDS = (Kind.RESOLUTION,)

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OTHER
    )
    number = models.CharField(_("number"), max_length=100)
    date = models.DateField(_("date"), db_index=True)
    issuer = models.ForeignKey(
        "plan.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("issuer"),
    )
    issuer_name = models.CharField(_("issuer (not in the list)"), max_length=300, blank=True)
    # Normalised issuer used for uniqueness: agency abbreviation, or search key of issuer_name, or "".
    issuer_key = models.CharField(max_length=300, blank=True, editable=False)
    recipients = models.ManyToManyField(
        "plan.Agency", blank=True, related_name="received_documents", verbose_name=_("recipients")
    )
    recipient_names = models.CharField(_("other recipients"), max_length=500, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    agency = models.ForeignKey(
        "plan.Agency",
        on_delete=models.PROTECT,
        related_name="registered_documents",
        verbose_name=_("registered by"),
    )
    file = models.FileField(_("attached file"), upload_to=_private_upload_path, blank=True)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    file_type = models.CharField(max_length=10, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    plan_items = models.ManyToManyField(
        "plan.PlanItem", blank=True, related_name="documents", verbose_name=_("plan items")
    )
    item_reports = models.ManyToManyField(
        "plan.ItemReport", blank=True, related_name="documents", verbose_name=_("item reports")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_note = models.TextField(_("completion note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_key", "kind", "number", "date"], name="uniq_document_identity"
            ),
        ]
        # the registry's order: a page of a search walks it and stops at the page's end
        indexes = [
            models.Index(fields=["-date", "number"], name="records_doc_date_number"),
            # the agency filter is "registered by, issued by or sent to": each branch of that
            # OR walks its own index over the period
            models.Index(fields=["agency", "date"], name="records_doc_agency_date"),
            models.Index(fields=["issuer", "date"], name="records_doc_issuer_date"),
            # statistics count letters of a kind and direction over a period
            models.Index(fields=["kind", "direction", "date"], name="records_doc_kind_dir_date"),
            # the due list: open tasks only, soonest first (the country's, or per agency)
            models.Index(
                fields=["due_date", "number"],
                name="records_doc_open_due",
                condition=OPEN_TASK,
            ),
            # an agency's due list merges three branches, each read in due order (selectors.
            # documents_due): registered by it, issued by it for another, received by it; the id
            # last, so that a count of the first two reads the index alone
            models.Index(
                fields=["agency", "due_date", "number", "id"],
                name="records_doc_due_agency",
                condition=OPEN_TASK,
            ),
            models.Index(
                fields=["issuer", "due_date", "number", "id"],
                name="records_doc_due_issuer",
                condition=OPEN_TASK & ISSUED_FOR_ANOTHER,
            ),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"№ {self.number} ({self.date:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        self.number = normalize_number(self.number)
        self.issuer_name = (self.issuer_name or "").strip()
        self.issuer_key = self.make_issuer_key(self.issuer, self.issuer_name)
        super().save(*args, **kwargs)

    @staticmethod
    def make_issuer_key(issuer, issuer_name: str) -> str:
        if issuer is not None:
            return issuer.abbr
        return search_key(issuer_name or "")[:300]  # issuer_key's length

    @property
    def issuer_label(self) -> str:
        return self.issuer.abbr if self.issuer_id else self.issuer_name

    @property
    def is_task(self) -> bool:
        return self.due_date is not None

    def clean(self):
        errors = {}
        if self.completed_on and self.date and self.completed_on < self.date:
            errors["completed_on"] = _("Completion cannot be before the document's date.")
        if self.due_date and self.date and self.due_date < self.date:
            errors["due_date"] = _("The due date cannot be before the document's date.")
        if errors:
            raise ValidationError(errors)


class Activity(SearchText):
    """Something an agency did: a training, an event, a visit, a material, a draft law…"""

    SEARCH_FIELDS = ("title", "narrative_az", "place", "material_title")

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        MEETING_EVENT = "meeting_event", _("Meeting or event")
        VISIT_MONITORING = "visit_monitoring", _("Visit or monitoring")
        AWARENESS_MATERIAL = "awareness_material", _("Awareness material")
        LEGAL_DRAFTING = "legal_drafting", _("Legal drafting")
        INTERNATIONAL_COOPERATION = "international_cooperation", _("International cooperation")
        INFORMATION_SENT = "information_sent", _("Information sent")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        PRINT = "print", _("Print")
        SOCIAL = "social_media", _("Social media")
        WEBSITE = "website", _("Website")
        HOTLINE = "hotline", _("Hotline")
        TV_RADIO = "tv_radio", _("TV / radio")
        EVENT = "event", _("Event")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    start = models.DateField(_("start date"), db_index=True)
    end = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "plan.Agency",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("recorded by"),
    )
    period = models.ForeignKey(
        "plan.ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("reporting period"),
    )
    organisers = models.ManyToManyField(
        "plan.Agency", blank=True, related_name="organised_activities", verbose_name=_("organisers")
    )
    organiser_names = models.CharField(_("other organisers"), max_length=500, blank=True)
    partners = models.ManyToManyField(
        "plan.Agency",
        blank=True,
        related_name="joined_activities",
        verbose_name=_("participating organisations"),
    )
    partner_names = models.CharField(
        _("other participating organisations"), max_length=500, blank=True
    )
    plan_items = models.ManyToManyField(
        "plan.PlanItem", blank=True, related_name="activities", verbose_name=_("plan items")
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="activities", verbose_name=_("documents")
    )
    title = models.CharField(_("title"), max_length=300)
    narrative_az = models.TextField(_("narrative (az)"))
    narrative_en = models.TextField(_("narrative (en)"), blank=True)
    narrative_ru = models.TextField(_("narrative (ru)"), blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    # Trainings
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="activities", verbose_name=_("topics")
    )
    trainers = models.CharField(_("trainers"), max_length=500, blank=True)
    number_trained = models.PositiveIntegerField(_("number trained"), null=True, blank=True)
    pre_test_avg = models.DecimalField(
        _("pre-test average (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    post_test_avg = models.DecimalField(
        _("post-test average (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    trainer_rating = models.DecimalField(
        _("participants' rating of trainers (1–5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # Awareness materials
    material_title = models.CharField(_("material title"), max_length=300, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    copies_printed = models.PositiveIntegerField(_("copies printed"), null=True, blank=True)
    copies_distributed = models.PositiveIntegerField(_("copies distributed"), null=True, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "-id"]
        indexes = [
            models.Index(fields=["-start", "-id"], name="records_act_start_id"),
            # the statistics' "trainings of a period" and their averages: from the index alone
            models.Index(
                fields=["kind", "start", "pre_test_avg", "post_test_avg", "trainer_rating"],
                name="records_act_kind_start_avgs",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="activity_end_after_start",
            ),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    @property
    def narrative(self) -> str:
        lang = (get_language() or "az")[:2]
        return getattr(self, f"narrative_{lang}", "") or self.narrative_az

    @property
    def participants_total(self) -> int | None:
        rows = list(self.participations.all())
        return sum(r.total for r in rows) if rows else None

    def clean(self):
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = _("The end date cannot be before the start date.")
        for field, low, high in (
            ("pre_test_avg", 0, 100),
            ("post_test_avg", 0, 100),
            ("trainer_rating", 1, 5),
        ):
            value = getattr(self, field)
            if value is not None and not (low <= value <= high):
                errors[field] = _("Must be between %(low)s and %(high)s.") % {
                    "low": low,
                    "high": high,
                }
        if self.period_id and self.start:
            p = self.period
            last = self.end or self.start
            if self.start < p.start or last > p.end:
                errors["start"] = _(
                    "The dates must fall within the reporting period %(p)s (%(s)s – %(e)s)."
                ) % {"p": p.code, "s": p.start, "e": p.end}
        if errors:
            raise ValidationError(errors)


class ActivityParticipation(models.Model):
    """How many people of one agency took part, by sex."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    agency = models.ForeignKey(
        "plan.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency"),
    )
    agency_name = models.CharField(_("organisation (not in the list)"), max_length=300, blank=True)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gte=models.F("women") + models.F("men")),
                name="participation_total_covers_sexes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency or self.agency_name}: {self.total}"

    def clean(self):
        if (self.women or 0) + (self.men or 0) > (self.total or 0):
            raise ValidationError({"total": _("The total cannot be smaller than women + men.")})


class Recommendation(SearchText):
    """A recommendation made to the country by a monitoring body, and how it is answered."""

    SEARCH_FIELDS = ("text", "report")

    class Source(models.TextChoices):
        US_TIP = "us_tip", _("US TIP report")
        GRETA = "greta", _("GRETA")
        UN_CMW = "un_cmw", _("UN CMW committee")
        UN_CEDAW = "un_cedaw", _("UN CEDAW")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        PARTIALLY = "partially", _("Partially implemented")
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")

    CLOSED = (Status.IMPLEMENTED, Status.NOT_IMPLEMENTED)

    source = models.CharField(
        _("source body"), max_length=10, choices=Source.choices, db_index=True
    )
    report = models.CharField(_("report / round"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    reference = models.CharField(_("paragraph"), max_length=40, blank=True)
    text = models.TextField(_("text"))
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    agency = models.ForeignKey(
        "plan.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    plan_items = models.ManyToManyField(
        "plan.PlanItem", blank=True, related_name="recommendations", verbose_name=_("plan items")
    )
    responsible = models.ManyToManyField(
        "plan.Agency",
        blank=True,
        related_name="recommendations",
        verbose_name=_("responsible agencies"),
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="recommendations", verbose_name=_("activities")
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="recommendations", verbose_name=_("documents")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "source", "reference", "id"]
        verbose_name = _("recommendation")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year} {self.reference}".strip()

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class RecommendationStatusChange(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"

    def get_from_status_display(self):
        return Recommendation.Status(self.from_status).label if self.from_status else ""

    def get_to_status_display(self):
        return Recommendation.Status(self.to_status).label

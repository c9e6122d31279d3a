"""Victims' cases under the National Referral Mechanism.

Personal data lives only in Encrypted* fields (sealed with the row's uuid as associated data);
everything else on these models is pseudonymous and feeds the statistics. Names of choices
follow IOM's Human Trafficking Case Data Standard (HTCDS) where it has them (docs/cases.md).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ctip.core.choices import QuickChoiceLabels

from .crypto import EncryptedJSONField, EncryptedTextField

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def new_case_code(year: int | None = None) -> str:
    year = year or timezone.localdate().year
    return f"NRM-{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Channel(models.TextChoices):
    HOTLINE_919 = "hotline_919", _("Hotline 919 call")
    WHATSAPP = "whatsapp", _("WhatsApp")
    ONLINE_FORM = "online_form", _("Online form")
    MIGRATION_CONTROL = "migration_control", _("Migration-control operation")
    READMISSION_INTERVIEW = "readmission_interview", _("Readmission interview")
    AGENCY_REFERRAL = "agency_referral", _("Referral from another agency")
    NGO_REFERRAL = "ngo_referral", _("Referral from an NGO")
    CONSULATE = "consulate", _("Consulate abroad")


class Language(models.TextChoices):
    AZ = "az", _("Azerbaijani")
    EN = "en", _("English")
    RU = "ru", _("Russian")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):  # HTCDS gender
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class TraffickingStatus(models.TextChoices):  # HTCDS victim identification status
    POSSIBLE = "possible", _("Possible victim")
    ACTUAL = "actual", _("Actual (identified) victim")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim")


class Exploitation(models.TextChoices):  # HTCDS typeOfExploitation
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    CHILD_LABOUR = "child_labour", _("Child labour")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    SERVITUDE = "servitude", _("Slavery and servitude")
    ORGAN_REMOVAL = "organ_removal", _("Removal of organs")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality")
    OTHER = "other", _("Other")


class ControlMethod(models.TextChoices):  # HTCDS methodOfControl (CTDC meansOfControl*)
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    TAKES_EARNINGS = "takes_earnings", _("Takes earnings")
    THREATS = "threats", _("Threats")
    PHYSICAL_ABUSE = "physical_abuse", _("Physical abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Psychological abuse")
    WITHHOLDS_DOCUMENTS = "withholds_documents", _("Withholds documents")
    RESTRICTS_MOVEMENT = "restricts_movement", _("Restricts movement")
    ISOLATION = "isolation", _("Isolation")
    FALSE_PROMISES = "false_promises", _("False promises")
    SUBSTANCES = "substances", _("Psychoactive substances")
    OTHER = "other", _("Other")


class RecruiterRelation(models.TextChoices):  # CTDC recruiterRelation
    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner")
    FAMILY = "family", _("Family member")
    FRIEND = "friend", _("Friend or acquaintance")
    EMPLOYER = "employer", _("Employer or recruiter")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class ServiceType(models.TextChoices):  # HTCDS support-plan types
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    LEGAL_AID = "legal_aid", _("Legal aid")
    EDUCATION = "education", _("Education")
    EMPLOYMENT = "employment", _("Employment")
    HOUSING = "housing", _("Housing")
    REPATRIATION = "repatriation", _("Repatriation")
    REINTEGRATION = "reintegration", _("Reintegration")
    COMPENSATION = "compensation", _("Compensation")


# --- indicator sets (data, versioned) -------------------------------------------------------------


class IndicatorSet(models.Model):
    """A versioned list of identification indicators loaded from ctip/reference/indicators/."""

    code = models.CharField(max_length=60)
    version = models.CharField(max_length=20)
    title_az = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="cases_indset_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class Indicator(models.Model):
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(max_length=60)
    group = models.CharField(max_length=60, blank=True)
    text_az = models.CharField(max_length=500)
    text_en = models.CharField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "code"], name="cases_ind_set_code")
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return (
            self.text_en if (get_language() or "az")[:2] != "az" and self.text_en else self.text_az
        )


# --- intake, case, persons ------------------------------------------------------------------------


class Intake(QuickChoiceLabels, models.Model):
    """One signal (call, message, operation, interview, referral) about one or more persons."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CASE_OPENED = "case_opened", _("Case opened")
        CLOSED = "closed", _("Closed without a case")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey("plan.Agency", on_delete=models.PROTECT, related_name="intakes")
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    received_on = models.DateField(_("date received"))
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.AZ
    )
    summary = EncryptedTextField(_("summary"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    # Free text about the persons ("she went back to …"): sealed like the rest of their data.
    closure_reason = EncryptedTextField(_("reason for closure"), blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # An intake closed without a case keeps its persons' data until then (retention).
    retention_until = models.DateField(null=True, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(
        "Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="intake"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"intake {self.pk}"


# Most urgent first: a new case needs screening, a screened one a referral, then waiting for a
# decision, then assistance under way; closed cases last (Case.urgency).
URGENCY = ["open", "screened", "referred", "decision_received", "assistance", "closed"]


def urgency_of(status: str) -> int:
    """A status's rank in URGENCY, as the database stores it in Case.urgency."""
    return URGENCY.index(status) if status in URGENCY else len(URGENCY)


class Case(QuickChoiceLabels, models.Model):
    """A case under the NRM; identified everywhere by its pseudonymous code."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SCREENED = "screened", _("Screened")
        REFERRED = "referred", _("Referred")
        DECISION_RECEIVED = "decision_received", _("Decision received")
        ASSISTANCE = "assistance", _("Assistance")
        CLOSED = "closed", _("Closed")

    class ClosureReason(models.TextChoices):  # HTCDS reasonForCaseClosure
        ASSISTANCE_COMPLETED = "assistance_completed", _("Assistance completed")
        NOT_A_VICTIM = "not_a_victim", _("Not a victim of trafficking")
        DECLINED = "declined", _("Person declined assistance")
        LOST_CONTACT = "lost_contact", _("Contact lost")
        TRANSFERRED = "transferred", _("Transferred to another body")
        DUPLICATE = "duplicate", _("Duplicate")
        OTHER = "other", _("Other")

    class TransferReason(models.TextChoices):
        COMPETENCE = "competence", _("The other agency is competent for the case")
        RESIDENCE = "residence", _("The person now lives in the other agency's area")
        REQUEST = "request", _("At the person's request")
        OTHER = "other", _("Other")

    code = models.CharField(_("case code"), max_length=20, unique=True)
    agency = models.ForeignKey(
        "plan.Agency",
        on_delete=models.PROTECT,
        related_name="nrm_cases",
        verbose_name=_("case owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    # The status's rank in URGENCY, computed and stored by the database on every write (a save, an
    # update() of many rows, a bulk_create): the case list reads its order from an index
    urgency = models.GeneratedField(
        expression=models.Case(
            *[models.When(status=s, then=models.Value(i)) for i, s in enumerate(URGENCY)],
            default=models.Value(len(URGENCY)),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    registered_on = models.DateField(_("registered on"))
    trafficking_status = models.CharField(
        _("trafficking status"),
        max_length=20,
        choices=TraffickingStatus.choices,
        default=TraffickingStatus.POSSIBLE,
    )
    status_decided_by = models.ForeignKey(
        "plan.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("status decided by"),
    )
    exploitation = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    control_methods = models.JSONField(_("methods of control"), default=list, blank=True)
    country_of_exploitation = models.CharField(
        _("country of exploitation"), max_length=2, blank=True
    )
    recruiter_relation = models.CharField(
        _("recruiter relation"),
        max_length=20,
        choices=RecruiterRelation.choices,
        default=RecruiterRelation.UNKNOWN,
    )
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closure"), max_length=30, blank=True, choices=ClosureReason.choices
    )
    retention_until = models.DateField(null=True, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-registered_on", "-id"]
        # statistics of a year read cases by their registration date, and count them by these
        # columns from the index alone
        indexes = [
            models.Index(
                fields=["registered_on", "status", "channel", "trafficking_status"],
                name="cases_case_registered_on",
            ),
            # the statistics' forms of exploitation for a year, from the index alone
            models.Index(fields=["registered_on", "exploitation"], name="cases_case_exploitation"),
            # (every year's figures add up kept months: cases.tallies)
            # the case list, most urgent first: an agency's own cases, and every case (oversight)
            models.Index(
                fields=["agency", "urgency", "registered_on", "code"],
                name="cases_case_agency_urgency",
            ),
            models.Index(fields=["urgency", "registered_on", "code"], name="cases_case_urgency"),
        ]

    def __str__(self) -> str:
        return self.code


class Person(models.Model):
    """A (possible) victim. Names and identifiers are sealed; sex, citizenship and age band are not."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intake = models.ForeignKey(
        Intake, null=True, blank=True, on_delete=models.SET_NULL, related_name="persons"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="persons"
    )
    number = models.PositiveSmallIntegerField(default=1)  # "Person 1" within the case
    given_name = EncryptedTextField(_("given name"), blank=True)
    surname = EncryptedTextField(_("surname"), blank=True)
    patronymic = EncryptedTextField(_("patronymic"), blank=True)
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)  # ISO date text
    documents = EncryptedJSONField(_("identity documents"))
    contacts = EncryptedJSONField(_("contacts"))
    address = EncryptedTextField(_("address"), blank=True)
    # Statistics (not personal on their own; exported only k-anonymously).
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    age_at_registration = models.PositiveSmallIntegerField(
        _("age at registration"), null=True, blank=True
    )
    # The day the person was registered: the intake's receipt, which becomes the case's
    # registration date. Fixed at creation; a year's statistics count persons by it alone.
    registered_on = models.DateField(_("registered on"), null=True, editable=False)
    readmitted = models.BooleanField(_("readmitted from abroad"), default=False)
    trafficking_status = models.CharField(
        max_length=20, choices=TraffickingStatus.choices, default=TraffickingStatus.POSSIBLE
    )
    anonymized = models.BooleanField(default=False)
    # Optimistic locking: an edit names the version it read; a stale one is refused (Conflict).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "number", "id"]
        # statistics count a year's persons of cases from this index alone: neither their sealed
        # rows nor their cases are read
        indexes = [
            models.Index(
                fields=[
                    *("registered_on", "citizenship", "sex", "age_at_registration", "readmitted"),
                    "case",  # only persons of cases are counted
                ],
                name="cases_person_year_stats",
            ),
        ]

    def __str__(self) -> str:  # never the name: __str__ ends up in logs and admin
        return f"person {self.uid}"

    @property
    def label(self) -> str:
        return f"P{self.number}"

    @property
    def full_name(self) -> str:
        return " ".join(x for x in (self.surname, self.given_name, self.patronymic) if x)


class NameIndex(models.Model):
    """Truncated HMAC digests of a person's normalized name tokens (the blind index)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_index")
    digest = models.CharField(max_length=32, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "digest"], name="cases_nameidx_uniq")
        ]

    def __str__(self) -> str:
        return f"name index {self.pk}"


class Screening(models.Model):
    """Indicators observed for one person against one indicator-set version, and the outcome."""

    class Outcome(models.TextChoices):
        PRESUMED_VICTIM = "presumed_victim", _("Presumed victim")
        NOT_A_VICTIM = "not_a_victim", _("Not a victim")
        INSUFFICIENT = "insufficient_information", _("Insufficient information")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="screenings")
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    notes = EncryptedTextField(_("notes"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    screened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["screened_at"]

    def __str__(self) -> str:
        return f"screening {self.pk}"


class ObservedIndicator(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="observed")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    evidence = EncryptedTextField(_("evidence"), blank=True)

    def __str__(self) -> str:
        return f"observed {self.indicator_id}"


class Referral(models.Model):
    """A referral: to a competent authority (identification) or to a service body."""

    class Kind(models.TextChoices):
        COMPETENT_AUTHORITY = "competent_authority", _("Competent authority")
        HOUSING_WORK = "housing_work", _("Housing and work")
        TREATMENT = "treatment", _("Treatment")
        SCHOOLING = "schooling", _("Schooling")

    class Decision(models.TextChoices):  # the authority's procedural decision
        PENDING = "pending", _("Pending")
        CRIMINAL_CASE_OPENED = "criminal_case_opened", _("Criminal case opened")
        REFUSED = "refused", _("Refused to open a criminal case")
        VICTIM_STATUS_GRANTED = "victim_status_granted", _("Victim status granted")
        NOT_RECOGNISED = "not_recognised", _("Not recognised as a victim")
        FORWARDED = "forwarded", _("Forwarded to another body")
        ACCEPTED = "accepted", _("Accepted (service)")
        DECLINED = "declined", _("Declined (service)")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.COMPETENT_AUTHORITY)
    to_agency = models.ForeignKey(
        "plan.Agency", on_delete=models.PROTECT, related_name="nrm_referrals_in"
    )
    letter_number = models.CharField(_("outgoing letter number"), max_length=60, blank=True)
    letter_date = models.DateField(_("outgoing letter date"), null=True, blank=True)
    document_id = models.PositiveBigIntegerField(
        null=True, blank=True
    )  # ctip.records Document, if any
    sent_on = models.DateField(default=timezone.localdate)
    decision = models.CharField(max_length=30, choices=Decision.choices, default=Decision.PENDING)
    decision_number = models.CharField(max_length=60, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"referral {self.pk}"


class Service(models.Model):
    """A protection service (HTCDS support plan item) with provider, dates and outcome."""

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        DISCONTINUED = "discontinued", _("Discontinued")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    type = models.CharField(_("service"), max_length=20, choices=ServiceType.choices)
    provider = models.ForeignKey(
        "plan.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provider"),
    )
    provider_name = models.CharField(_("provider (other)"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.ONGOING
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["start", "id"]
        # the start page's "services ending or overdue": ongoing ones read in end order
        indexes = [models.Index(fields=["outcome", "end"], name="cases_service_outcome_end")]

    def __str__(self) -> str:
        return f"{self.type} {self.pk}"


class CaseEvent(models.Model):
    """The case timeline: what happened, when, by whom. Never personal data.

    `data` holds what happened as codes and numbers (a channel code, agency abbreviations, a
    person's label "P1"), shown in the reader's language by ctip.core.display.event_text; `text`
    is the note of rows written before there was `data`, in the language of whoever acted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class StatisticsMonth(models.Model):
    """A registration month's change token, for the statistics kept per month (cases.tallies).

    Database triggers (migration 0010) give a month a new random token whenever a case, a person
    or a referral registered in it is inserted, updated or deleted, whatever wrote it (a model's
    save, a queryset's update, a bulk insert, SQL by hand). A month's tallies are cached under
    the month and its token, so a cached tally is never read after its month has changed, and a
    rolled-back write leaves a token nobody will meet again. `month` is year * 100 + month
    (202403); 0 holds persons without a registration date. Rows are written only by the
    triggers."""

    month = models.PositiveIntegerField(primary_key=True)
    token = models.BigIntegerField()

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month}: {self.token}"

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctip.core import display
from ctip.core.forms import AgencyChoiceField
from ctip.plan.models import Agency

from .models import (
    Case,
    Channel,
    ControlMethod,
    Exploitation,
    Language,
    RecruiterRelation,
    Referral,
    Screening,
    Service,
    ServiceType,
    Sex,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads


def country_options() -> list[tuple[str, str]]:
    """Every country by its name in the user's language (read when the form is drawn)."""
    return [("", "—"), *display.country_choices()]


def receiving_bodies():
    """Bodies a case can be referred to: this country's agencies, their units and NGOs (not
    international organisations or foreign governments)."""
    return Agency.objects.filter(kind__in=RECEIVING_KINDS).order_by("name_az")


# Which kinds of body receive which kind of referral.
RECEIVING_KINDS = ("government", "sub_unit", "ngo")
REFERRAL_RECEIVERS = {Referral.Kind.COMPETENT_AUTHORITY: ("government", "sub_unit")}


class CountryField(forms.ChoiceField):
    """A country from the list, by its ISO code (sent in either case: "az" is "AZ")."""

    def __init__(self, **kwargs):
        super().__init__(choices=country_options, required=False, **kwargs)

    def to_python(self, value) -> str:
        return super().to_python(value).strip().upper()


class Form(forms.Form):
    """Required fields are marked (class "required" on their label and row)."""

    required_css_class = "required"


class PurposeForm(Form):
    purpose = forms.CharField(
        label=_("Purpose of access"),
        min_length=5,
        max_length=500,
        help_text=_(
            "Why you need this person's data now, e.g. "
            '"screening interview", "preparing the referral letter".'
        ),
    )


class SearchForm(Form):
    query = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(label=_("Purpose of the search"), min_length=5, max_length=500)


class IntakeForm(Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )


class PersonForm(Form):
    surname = forms.CharField(label=_("Surname"), required=False, max_length=100)
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), required=False, max_length=100)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    age = forms.IntegerField(
        label=_("Age (if the date of birth is unknown)"), required=False, min_value=0, max_value=120
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    citizenship = CountryField(label=_("Citizenship"))
    documents = forms.CharField(
        label=_("Identity documents (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    contacts = forms.CharField(
        label=_("Contacts (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=500)
    readmitted = forms.BooleanField(label=_("Readmitted from abroad"), required=False)

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of birth is in the future."))
        return value

    def is_blank(self) -> bool:
        d = self.cleaned_data
        return (
            not any(
                d.get(k)
                for k in (
                    "surname",
                    "given_name",
                    "patronymic",
                    "date_of_birth",
                    "documents",
                    "contacts",
                    "address",
                )
            )
            and d.get("age") is None
        )


# One person block to start with; "add another" adds one more (max_num caps what can be drawn).
PersonFormSet = forms.formset_factory(PersonForm, extra=1, max_num=10, validate_max=True)
PERSONS_PREFIX = "p"


def typed(form) -> dict:
    """What was typed into a bound form, unchecked: to draw it again as it was."""
    return {name: form[name].value() for name in form.fields}


def intake_forms(data=None) -> tuple[IntakeForm, forms.BaseFormSet]:
    """The intake form and its person blocks, bound to `data` when posted."""
    return IntakeForm(data), PersonFormSet(data, prefix=PERSONS_PREFIX)


def with_another_person(form: IntakeForm, persons) -> tuple[IntakeForm, forms.BaseFormSet]:
    """The intake drawn again with what was typed and one more empty person block, nothing
    checked yet ("add another person" without JavaScript)."""
    blocks = [typed(f) for f in persons]
    return IntakeForm(initial=typed(form)), PersonFormSet(prefix=PERSONS_PREFIX, initial=blocks)


def persons_entered(persons) -> list[dict]:
    """The valid person blocks that hold something (empty blocks are ignored)."""
    return [f.cleaned_data for f in persons if f.cleaned_data and not f.is_blank()]


class PersonEditForm(PersonForm):
    """A person's data as read, with the version read (a stale save is refused, text kept)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def person_initial(person) -> dict:
    """The edit form's initial values from a person whose sealed fields are open."""
    dob = date.fromisoformat(person.date_of_birth) if person.date_of_birth else None
    return {
        "surname": person.surname,
        "given_name": person.given_name,
        "patronymic": person.patronymic,
        "date_of_birth": dob,
        "age": None if dob else person.age_at_registration,
        "sex": person.sex,
        "citizenship": person.citizenship,
        "documents": "\n".join(person.documents or []),
        "contacts": "\n".join(person.contacts or []),
        "address": person.address,
        "readmitted": person.readmitted,
        "version": person.version,
    }


def changed_person_data(form) -> dict:
    """Only what the user changed (the audit lists these field names); a new age goes with the
    date of birth, which takes precedence over it."""
    changed = set(form.changed_data) - {"version"}
    if "age" in changed:
        changed.add("date_of_birth")
    return {k: v for k, v in form.cleaned_data.items() if k in changed}


class TriageForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("open_case", _("Open a case")), ("close", _("Close without a case"))],
    )
    closure_reason = forms.CharField(label=_("Reason for closure"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "close" and not data.get("closure_reason", "").strip():
            self.add_error("closure_reason", _("Give the reason for closing the intake."))
        return data


class ScreeningForm(Form):
    """One checkbox and one evidence note per indicator of the set, then the outcome."""

    def __init__(self, *args, indicator_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_set = indicator_set
        self.indicators = list(indicator_set.indicators.all())
        for ind in self.indicators:
            self.fields[f"ind_{ind.code}"] = forms.BooleanField(label=ind.text, required=False)
            self.fields[f"ev_{ind.code}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=2000,
                widget=forms.TextInput(attrs={"class": "evidence"}),
            )
        # no outcome is chosen for the worker: deciding it is the point of the screening
        self.fields["outcome"] = forms.ChoiceField(
            label=_("Outcome"), choices=[("", "—"), *Screening.Outcome.choices]
        )
        self.fields["notes"] = forms.CharField(
            label=_("Notes"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def groups(self) -> list[tuple[str, list[tuple]]]:
        """(group label, [(checkbox, evidence field)]) in the set's order, for the page."""
        out: dict[str, list] = {}
        for ind in self.indicators:
            pair = (self[f"ind_{ind.code}"], self[f"ev_{ind.code}"])
            out.setdefault(display.indicator_group(ind.group), []).append(pair)
        return list(out.items())

    def observed(self) -> dict[str, str]:
        return {
            i.code: self.cleaned_data.get(f"ev_{i.code}", "")
            for i in self.indicators
            if self.cleaned_data.get(f"ind_{i.code}")
        }


class DetailsForm(Form):
    exploitation = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        required=False,
        choices=Exploitation.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    control_methods = forms.MultipleChoiceField(
        label=_("Methods of control"),
        required=False,
        choices=ControlMethod.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    country_of_exploitation = CountryField(label=_("Country of exploitation"))
    recruiter_relation = forms.ChoiceField(
        label=_("Recruiter relation"), choices=RecruiterRelation.choices
    )


class ReferralForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Referral.Kind.choices)
    to_agency = AgencyChoiceField(label=_("Referred to"), queryset=receiving_bodies())
    letter_number = forms.CharField(
        label=_("Outgoing letter number"), required=False, max_length=60
    )
    letter_date = forms.DateField(label=_("Outgoing letter date"), required=False, widget=DATE)
    person = forms.ChoiceField(label=_("Person (for a service referral)"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["person"].choices = [("", "—")] + [
            (str(p.uid), p.label) for p in case.persons.all()
        ]

    def clean(self):
        data = super().clean()
        kinds = REFERRAL_RECEIVERS.get(data.get("kind"), RECEIVING_KINDS)
        if data.get("to_agency") and data["to_agency"].kind not in kinds:
            self.add_error("to_agency", _("This body does not receive this kind of referral."))
        if data.get("kind") == Referral.Kind.COMPETENT_AUTHORITY and not data.get("letter_number"):
            self.add_error(
                "letter_number", _("A referral to a competent authority needs the letter number.")
            )
        uid = data.get("person")
        data["person"] = self.case.persons.filter(uid=uid).first() if uid else None
        return data


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in Referral.Decision.choices if c[0] != Referral.Decision.PENDING],
    )
    number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decided_on = forms.DateField(label=_("Decision date"), required=False, widget=DATE)


class ServiceForm(Form):
    type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    person = forms.ChoiceField(label=_("Person"), required=False)
    provider = AgencyChoiceField(label=_("Provider"), queryset=Agency.objects.all(), required=False)
    provider_name = forms.CharField(
        label=_("Provider (if not in the list)"), required=False, max_length=200
    )
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End"), required=False, widget=DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Service.Outcome.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, case, persons=None, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.persons = case.persons.all() if persons is None else persons
        self.fields["person"].choices = [("", _("The whole case"))] + [
            (str(p.uid), p.label) for p in self.persons
        ]
        if providers is not None:  # a receiving agency provides its own services
            self.fields["provider"].queryset = providers
            self.fields["provider"].required = True
            del self.fields["provider_name"]

    def clean(self):
        data = super().clean()
        if not data.get("provider") and not (data.get("provider_name") or "").strip():
            self.add_error("provider", _("Choose the provider or type its name."))
        if data.get("end") and data.get("start") and data["end"] < data["start"]:
            self.add_error("end", _("The service ends before it starts."))
        uid = data.get("person")
        data["person"] = next((p for p in self.persons if str(p.uid) == uid), None) if uid else None
        return data


class ServiceUpdateForm(forms.Form):
    """How a service went on: end date, outcome and provider (its type and start stay)."""

    provider = AgencyChoiceField(label=_("Provider"), queryset=Agency.objects.all(), required=False)
    provider_name = forms.CharField(
        label=_("Provider (if not in the list)"), required=False, max_length=200
    )
    end = forms.DateField(label=_("End"), required=False, widget=DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Service.Outcome.choices)

    def __init__(self, *args, service, providers=None, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "provider": service.provider_id,
                "provider_name": service.provider_name,
                "end": service.end,
                "outcome": service.outcome,
            },
        )
        super().__init__(*args, **kwargs)
        self.service = service
        if providers is not None:  # a receiving agency's service stays its own
            self.fields["provider"].queryset = providers
            self.fields["provider"].required = True
            del self.fields["provider_name"]

    def clean(self):
        data = super().clean()
        if not data.get("provider") and not (data.get("provider_name") or "").strip():
            self.add_error("provider", _("Choose the provider or type its name."))
        if data.get("end") and data["end"] < self.service.start:
            self.add_error("end", _("The service ends before it starts."))
        return data


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closure"), choices=Case.ClosureReason.choices)


class TransferForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("New owner"), queryset=Agency.objects.none())
    reason = forms.ChoiceField(label=_("Reason"), choices=Case.TransferReason.choices)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = Agency.objects.exclude(pk=case.agency_id)

"""Forms for documents, activities and recommendations (validation only; services write)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ctip.core import widgets
from ctip.core.forms import AgencyChoiceField, AgencyMultipleChoiceField, share_choices
from ctip.plan.models import Agency, PlanItem, ReportingPeriod

from . import permissions, selectors
from .attachments import check_attachment
from .models import Activity, ActivityParticipation, Document, Recommendation, Topic
from .pickers import PickedField, keep_unseen_links
from .services import find_document

LANGUAGE_CHOICES = [
    ("az", "Azərbaycanca"),
    ("ru", "Русский"),
    ("en", "English"),
    ("fa", "فارسی"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("ka", "ქართული"),
    ("uz", "Oʻzbekcha"),
    ("tk", "Türkmençe"),
    ("hi", "हिन्दी"),
    ("ur", "اردو"),
    ("zh", "中文"),
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _item_field(required=False):
    return forms.ModelMultipleChoiceField(
        PlanItem.objects.filter(level=PlanItem.Level.SUB_ITEM).order_by("plan", "sort_key"),
        required=required,
        label=_("Plan items"),
        widget=widgets.SelectMultiple(attrs={"size": 6}),
    )


def _agencies_field(label, required=False):
    return AgencyMultipleChoiceField(
        Agency.objects.all(),
        required=required,
        label=label,
        widget=widgets.SelectMultiple(attrs={"size": 5}),
    )


def _documents_field(user):
    """Documents the user may list, picked one by one (never the registry as options)."""
    visible = selectors.documents_visible_to(user).prefetch_related(None)
    return PickedField(visible, what="documents", label=_("Documents"), by_number=True)


def _activities_field(user):
    """Activities the user may list, picked one by one."""
    visible = selectors.activities_visible_to(user).prefetch_related(None)
    return PickedField(visible.select_related("agency"), what="activities", label=_("Activities"))


def _owner_field(user):
    """The owning agency: fixed to the user's own for focal points, any for coordinator/admin."""
    qs = Agency.objects.all()
    if not permissions.writes_any_agency(user):
        qs = qs.filter(pk=user.agency_id)
    return AgencyChoiceField(qs, label=_("Agency"), initial=user.agency_id, required=True)


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(label=_("Attached file (PDF or DOCX)"), required=False)

    class Meta:
        model = Document
        fields = [
            "kind",
            "direction",
            "number",
            "date",
            "issuer",
            "issuer_name",
            "recipients",
            "recipient_names",
            "subject",
            "plan_items",
            "due_date",
            "completed_on",
            "completion_note",
        ]
        widgets = {
            "date": DATE,
            "due_date": DATE,
            "completed_on": DATE,
            "subject": forms.Textarea(attrs={"rows": 3}),
            "completion_note": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"issuer": AgencyChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk is None:
            self.fields["agency"] = _owner_field(user)
        self.fields["plan_items"] = _item_field()
        self.fields["recipients"] = _agencies_field(_("Recipients"))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_attachment(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("issuer") and data.get("issuer_name"):
            data["issuer_name"] = ""
        if all(data.get(k) for k in ("kind", "number", "date")):
            existing = find_document(
                kind=data["kind"],
                number=data["number"],
                date=data["date"],
                issuer=data.get("issuer"),
                issuer_name=data.get("issuer_name", ""),
                exclude_pk=self.instance.pk,
            )
            if existing:
                raise ValidationError(
                    _("This document is already registered: %(doc)s.") % {"doc": existing},
                    code="duplicate",
                )
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("upload", None)
        data.pop("agency", None)
        return data

    def _post_clean(self):
        # The service validates the row; the model's unique check is replaced by ours above.
        pass


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    note = forms.CharField(
        label=_("Completion note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActivityForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        label=_("Languages"),
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        choices=Activity.Channel.choices,
        required=False,
        label=_("Channels"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "start",
            "end",
            "period",
            "place",
            "organisers",
            "organiser_names",
            "partners",
            "partner_names",
            "plan_items",
            "documents",
            "narrative_az",
            "narrative_en",
            "narrative_ru",
            "people_reached",
            "topics",
            "trainers",
            "number_trained",
            "pre_test_avg",
            "post_test_avg",
            "trainer_rating",
            "material_title",
            "languages",
            "copies_printed",
            "copies_distributed",
            "channels",
        ]
        widgets = {
            "start": DATE,
            "end": DATE,
            "narrative_az": forms.Textarea(attrs={"rows": 5}),
            "narrative_en": forms.Textarea(attrs={"rows": 3}),
            "narrative_ru": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk is None:
            self.fields["agency"] = _owner_field(user)
        self.fields["plan_items"] = _item_field()
        self.fields["organisers"] = _agencies_field(_("Organisers"))
        self.fields["partners"] = _agencies_field(_("Participating organisations"))
        self.fields["topics"] = forms.ModelMultipleChoiceField(
            Topic.objects.all(),
            required=False,
            label=_("Topics"),
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["period"].queryset = ReportingPeriod.objects.select_related("plan")
        self.fields["documents"] = _documents_field(user)
        for name in ("pre_test_avg", "post_test_avg"):
            self.fields[name].validators += [MinValueValidator(0), MaxValueValidator(100)]
        self.fields["trainer_rating"].validators += [MinValueValidator(1), MaxValueValidator(5)]

    def clean(self):
        data = super().clean()
        keep_unseen_links(self, data, ["documents"])
        start, end, period = data.get("start"), data.get("end"), data.get("period")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        if period and start:
            last = end or start
            if start < period.start or last > period.end:
                self.add_error(
                    "start",
                    _("The dates must fall within the reporting period %(p)s (%(s)s – %(e)s).")
                    % {"p": period.code, "s": period.start, "e": period.end},
                )
        return data

    def _post_clean(self):
        # Row checks run in the service (Activity.clean) once participations are known.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("agency", None)
        return data


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = ActivityParticipation
        fields = ["agency", "agency_name", "women", "men", "total"]
        field_classes = {"agency": AgencyChoiceField}

    def clean(self):
        data = super().clean()
        if (data.get("women") or 0) + (data.get("men") or 0) > (data.get("total") or 0):
            self.add_error("total", _("The total cannot be smaller than women + men."))
        return data


class _Participations(BaseInlineFormSet):
    @cached_property
    def forms(self):
        rows = super().forms
        share_choices(rows, "agency")  # every row lists the same bodies
        return rows


ParticipationFormSet = inlineformset_factory(
    Activity,
    ActivityParticipation,
    form=ParticipationForm,
    formset=_Participations,
    extra=3,
    can_delete=True,
)


def participations_from(formset) -> list[dict]:
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data
        and not f.cleaned_data.get("DELETE")
        and (
            f.cleaned_data.get("total")
            or f.cleaned_data.get("agency")
            or f.cleaned_data.get("agency_name")
        )
    ]


def check_trained_against_total(form, formset) -> bool:
    """number trained ≤ participants' total when both are given; adds a form error if not."""
    trained = form.cleaned_data.get("number_trained")
    rows = participations_from(formset)
    if trained is not None and rows:
        total = sum(r.get("total") or 0 for r in rows)
        if trained > total:
            form.add_error(
                "number_trained",
                _("The number trained (%(n)s) cannot exceed the participants' total (%(t)s).")
                % {"n": trained, "t": total},
            )
            return False
    return True


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "source",
            "report",
            "year",
            "reference",
            "text",
            "priority",
            "due_date",
            "plan_items",
            "responsible",
            "activities",
            "documents",
        ]
        widgets = {"due_date": DATE, "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["plan_items"] = _item_field()
        self.fields["responsible"] = _agencies_field(_("Responsible agencies"))
        self.fields["activities"] = _activities_field(user)
        self.fields["documents"] = _documents_field(user)
        self.fields["year"].validators += [MinValueValidator(1990), MaxValueValidator(2100)]

    def clean(self):
        data = super().clean()
        keep_unseen_links(self, data, ["activities", "documents"])
        return data

    def _post_clean(self):
        pass


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Recommendation.Status.choices, label=_("Status"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

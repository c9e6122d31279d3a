"""Forms of the plan's catalogue pages: they parse input; the services decide."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ctip.core.forms import AgencyChoiceField

from ..models import ActionPlan, Agency, Indicator, ReportingPeriod

PLAN_EXTENSIONS = {".docx", ".pdf"}
DATE = forms.DateInput(attrs={"type": "date"})


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("The plan's document (DOCX or PDF)"))
    code = forms.CharField(
        label=_("Plan code"),
        max_length=40,
        required=False,
        help_text=_("Leave empty for NAP-<first year>-<last year>."),
    )
    act_date = forms.DateField(
        label=_("Date of the approving or amending act"),
        required=False,
        widget=DATE,
        help_text=_("Only when the document does not state it."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if Path(f.name).suffix.lower() not in PLAN_EXTENSIONS:
            raise forms.ValidationError(_("Upload a DOCX or PDF file."))
        if f.size > settings.CTIP_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return f


class PlanConfirmForm(forms.Form):
    """The preview's corrections: code, act date and an agency for each unrecognised name."""

    code = forms.CharField(label=_("Plan code"), max_length=40)
    act_date = forms.DateField(label=_("Date of the act"), required=False, widget=DATE)

    def __init__(self, *args, unresolved: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.unresolved = list(dict.fromkeys(unresolved))
        agencies = [("", "—")] + list(Agency.objects.order_by("abbr").values_list("abbr", "abbr"))
        for i, name in enumerate(self.unresolved):
            self.fields[f"map_{i}"] = forms.ChoiceField(
                label=name, choices=agencies, required=False
            )

    def executor_map(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(f"map_{i}") or "" for i, name in enumerate(self.unresolved)
        }


class PlanSettingsForm(forms.Form):
    report_due_days = forms.IntegerField(
        label=_("reports due (days after the period ends)"), min_value=0, max_value=366
    )
    by_agreement_owes = forms.BooleanField(
        label=_("executors “by agreement” owe reports too"), required=False
    )
    previous = forms.ModelChoiceField(
        label=_("previous plan"), queryset=ActionPlan.objects.none(), required=False
    )

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "report_due_days": plan.report_due_days,
                "by_agreement_owes": plan.by_agreement_owes,
                "previous": plan.previous_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = ActionPlan.objects.exclude(pk=plan.pk)


class ItemForm(forms.Form):
    title_az = forms.CharField(label=_("Title (az)"), widget=forms.Textarea(attrs={"rows": 3}))
    title_en = forms.CharField(
        label=_("Title (en)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    title_ru = forms.CharField(
        label=_("Title (ru)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class SubItemForm(ItemForm):
    executors_text = forms.CharField(
        label=_("Executors"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "As the plan writes them: full names or abbreviations, “(razılaşdırılmaqla)” after a "
            "body taking part by agreement, general categories in lower case."
        ),
    )
    deadline = forms.CharField(
        label=_("Deadline"),
        max_length=300,
        required=False,
        help_text=_("e.g. 2022-ci il, 2022-ci ilin II rübü, 2020–2024-cü illər, Hər il, Daim"),
    )
    expected_result = forms.CharField(
        label=_("Expected result"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ObligationKeyForm(forms.Form):
    """Hidden keys of one obligation."""

    item = forms.IntegerField(widget=forms.HiddenInput)
    agency = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.IntegerField(widget=forms.HiddenInput)


class WaiveForm(ObligationKeyForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class IndicatorForm(forms.Form):
    name_az = forms.CharField(label=_("Name (az)"), max_length=300)
    name_en = forms.CharField(label=_("Name (en)"), max_length=300, required=False)
    name_ru = forms.CharField(label=_("Name (ru)"), max_length=300, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, min_value=0)
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), required=False, min_value=1990, max_value=2100
    )
    source = forms.ChoiceField(label=_("Suggested from"), choices=Indicator.Source.choices)

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(range(plan.start_year, plan.end_year + 1))
        for year in self.years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year}, required=False, min_value=0
            )

    def targets(self) -> dict:
        return {y: self.cleaned_data.get(f"target_{y}") for y in self.years}


class IndicatorValueForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Period"),
        queryset=ReportingPeriod.objects.none(),
        empty_label=_("Choose a period"),
    )
    agency = AgencyChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), empty_label=_("Choose an agency")
    )
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=14, decimal_places=2)
    suggestion = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)

    def __init__(self, *args, periods, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:  # a focal point enters only their own agency's values
            self.fields["agency"].empty_label = None
            self.fields["agency"].initial = agencies[0].pk

from django import forms
from django.utils.translation import gettext_lazy as _

from ctip.plan.models import ActionPlan, Agency, ReportingPeriod

from . import permissions
from .document import LANGS
from .generate import FORMATS


class ReportForm(forms.Form):
    plan = forms.ModelChoiceField(
        ActionPlan.objects.all(), label=_("Action plan"), to_field_name="code", empty_label=None
    )
    period = forms.CharField(label=_("Period"), max_length=10, help_text=_("e.g. 2022 or 2022-H1"))
    agency = forms.ModelChoiceField(
        Agency.objects.filter(responsible=True),
        label=_("Agency"),
        to_field_name="abbr",
        required=False,
        empty_label=_("All agencies (consolidated national report)"),
    )
    lang = forms.ChoiceField(
        label=_("Language of the report"), choices=[(code, code) for code in LANGS], initial="az"
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[(f, f.upper()) for f in FORMATS], initial="docx"
    )
    include_submitted = forms.BooleanField(
        label=_("Include submitted reports in review (marked as drafts)"), required=False
    )
    annex = forms.BooleanField(label=_("Statistics annex"), required=False, initial=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        labels = {"az": _("Azerbaijani"), "en": _("English"), "ru": _("Russian")}
        self.fields["lang"].choices = [(c, labels[c]) for c in LANGS]
        if user is not None and not permissions.can_generate(user, None):
            # only their own agency's report: no consolidated national report to choose
            self.fields["agency"].queryset = Agency.objects.filter(permissions.agencies_q(user))
            self.fields["agency"].required = True
            self.fields["agency"].empty_label = None

    def clean(self):
        data = super().clean()
        plan, code = data.get("plan"), data.get("period")
        if plan and code:
            period = ReportingPeriod.objects.filter(plan=plan, code=code.strip()).first()
            if period is None:
                self.add_error("period", _("This plan has no such period."))
            data["period_obj"] = period
        return data

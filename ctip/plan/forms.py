"""Forms of the plan's pages: the narrative editor and the report imports (one file, several)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import imports, services
from .models import ItemReport


class NarrativeForm(forms.Form):
    narrative = forms.CharField(
        label=gettext_lazy("Narrative"),
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        max_length=200_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


ALLOWED_EXT = imports.REPORT_SUFFIXES  # text, Word, Excel, PDF and scans, as the bulk import


def _allowed_report_file(f):
    if Path(f.name).suffix.lower() not in ALLOWED_EXT:
        raise forms.ValidationError(
            _("Upload a DOCX, XLSX, PDF or TXT file, or a scan (PNG, JPEG, TIFF).")
        )
    if f.size > settings.CTIP_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(_("The file is too large."))
    return f


def _import_status_choices():
    return [(s, lbl) for s, lbl in ItemReport.Status.choices if s in services.IMPORT_STATUSES]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Report file (DOCX, XLSX, PDF, TXT or a scan: PNG, JPEG, TIFF)")
    )
    plan = forms.CharField(label=gettext_lazy("Plan"), max_length=40, required=False)
    agency = forms.CharField(
        label=gettext_lazy("Agency (abbreviation)"), max_length=40, required=False
    )
    period = forms.CharField(
        label=gettext_lazy("Period (2022 or 2022-H1)"), max_length=10, required=False
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status of the imported reports"),
        choices=_import_status_choices,
        initial="submitted",
    )

    def clean_file(self):
        return _allowed_report_file(self.cleaned_data["file"])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe): each checked as a report file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        if len(files) > settings.CTIP_BULK_IMPORT_MAX_FILES:
            raise forms.ValidationError(
                _("Choose at most %(n)d files at once.")
                % {"n": settings.CTIP_BULK_IMPORT_MAX_FILES}
            )
        return [
            _allowed_report_file(super(MultipleFileField, self).clean(f, initial)) for f in files
        ]


class BulkImportForm(forms.Form):
    files = MultipleFileField(label=gettext_lazy("Report files (DOCX, XLSX, PDF, TXT or scans)"))
    plan = forms.CharField(
        label=gettext_lazy("Plan (else from each report)"), max_length=40, required=False
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status of the imported reports"),
        choices=_import_status_choices,
        initial="submitted",
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: show what would change, write nothing"), required=False
    )

"""Forms of the plan's pages (the import's upload form stays with its view while it is reworked)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class NarrativeForm(forms.Form):
    narrative = forms.CharField(
        label=gettext_lazy("Narrative"),
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        max_length=200_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

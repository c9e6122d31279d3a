"""ctip's selects draw the markup of Django's own, from one template instead of one per option."""

import pytest
from django import forms

from ctip.core import widgets

CHOICES = [
    ("", "---------"),
    ("1", "Dövlət Miqrasiya Xidməti (DMX)"),
    ("2", 'Quotes " & <tags>'),
    ("Group", [("3", "İçəridə"), ("4", "Və ikinci")]),
]


@pytest.mark.parametrize(
    ("ours", "django", "value"),
    [
        (widgets.Select, forms.Select, "2"),
        (widgets.SelectMultiple, forms.SelectMultiple, ["1", "4"]),
        (widgets.SelectMultiple, forms.SelectMultiple, []),
    ],
)
def test_the_same_markup_as_django_s(ours, django, value):
    attrs = {"size": 5, "id": "id_x", "required": True, "disabled": False}
    mine = ours(attrs=attrs, choices=CHOICES).render("x", value)
    theirs = django(attrs=attrs, choices=CHOICES).render("x", value)
    assert mine == theirs
    assert ("selected" in mine) == bool(value)
    assert "&lt;tags&gt;" in mine and "<optgroup" in mine


def test_agency_fields_use_them():
    from ctip.core.forms import AgencyChoiceField, AgencyMultipleChoiceField

    assert isinstance(AgencyChoiceField(queryset=None).widget, widgets.Select)
    assert isinstance(AgencyMultipleChoiceField(queryset=None).widget, widgets.SelectMultiple)

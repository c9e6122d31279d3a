"""ctip's selects draw the markup of Django's own, from one template instead of one per option."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from ctip.core import widgets

CHOICES = [
    ("", "---------"),
    ("1", "Dövlət Miqrasiya Xidməti (DMX)"),
    ("2", 'Quotes " & <tags>'),
    ("Group", [("3", "İçəridə"), ("4", "Və ikinci")]),
    (5, mark_safe("<b>safe</b> label")),  # not escaped again
    ('"6"&', "a value to escape"),
    ("<Group & two>", [(7, "Yeddi")]),
]


@pytest.mark.parametrize(
    ("ours", "django", "value"),
    [
        (widgets.Select, forms.Select, "2"),
        (widgets.SelectMultiple, forms.SelectMultiple, ["1", "4"]),
        (widgets.SelectMultiple, forms.SelectMultiple, []),
        (widgets.Select, forms.Select, 5),
        (widgets.SelectMultiple, forms.SelectMultiple, [7, '"6"&']),
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


def test_a_formset_s_rows_read_their_bodies_once_and_still_check_them(db, make_agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ctip.core.forms import AgencyChoiceField, share_choices
    from ctip.plan.models import Agency

    class Row(forms.Form):
        agency = AgencyChoiceField(queryset=Agency.objects.filter(abbr__startswith="T"))

    for abbr in ("TB", "TA", "XX"):
        make_agency(abbr)
    rows = forms.formset_factory(Row, extra=3)(
        {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-0-agency": "nonexistent"}
    ).forms
    with CaptureQueriesContext(connection) as seen:
        share_choices(rows, "agency")
        html = "".join(str(row["agency"]) for row in rows)
    assert len([q for q in seen if "plan_agency" in q["sql"]]) == 1
    assert html.count("(TA)<") == html.count("(TB)<") == 3 and "(XX)" not in html
    assert not rows[0].is_valid()  # a body outside the queryset is still refused

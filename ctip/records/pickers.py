"""The pickers of the forms that link documents and activities to a record.

A form never lists the registry: the field's queryset is what the user may list (a selector), and
its widget draws only the items already picked (bound data or the instance's links) as checked
boxes, a search box whose candidates come from `/records/pick/<what>/` (htmx), and for documents
a box of numbers typed by hand, resolved on submit, so the form works without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ctip.core import display

from . import selectors
from .models import Activity, Document

# Candidates a search returns; the matches an ambiguous number lists.
PICK_LIMIT = 20
MATCHES_SHOWN = 5
# Longer digit strings than a primary key can hold are not one.
_PK = re.compile(r"^\d{1,18}$")


def document_label(doc: Document) -> str:
    """№ number · date · kind — the subject's first words."""
    subject = Truncator(doc.subject).chars(60) if doc.subject else ""
    head = f"№ {doc.number} · {display.date(doc.date)} · {doc.get_kind_display()}"
    return f"{head} — {subject}" if subject else head


def activity_label(activity: Activity) -> str:
    """Title · start · the organising agency's abbreviation."""
    title = Truncator(activity.title).chars(80)
    return f"{title} · {display.date(activity.start)} · {activity.agency.abbr}"


LABELS: dict[str, Callable[[Any], str]] = {
    "documents": document_label,
    "activities": activity_label,
}


def pks(values: Iterable[object]) -> list[str]:
    """The values that can be primary keys, as strings, in their order, each once."""
    return list(dict.fromkeys(str(v) for v in values if _PK.match(str(v))))


def items(qs: QuerySet, what: str, picked: list[str], *, checked: bool) -> list[tuple]:
    """(pk, label, checked) of the rows of `qs` with those pks, in the queryset's order."""
    label = LABELS[what]
    return [(row.pk, label(row), checked) for row in qs.filter(pk__in=picked)] if picked else []


def candidates(qs: QuerySet, what: str, picked: list[str]) -> list[tuple]:
    """The first PICK_LIMIT rows of a search, leaving out those already picked."""
    label = LABELS[what]
    return [(row.pk, label(row), False) for row in qs.exclude(pk__in=picked)[:PICK_LIMIT]]


class Picked(list):
    """The pks posted for a picker, with the document numbers typed beside them."""

    def __init__(self, values: Iterable[object] = (), numbers: str = "") -> None:
        super().__init__(values)
        self.numbers = numbers


class Picker(forms.Widget):
    """The picked items as checked boxes, a search box and, for documents, numbers to add."""

    template_name = "records/_picker.html"

    def __init__(self, *, what: str, legend: str, by_number: bool) -> None:
        super().__init__()
        self.what, self.legend, self.by_number = what, legend, by_number

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        return Picked(values, data.get(f"{name}_numbers", "") if self.by_number else "")

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False  # an unticked box is "none picked", not "not posted"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        visible = self.choices.queryset  # type: ignore[attr-defined]
        context["widget"].update(
            what=self.what,
            legend=self.legend,
            by_number=self.by_number,
            numbers=getattr(value, "numbers", ""),
            items=items(visible, self.what, pks(value or []), checked=True),
            search_url=reverse(f"records:pick_{self.what}"),
        )
        return context


class PickedField(forms.ModelMultipleChoiceField):
    """Documents or activities from `queryset` (what the user may list), drawn by a Picker."""

    def __init__(self, queryset: QuerySet, *, what: str, label: str, by_number: bool = False):
        widget = Picker(what=what, legend=label, by_number=by_number)
        super().__init__(queryset, required=False, label=label, widget=widget)

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        return Picked(prepared, value.numbers) if isinstance(value, Picked) else prepared

    def clean(self, value):
        picked = list(super().clean(pks(value or [])))
        numbers = getattr(value, "numbers", "")
        added = documents_numbered(self.queryset, numbers) if numbers.strip() else []
        return picked + [doc for doc in added if doc not in picked]


def keep_unseen_links(form: forms.ModelForm, data: dict, names: Iterable[str]) -> None:
    """An edit keeps the instance's links to items the user may not list: they were never drawn,
    so the user could not untick them."""
    if form.instance.pk is None:
        return
    for name in names:
        if name in data:  # absent when the field had an error
            visible = form.fields[name].queryset.values("pk")  # type: ignore[attr-defined]
            unseen = getattr(form.instance, name).exclude(pk__in=visible)
            data[name] = list(data[name]) + list(unseen)


def documents_numbered(visible: QuerySet[Document], text: str) -> list[Document]:
    """The document of each number in `text` (commas or new lines between numbers), from the
    visible registry; a number that none or several documents bear is a ValidationError."""
    found, errors = [], []
    for number in dict.fromkeys(n.strip() for n in re.split(r"[,\n]", text)):
        if not number:
            continue
        matches = list(selectors.numbered(visible, number)[: MATCHES_SHOWN + 1])
        if len(matches) == 1:
            found.append(matches[0])
        elif not matches:
            errors.append(
                _("Document number %(number)s was not found in the registry.") % {"number": number}
            )
        else:
            listed = "; ".join(document_label(doc) for doc in matches[:MATCHES_SHOWN])
            if len(matches) > MATCHES_SHOWN:
                listed += "; …"
            errors.append(
                _(
                    "Several documents bear number %(number)s: %(matches)s. Find the one you mean "
                    "with the search."
                )
                % {"number": number, "matches": listed}
            )
    if errors:
        raise ValidationError(errors, code="number")
    return found

"""The one way a page runs a service from a form: a refusal goes onto the form, success redirects.

Services refuse with Django's ValidationError (a dict when it names fields, else messages);
`submit` puts those errors where the form shows them, so views hold no error translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from . import display, widgets


def errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError on the form: a named field beside that field, the rest on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], Any],
    *,
    then: HttpResponse | Callable[[Any], HttpResponse],
    success: str | None = None,
    valid: bool = True,
) -> HttpResponse | None:
    """On a valid POST run `action(form.cleaned_data)` and return `then` (or `then(result)`).

    A ValidationError from the action goes onto the form and None is returned: the caller renders
    the form again (`return done or render(...)`). `success` is flashed after the action; `valid`
    is what else the page checked (a formset) before anything is written.
    """
    if request.method != "POST" or not form.is_valid() or not valid:
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        errors_to_form(form, exc)
        return None
    if success:
        messages.success(request, success)
    return then if isinstance(then, HttpResponse) else then(result)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    """A service's refusal as one error message, for a POST without a form page (a button)."""
    messages.error(request, " ".join(exc.messages))


class _ByName(forms.models.ModelChoiceIterator):
    """The bodies sorted by the name shown, in the active language (read when drawn)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = [self.choice(obj) for obj in self.queryset]
        yield from sorted(rows, key=lambda row: display.agency_sort_key(str(row[1])))


class AgencyChoiceField(forms.ModelChoiceField):
    """A body chosen by its full name in the user's language with its abbreviation."""

    iterator = _ByName
    widget = widgets.Select

    def label_from_instance(self, obj) -> str:
        return display.agency(obj)


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several bodies, each by its full name in the user's language with its abbreviation."""

    iterator = _ByName
    widget = widgets.SelectMultiple

    def label_from_instance(self, obj) -> str:
        return display.agency(obj)


def share_choices(forms_: list[forms.BaseForm], *names: str) -> None:
    """The rows of a formset offer the same choices in `names`: read (and sorted) once for all of
    them, not once a row. Validation still asks each field's queryset."""
    for name in names:
        if forms_:
            first = forms_[0].fields[name]
            assert isinstance(first, forms.ChoiceField), name
            choices = list(iter(cast(Iterable[Any], first.choices)))  # iter: no COUNT for len()
            for form in forms_:
                field = form.fields[name]
                assert isinstance(field, forms.ChoiceField), name
                field.choices = choices

"""Choice labels found by value, from a map built once per field."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models
from django.utils.encoding import force_str


@cache
def _labels(field: models.Field) -> dict[Any, Any]:
    """value -> label (still lazy, so it follows the language of each request)."""
    return dict(field.flatchoices)


class QuickChoiceLabels:
    """A model mixin: `get_FOO_display()` looks the label up by value. Django's own rebuilds the
    field's choices on every call and hashes each lazy label on the way, which translates every
    label of the field for every row: ~1,400 translations for one list page of 25 cases and 50
    intakes."""

    def _get_FIELD_display(self, field: models.Field) -> Any:
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # an unhashable value: Django's way
            return super()._get_FIELD_display(field)  # type: ignore[misc]
        return force_str(label, strings_only=True)

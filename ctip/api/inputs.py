"""Declared input for the API: request bodies and query strings are read by serializers that
refuse what they do not declare (an unknown field or query parameter is a 400 naming it, not a
silent no-op), so a client's typo is found at once and the schema lists exactly what is read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers
from rest_framework.fields import Field
from rest_framework.request import Request

from ctip.core.params import MAX_ID

if TYPE_CHECKING:  # what the mixins below are mixed into, for the type checker only
    from rest_framework.views import APIView

    _SerializerBase = serializers.Serializer
    _ViewBase = APIView
else:
    _SerializerBase = _ViewBase = object


class StrictMixin(_SerializerBase):
    # Refuse body fields the serializer does not write. (A comment, not a docstring: the schema
    # would show a docstring as the description of every input.)

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "keys"):
            writable = {name for name, f in self.fields.items() if not f.read_only}
            errors = {
                name: [exceptions.ErrorDetail(_("Unknown field."), "unknown")]
                for name in sorted(set(data.keys()) - writable)
            }
            if not isinstance(data, QueryDict):  # JSON: types as the schema says, no guessing
                errors.update(wrong_json_types(self.fields, data))
            if errors:
                raise exceptions.ValidationError(errors)
        return super().to_internal_value(data)


# JSON types a field takes; DRF alone would also turn 0 into "0" or "1" into True.
JSON_TYPES = [
    (serializers.BooleanField, (bool,), gettext_lazy("a boolean")),
    (serializers.IntegerField, (int,), gettext_lazy("a whole number")),
    (serializers.FloatField, (int, float), gettext_lazy("a number")),
    (serializers.DecimalField, (str, int, float), gettext_lazy("a number")),
    (serializers.PrimaryKeyRelatedField, (int,), gettext_lazy("an id")),
    (serializers.ListField, (list,), gettext_lazy("a list")),
    (serializers.ManyRelatedField, (list,), gettext_lazy("a list")),
    (serializers.DictField, (dict,), gettext_lazy("an object")),
    (serializers.JSONField, None, ""),  # any JSON
    (serializers.CharField, (str,), gettext_lazy("a string")),
    (serializers.ChoiceField, (str,), gettext_lazy("a string")),
    (serializers.DateField, (str,), gettext_lazy("a date")),
    (serializers.DateTimeField, (str,), gettext_lazy("a date and time")),
    (serializers.SlugRelatedField, (str,), gettext_lazy("a string")),
]


def wrong_json_types(
    fields: Mapping[str, Field], data: Mapping[str, Any]
) -> dict[str, list[exceptions.ErrorDetail]]:
    """{field: [error]} for values of the wrong JSON type (null is left to the field)."""
    errors: dict[str, list[exceptions.ErrorDetail]] = {}
    for name, value in data.items():
        field = fields.get(name)
        if field is None or field.read_only or value is None:
            continue
        for cls, types, label in JSON_TYPES:
            if isinstance(field, cls):
                if types is not None and (
                    not isinstance(value, types) or (isinstance(value, bool) and bool not in types)
                ):
                    errors[name] = [
                        exceptions.ErrorDetail(
                            _("Expected %(type)s.") % {"type": label}, "invalid_type"
                        )
                    ]
                break
    return errors


class StrictSerializer(StrictMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictMixin, serializers.ModelSerializer):
    pass


def IdField(**kwargs: Any) -> serializers.IntegerField:  # noqa: N802 - reads like a field class
    """A database id in a query string: 1 … 2**63-1 (SQLite cannot bind more)."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class Query(serializers.Serializer):
    """Base of query-string serializers (`query_serializers` on a view)."""


PAGINATION_PARAMS = ("limit", "offset")


class DeclaredQueryMixin(_ViewBase):
    """A viewset declares its query parameters per action in `query_serializers`
    ({"list": DocumentQuery}); they are checked before the action runs and the clean values
    are in `self.query`. An action without one takes no query parameters (besides pagination on
    lists); drf-spectacular documents them from the same classes (ctip.api.schema)."""

    query_serializers: dict[str, type[serializers.Serializer]] = {}
    query: dict[str, Any] = {}  # replaced per request; empty while the schema is generated

    def query_serializer_class(self) -> type[serializers.Serializer] | None:
        return self.query_serializers.get(getattr(self, "action", None) or "")

    def paginated_action(self) -> bool:
        return (
            getattr(self, "action", None) == "list" and getattr(self, "paginator", None) is not None
        )

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if getattr(self, (request.method or "").lower(), None) is None:
            return  # a method the view does not take: DRF answers 405
        cls = self.query_serializer_class()
        allowed = set(cls().fields) if cls else set()
        if self.paginated_action():
            allowed |= set(PAGINATION_PARAMS)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise exceptions.ValidationError(
                {
                    name: [exceptions.ErrorDetail(_("Unknown query parameter."), "unknown")]
                    for name in unknown
                }
            )
        paging = PAGINATION_PARAMS if self.paginated_action() else ()
        values = {k: request.query_params.get(k) for k in request.query_params if k not in paging}
        self.query = {}
        if cls:
            ser = cls(data=values)
            ser.is_valid(raise_exception=True)
            self.query = {k: v for k, v in ser.validated_data.items() if v not in (None, "")}

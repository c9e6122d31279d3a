"""The API's one error shape, made by one DRF `EXCEPTION_HANDLER` for every refusal:

    {"detail": "limit: Ensure this value is less than or equal to 1000.",
     "code": "invalid",
     "errors": [{"field": "limit", "message": "Ensure this value …", "code": "max_value"}]}

A stale version adds `current_version` (409 for a version in the body, 412 for `If-Match`).
Services refuse with Django's ValidationError / PermissionDenied or core.errors.Conflict; views
let them through and this module maps them once.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ctip.core.errors import Conflict

NON_FIELD = {"detail", "non_field_errors", "__all__"}


class PreconditionFailed(exceptions.APIException):
    """`If-Match` named a version that is no longer the current one: nothing was written."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("The object changed since you read it (If-Match does not match).")
    default_code = "precondition_failed"

    def __init__(self, detail: str | None = None, *, current_version: int | None = None) -> None:
        super().__init__(detail)
        self.current_version = current_version


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The object changed since you read it.")
    default_code = "conflict"

    def __init__(self, detail: str | None = None, *, current_version: int | None = None) -> None:
        super().__init__(detail)
        self.current_version = current_version


class ErrorItem(TypedDict):
    """One entry of an error body's `errors` (ErrorItemSerializer below documents it)."""

    field: str | None
    message: str
    code: str


IF_MATCH_USED = "_ctip_if_match"  # set on the request when `If-Match` named the version


def as_api_exception(exc: Exception, request: object = None) -> Exception:
    """Django's and the services' refusals as DRF exceptions; anything else unchanged.

    A stale version is a 412 when the version came from `If-Match`, else a 409."""
    if isinstance(exc, Conflict):
        if getattr(request, IF_MATCH_USED, False):
            return PreconditionFailed(current_version=exc.current_version)
        return ConflictError(str(exc), current_version=exc.current_version)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"detail": exc.messages})
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def flatten(detail: object, field: str | None = None) -> list[ErrorItem]:
    """Nested DRF error details as a flat list of {field, message, code}; fields as paths
    (`documents.2`), None for an error about the whole request."""
    if isinstance(detail, dict):
        rows: list[ErrorItem] = []
        for key, value in detail.items():
            name = None if key in NON_FIELD else str(key)
            path = ".".join(p for p in (field, name) if p) or None
            rows += flatten(value, path)
        return rows
    if isinstance(detail, list):
        rows = []
        for i, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            rows += flatten(value, f"{field}.{i}" if nested and field else field)
        return rows
    code = getattr(detail, "code", None) or "invalid"
    return [{"field": field, "message": str(detail), "code": code}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = as_api_exception(exc, context.get("request"))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling and logging
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten(exc.detail)
        summary = "; ".join(
            f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors[:5]
        )
        body: dict[str, object] = {
            "detail": summary or _("Invalid input."),
            "code": "invalid",
            "errors": errors,
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = {"detail": str(detail), "code": code, "errors": []}
    current_version = getattr(exc, "current_version", None)
    if current_version is not None:
        body["current_version"] = current_version
    response.data = body
    return response


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True, help_text="the field or query parameter; null: the whole request"
    )
    message = serializers.CharField()
    code = serializers.CharField(help_text="e.g. required, invalid, max_value, unknown")


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer."""

    detail = serializers.CharField(help_text="one line saying what went wrong")
    code = serializers.CharField(help_text="e.g. invalid, not_found, permission_denied")
    errors = ErrorItemSerializer(many=True)  # type: ignore[assignment]  # a declared field, not Serializer.errors
    current_version = serializers.IntegerField(
        required=False, help_text="on 409/412: the version to read again"
    )

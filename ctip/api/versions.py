"""Concurrency and retries in the API.

- Versions: item reports and persons carry a `version`; reads send it as `ETag: "<version>"`
  and writes honour `If-Match` (412 when stale; a `version` in the body keeps answering 409).
- Retries: a POST that creates accepts `Idempotency-Key`; a retry with the same key by the same
  user gets the first answer again (nothing is created twice), for CTIP_API_IDEMPOTENCY_HOURS.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeAlias

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ctip.accounts.models import User
from ctip.api.errors import IF_MATCH_USED, ConflictError, PreconditionFailed
from ctip.api.models import IdempotentRequest
from ctip.api.schema import IDEMPOTENT
from ctip.api.users import user_of

# A viewset's action as `idempotent` wraps it: (self, request, *args, **kwargs) -> Response.
ViewMethod: TypeAlias = Callable[..., Response]

ETAG_RE = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')
KEY_RE = re.compile(r"^[\x21-\x7e]{1,200}$")

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The ETag read (`"3"`): the write is refused with 412 if the object changed since.',
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Any unique string (1-200 visible ASCII characters, e.g. a UUID): a retry with "
    "the same key gets the first answer again instead of creating a second record.",
)


def etag(version: int) -> str:
    return f'"{version}"'


def with_etag(response: Response, version: int) -> Response:
    response["ETag"] = etag(version)
    return response


def if_match(request: Request) -> int | None:
    """The version named by `If-Match`, None when the header is absent; 400 when unreadable."""
    value = request.headers.get("If-Match")
    if value is None:
        return None
    m = ETAG_RE.match(value)
    if not m:
        raise exceptions.ValidationError(
            {"If-Match": [exceptions.ErrorDetail(_('Expected an ETag such as "3".'), "invalid")]}
        )
    return int(m.group(1))


def check_if_match(request: Request, current_version: int) -> int | None:
    """412 when `If-Match` names another version than the current one; the named version."""
    wanted = if_match(request)
    if wanted is not None and wanted != current_version:
        raise PreconditionFailed(current_version=current_version)
    if wanted is not None:  # a stale version found later by the service is a 412 too
        setattr(request, IF_MATCH_USED, True)
    return wanted


def _fingerprint(request: Request) -> str:
    """What makes two requests "the same": method, path and the parsed body (files by name)."""
    data = request.data.lists() if hasattr(request.data, "lists") else request.data
    body = json.dumps(data if isinstance(data, dict) else sorted(data), sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(view_method: ViewMethod) -> ViewMethod:
    """Decorate a create action of a viewset: honour `Idempotency-Key` (see the module text)."""

    @functools.wraps(view_method)
    def run(self: APIView, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view_method(self, request, *args, **kwargs)
        if not KEY_RE.match(key):
            raise exceptions.ValidationError(
                {"Idempotency-Key": [exceptions.ErrorDetail(_("1-200 visible ASCII characters."))]}
            )
        fingerprint = _fingerprint(request)
        now = timezone.now()
        earlier = _earlier_answer(user_of(request), key, fingerprint, now)
        if earlier is not None:
            return earlier
        try:
            with transaction.atomic():
                response = view_method(self, request, *args, **kwargs)
                _remember(user_of(request), key, fingerprint, response, now)
        except IntegrityError as exc:  # the same key at the same time: the other one won
            raise ConflictError(_("A request with this Idempotency-Key is under way.")) from exc
        return response

    setattr(run, IDEMPOTENT, True)
    return run


def _earlier_answer(user: User, key: str, fingerprint: str, now: datetime) -> Response | None:
    """The first answer to `key` replayed (expired keys are forgotten first); None when the key
    is new; 409 when it was used for a different request."""
    mine = IdempotentRequest.objects.filter(user=user)
    mine.filter(expires__lte=now).delete()
    earlier = mine.filter(key=key).first()
    if earlier is None:
        return None
    if earlier.fingerprint != fingerprint:
        raise ConflictError(_("This Idempotency-Key was used for a different request."))
    return Response(earlier.body, status=earlier.status, headers={"Idempotent-Replayed": "true"})


def _remember(user: User, key: str, fingerprint: str, response: Response, now: datetime) -> None:
    """Keep a successful answer for CTIP_API_IDEMPOTENCY_HOURS (a refusal is not remembered)."""
    if not 200 <= response.status_code < 300:
        return
    IdempotentRequest.objects.create(
        user=user,
        key=key,
        fingerprint=fingerprint,
        status=response.status_code,
        body=response.data,
        expires=now + timedelta(hours=settings.CTIP_API_IDEMPOTENCY_HOURS),
    )

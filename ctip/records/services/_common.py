"""What the records services share: the refusal, and the split of fields into plain ones and links."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext as _

from ctip.accounts.models import User
from ctip.accounts.types import Actor


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(_("You may not change this record."))


def _split(
    fields: dict[str, Any], m2m_names: Collection[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields set on the row, and the links set after it is saved."""
    plain = {k: v for k, v in fields.items() if k not in m2m_names}
    m2m = {k: v for k, v in fields.items() if k in m2m_names}
    return plain, m2m


def _set_m2m(obj: Model, m2m: dict[str, Any]) -> None:
    """Replace each given link set (None leaves it as it is)."""
    for name, values in m2m.items():
        if values is not None:
            getattr(obj, name).set(values)


def _signed_in(actor: Actor) -> User:
    """The acting user of a write only a user makes; the permission check already refused None."""
    if actor is None:
        raise PermissionDenied(_("You may not change this record."))
    return actor

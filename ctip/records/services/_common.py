"""What the records services share: the refusal, and the split of fields into plain ones and links."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(_("You may not change this record."))


def _split(fields: dict, m2m_names) -> tuple[dict, dict]:
    plain = {k: v for k, v in fields.items() if k not in m2m_names}
    m2m = {k: v for k, v in fields.items() if k in m2m_names}
    return plain, m2m


def _set_m2m(obj, m2m: dict) -> None:
    for name, values in m2m.items():
        if values is not None:
            getattr(obj, name).set(values)

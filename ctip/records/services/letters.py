"""Outgoing letters filed in the registry by other apps (a case's referral letter)."""

from __future__ import annotations

import datetime as dt

from ctip.accounts.types import Actor
from ctip.plan.models import Agency

from ..models import Document
from ..text import normalize_number
from .registration import register_document


def file_referral_letter(
    actor: Actor,
    *,
    number: str,
    date: dt.date | None = None,
    recipient: Agency | None = None,
    subject: str = "",
) -> Document | None:
    """File an outgoing letter (e.g. a case referral) in the registry for the actor's agency.

    Find-or-create by identity (issuer = the actor's agency). Returns None when the actor has no
    agency or no number is given. `subject` must not contain personal data.
    """
    agency = getattr(actor, "agency", None)
    if agency is None or not normalize_number(number or ""):
        return None
    doc, _created = register_document(
        actor,
        authorised=True,  # the caller allowed the referral this letter goes with
        kind=Document.Kind.LETTER,
        number=number,
        date=date or dt.date.today(),
        agency=agency,
        issuer=agency,
        direction=Document.Direction.OUTGOING,
        recipients=[recipient] if recipient else [],
        subject=subject,
    )
    return doc

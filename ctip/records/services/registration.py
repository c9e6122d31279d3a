"""Find-or-create registration of a document by its identity, for imports and referral letters:
an entry is changed only on behalf of the agency that registered it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.azlang import search_key
from ctip.plan.models import Agency, ItemReport, PlanItem

from .. import permissions
from ..models import Document
from ..text import normalize_number
from ._common import _require


def register_document(
    actor: Actor,
    *,
    kind: str,
    number: str,
    date: dt.date,
    agency: Agency,
    issuer: Agency | None = None,
    issuer_name: str = "",
    direction: str = Document.Direction.OTHER,
    recipients: Sequence[Agency] = (),
    recipient_names: str = "",
    subject: str = "",
    plan_items: Sequence[PlanItem] = (),
    item_reports: Sequence[ItemReport] = (),
    due_date: dt.date | None = None,
    authorised: bool = False,
) -> tuple[Document, bool]:
    """Find-or-create a document by its identity and add the given links; returns (doc, created).
    An entry is changed only on behalf of the agency that registered it (see `_link`).
    `authorised`: the caller already checked that `actor` may do this (a case worker's referral
    letter, an import); the entry still names the actor."""
    if actor is not None and not authorised:
        _require(permissions.can_write_for(actor, agency))
    identity = _identity(kind, number, date, issuer, issuer_name)
    new = Document(
        **identity,
        issuer=issuer,
        issuer_name="" if issuer else issuer_name,
        direction=direction,
        recipient_names=recipient_names,
        subject=subject,
        agency=agency,
        due_date=due_date,
        created_by=actor,
    )
    links = _Links(agency, recipients, recipient_names, plan_items, item_reports)
    return _register(actor, identity, new, links)


@dataclass(frozen=True)
class _Links:
    """What a registration links to the document, and on behalf of which agency."""

    agency: Agency
    recipients: Sequence[Agency]
    recipient_names: str
    plan_items: Sequence[PlanItem]
    item_reports: Sequence[ItemReport]


def _register(
    actor: Actor, identity: dict[str, Any], new: Document, links: _Links
) -> tuple[Document, bool]:
    """In one transaction: the document found (else `new` saved, with its audit entry) and
    `links` added."""
    with transaction.atomic():
        doc, created = _find_or_create(identity, new)
        _link(doc, created, links)
        if created:
            record(actor, "records.document.register", doc, kind=doc.kind, number=doc.number)
    return doc, created


def _identity(
    kind: str, number: str, date: dt.date, issuer: Agency | None, issuer_name: str
) -> dict[str, Any]:
    """The fields that identify a registered document (its number normalized; one is needed)."""
    number = normalize_number(number)
    if not number:
        raise ValidationError(_("A document needs a number to be registered."))
    return {
        "issuer_key": Document.make_issuer_key(issuer, issuer_name),
        "kind": kind,
        "number": number,
        "date": date,
    }


def _link(doc: Document, created: bool, links: _Links) -> None:
    """The links a registration adds. An entry is changed only on behalf of the agency that
    registered it (`agency`): for another agency's entry nothing of it changes — its recipients,
    names, sub-items and subject stay the owner's, so no download opens — and only the citing
    `item_reports` are linked to it."""
    if created or permissions.changes_entry(links.agency, doc):
        _add_links(doc, created, links.recipients, links.recipient_names, links.plan_items)
    if links.item_reports:
        doc.item_reports.add(*links.item_reports)


def _find_or_create(identity: dict[str, Any], new: Document) -> tuple[Document, bool]:
    """The registered document with this identity (locked), else `new` saved; a concurrent
    registration of the same document wins and is returned."""
    doc = Document.objects.select_for_update().filter(**identity).first()
    if doc is not None:
        return doc, False
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        return Document.objects.get(**identity), False
    return new, True


def _add_links(
    doc: Document,
    created: bool,
    recipients: Sequence[Agency],
    recipient_names: str,
    plan_items: Sequence[PlanItem],
) -> None:
    """The owner's own additions to its entry: recipients, other recipients' names, sub-items."""
    if not created:
        extra = [
            n
            for n in recipient_names.split(";")
            if n.strip() and search_key(n) not in search_key(doc.recipient_names)
        ]
        if extra:
            doc.recipient_names = "; ".join([doc.recipient_names, *extra]).strip("; ")[:500]
            doc.save(update_fields=["recipient_names", "updated"])
    if recipients:
        doc.recipients.add(*recipients)
    if plan_items:
        doc.plan_items.add(*plan_items)

"""The registry entries an item report's document facts become (imports)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan import permissions as plan_permissions
from ctip.plan import selectors as plan_selectors
from ctip.plan.models import Agency, Fact, ItemReport
from ctip.reference.document_kinds import document_kind

from .. import permissions
from ..models import Document
from ..text import normalize_number
from ._common import _require
from .registration import register_document


def _parse_date(value: object) -> dt.date | None:
    """A fact's date: a date, an ISO string, or a period's start (`{"start": ...}`); else None."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dict):
        value = value.get("start") or value.get("date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve_agency(value: object) -> Agency | None:
    """The Agency named by an extracted issuer/recipient (abbr, name or alias), or None."""
    if isinstance(value, dict):
        value = value.get("abbr") or value.get("name") or ""
    return plan_selectors.agency_named(str(value or ""))


def _name_of(value: object) -> str:
    """The name an extracted issuer or recipient is written with."""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("abbr") or "")
    return str(value or "")


@dataclass
class SyncResult:
    created: list[Document] = field(default_factory=list)
    linked: list[Document] = field(default_factory=list)  # existing entries, linked now or before
    newly_linked: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # reasons, one per skipped fact (no PII)


def sync_documents_from_report(actor: Actor, item_report: ItemReport) -> SyncResult:
    """Turn the `document` facts of an item report into registry entries linked to the report and
    its sub-item. Find-or-create, so a re-import never duplicates. Facts without a number or a date
    (or of an unknown kind) are skipped: they cannot be identified in a registry."""
    if actor is not None and not permissions.can_write_for(actor, item_report.agency):
        _require(plan_permissions.can_import(actor, item_report.agency))
    result = SyncResult()
    facts = Fact.objects.filter(report=item_report, type=Fact.Type.DOCUMENT).order_by("start")
    already = set(item_report.documents.values_list("pk", flat=True))
    with transaction.atomic():
        for fact in facts:
            entry = _registry_entry(fact.data or {}, item_report.agency)
            if isinstance(entry, str):
                result.skipped.append(entry)
                continue
            doc, created = register_document(
                actor,
                authorised=True,  # checked above for the whole report
                **entry,
                plan_items=[item_report.item],
                item_reports=[item_report],
            )
            (result.created if created else result.linked).append(doc)
            if not created and doc.pk not in already:
                result.newly_linked.append(doc)
        if result.created or result.newly_linked:
            record(
                actor,
                "records.document.sync",
                item_report,
                created=len(result.created),
                linked=len(result.newly_linked),
                skipped=len(result.skipped),
            )
    return result


def _registry_entry(data: dict[str, Any], reporting: Agency) -> dict[str, Any] | str:
    """register_document's fields for one document fact of `reporting`'s report, or why the fact
    cannot be identified in a registry (no number, unknown kind, no date)."""
    kind = document_kind(data.get("kind"))
    number = normalize_number(str(data.get("number") or ""))
    date = _parse_date(data.get("date"))
    if not number:
        return "no number"
    if not kind:
        return "unknown kind"
    if not date:
        return "no date"
    issuer_raw, recipient_raw = data.get("issuer"), data.get("recipient")
    issuer = resolve_agency(issuer_raw)
    recipient = resolve_agency(recipient_raw)
    direction, issuer = _direction(issuer, issuer_raw, recipient_raw, reporting)
    return {
        "kind": kind,
        "number": number,
        "date": date,
        "agency": reporting,
        "issuer": issuer,
        "issuer_name": "" if issuer else _name_of(issuer_raw)[:300],
        "direction": direction,
        "recipients": [recipient] if recipient else [],
        "recipient_names": "" if recipient else _name_of(recipient_raw)[:300],
        "subject": str(data.get("title") or "")[:2000],
    }


def _direction(
    issuer: Agency | None, issuer_raw: object, recipient_raw: object, reporting: Agency
) -> tuple[str, Agency | None]:
    """Outgoing when the reporting agency issued it (or only a recipient is named: "a letter was
    sent to X" in the agency's own report, issued by the agency), incoming when another issued it."""
    if issuer is not None and issuer.pk == reporting.pk:
        return Document.Direction.OUTGOING, issuer
    if not issuer_raw and recipient_raw:
        return Document.Direction.OUTGOING, reporting
    if issuer_raw:
        return Document.Direction.INCOMING, issuer
    return Document.Direction.OTHER, issuer

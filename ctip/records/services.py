"""Every write to the records: verbs taking the acting user first, atomic and audited."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.azlang import search_key
from ctip.plan import permissions as plan_permissions
from ctip.plan import selectors as plan_selectors
from ctip.plan.models import Agency, Fact, ItemReport
from ctip.reference.document_kinds import document_kind

from . import permissions
from .attachments import check_attachment
from .models import (
    Activity,
    ActivityParticipation,
    Document,
    Recommendation,
    RecommendationStatusChange,
)
from .text import normalize_number

log = logging.getLogger(__name__)

DOCUMENT_M2M = ("recipients", "plan_items", "item_reports")
ACTIVITY_M2M = ("organisers", "partners", "plan_items", "documents", "topics")
RECOMMENDATION_M2M = ("plan_items", "responsible", "activities", "documents")


class DuplicateDocument(ValidationError):
    """The registry already holds a document with this issuer, kind, number and date."""

    def __init__(self, existing: Document):
        self.existing = existing
        super().__init__(
            _("This document is already registered: %(doc)s.") % {"doc": existing}, code="duplicate"
        )


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


# --- Documents --------------------------------------------------------------------------------


def find_document(
    *, kind: str, number: str, date, issuer=None, issuer_name: str = "", exclude_pk=None
) -> Document | None:
    """The registered document with this identity, if any."""
    qs = Document.objects.filter(
        issuer_key=Document.make_issuer_key(issuer, issuer_name),
        kind=kind,
        number=normalize_number(number),
        date=date,
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _store_file(doc: Document, upload) -> None:
    kind = check_attachment(upload)
    original = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255]
    doc.file.save(f"upload.{kind}", upload, save=False)
    doc.file_name = original
    doc.file_type = kind
    doc.file_size = upload.size


def _discard_file(name: str) -> None:
    if name:
        from django.core.files.storage import default_storage

        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not remove an orphan upload")


def create_document(actor: Actor, *, agency, upload=None, **fields) -> Document:
    """Register a new document; a document already registered is an error (DuplicateDocument)."""
    _require(permissions.can_write_for(actor, agency))
    plain, m2m = _split(fields, DOCUMENT_M2M)
    existing = find_document(
        kind=plain["kind"],
        number=plain["number"],
        date=plain["date"],
        issuer=plain.get("issuer"),
        issuer_name=plain.get("issuer_name", ""),
    )
    if existing:
        raise DuplicateDocument(existing)
    doc = Document(agency=agency, created_by=actor, **plain)
    doc.full_clean(
        exclude=["file", "issuer_key"], validate_unique=False, validate_constraints=False
    )
    stored = ""
    try:
        with transaction.atomic():
            if upload is not None:
                _store_file(doc, upload)
                stored = doc.file.name
            doc.save()
            _set_m2m(doc, m2m)
            record(actor, "records.document.create", doc, kind=doc.kind, number=doc.number)
    except IntegrityError as exc:
        _discard_file(stored)
        existing = find_document(
            kind=doc.kind,
            number=doc.number,
            date=doc.date,
            issuer=doc.issuer,
            issuer_name=doc.issuer_name,
        )
        if existing:
            raise DuplicateDocument(existing) from exc
        raise
    except Exception:
        _discard_file(stored)
        raise
    return doc


def update_document(actor: Actor, doc: Document, *, upload=None, **fields) -> Document:
    _require(permissions.can_edit(actor, doc))
    plain, m2m = _split(fields, DOCUMENT_M2M)
    for key, value in plain.items():
        setattr(doc, key, value)
    existing = find_document(
        kind=doc.kind,
        number=doc.number,
        date=doc.date,
        issuer=doc.issuer,
        issuer_name=doc.issuer_name,
        exclude_pk=doc.pk,
    )
    if existing:
        raise DuplicateDocument(existing)
    doc.full_clean(
        exclude=["file", "issuer_key"], validate_unique=False, validate_constraints=False
    )
    old_file = doc.file.name if doc.file else ""
    stored = ""
    try:
        with transaction.atomic():
            if upload is not None:
                _store_file(doc, upload)
                stored = doc.file.name
            doc.save()
            _set_m2m(doc, m2m)
            record(
                actor,
                "records.document.update",
                doc,
                fields=sorted(fields),
                file_replaced=upload is not None,
            )
    except Exception:
        _discard_file(stored)
        raise
    if stored and old_file:
        _discard_file(old_file)
    return doc


def complete_document(actor: Actor, doc: Document, *, completed_on, note: str = "") -> Document:
    """Mark a resolution's task as done."""
    _require(permissions.can_edit(actor, doc))
    if completed_on < doc.date:
        raise ValidationError(
            {"completed_on": _("Completion cannot be before the document's date.")}
        )
    with transaction.atomic():
        doc.completed_on = completed_on
        doc.completion_note = note
        doc.save(update_fields=["completed_on", "completion_note", "updated"])
        record(actor, "records.document.complete", doc)
    return doc


def register_document(
    actor: Actor,
    *,
    kind: str,
    number: str,
    date,
    agency,
    issuer=None,
    issuer_name: str = "",
    direction: str = Document.Direction.OTHER,
    recipients=(),
    recipient_names: str = "",
    subject: str = "",
    plan_items=(),
    item_reports=(),
    due_date=None,
    authorised: bool = False,
) -> tuple[Document, bool]:
    """Find-or-create a document by its identity and add the given links; returns (doc, created).

    An entry is changed only on behalf of the agency that registered it (`agency`): for another
    agency's entry nothing of it changes — its recipients, names, sub-items and subject stay the
    owner's, so no download opens — and only the citing `item_reports` are linked to it.
    `authorised`: the caller already checked that `actor` may do this (a case worker's referral
    letter, an import); the entry still names the actor.
    """
    if actor is not None and not authorised:
        _require(permissions.can_write_for(actor, agency))
    number = normalize_number(number)
    if not number:
        raise ValidationError(_("A document needs a number to be registered."))
    identity = {
        "issuer_key": Document.make_issuer_key(issuer, issuer_name),
        "kind": kind,
        "number": number,
        "date": date,
    }
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
    with transaction.atomic():
        doc, created = _find_or_create(identity, new)
        if created or permissions.changes_entry(agency, doc):
            _add_links(doc, created, recipients, recipient_names, plan_items)
        if item_reports:
            doc.item_reports.add(*item_reports)
        if created:
            record(actor, "records.document.register", doc, kind=doc.kind, number=doc.number)
    return doc, created


def _find_or_create(identity: dict, new: Document) -> tuple[Document, bool]:
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


def _add_links(doc: Document, created: bool, recipients, recipient_names: str, plan_items) -> None:
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


# --- Linking imported facts ----------------------------------------------------------------------


def _parse_date(value) -> dt.date | None:
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


def resolve_agency(value) -> Agency | None:
    """The Agency named by an extracted issuer/recipient (abbr, name or alias), or None."""
    if isinstance(value, dict):
        value = value.get("abbr") or value.get("name") or ""
    return plan_selectors.agency_named(str(value or ""))


def _name_of(value) -> str:
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


def _registry_entry(data: dict, reporting: Agency) -> dict | str:
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


def _direction(issuer, issuer_raw, recipient_raw, reporting: Agency) -> tuple[str, Agency | None]:
    """Outgoing when the reporting agency issued it (or only a recipient is named: "a letter was
    sent to X" in the agency's own report, issued by the agency), incoming when another issued it."""
    if issuer is not None and issuer.pk == reporting.pk:
        return Document.Direction.OUTGOING, issuer
    if not issuer_raw and recipient_raw:
        return Document.Direction.OUTGOING, reporting
    if issuer_raw:
        return Document.Direction.INCOMING, issuer
    return Document.Direction.OTHER, issuer


# --- Activities --------------------------------------------------------------------------------


def _check_activity(activity: Activity, participations) -> None:
    activity.full_clean(validate_unique=False, validate_constraints=False)
    if participations is not None:
        total = sum(p.get("total") or 0 for p in participations)
        for p in participations:
            if (p.get("women") or 0) + (p.get("men") or 0) > (p.get("total") or 0):
                raise ValidationError({"participations": _("A total is smaller than women + men.")})
        if (
            participations
            and activity.number_trained is not None
            and activity.number_trained > total
        ):
            raise ValidationError(
                {
                    "number_trained": _(
                        "The number trained (%(n)s) cannot exceed the participants' total (%(t)s)."
                    )
                    % {"n": activity.number_trained, "t": total}
                }
            )


def _save_participations(activity: Activity, participations) -> None:
    if participations is None:
        return
    activity.participations.all().delete()
    ActivityParticipation.objects.bulk_create(
        [
            ActivityParticipation(
                activity=activity,
                agency=p.get("agency"),
                agency_name=p.get("agency_name") or "",
                women=p.get("women") or 0,
                men=p.get("men") or 0,
                total=p.get("total") or 0,
            )
            for p in participations
        ]
    )


def create_activity(actor: Actor, *, agency, participations=None, **fields) -> Activity:
    _require(permissions.can_write_for(actor, agency))
    plain, m2m = _split(fields, ACTIVITY_M2M)
    activity = Activity(agency=agency, created_by=actor, **plain)
    _check_activity(activity, participations)
    with transaction.atomic():
        activity.save()
        _set_m2m(activity, m2m)
        _save_participations(activity, participations)
        record(actor, "records.activity.create", activity, kind=activity.kind)
    return activity


def update_activity(actor: Actor, activity: Activity, *, participations=None, **fields) -> Activity:
    _require(permissions.can_edit(actor, activity))
    plain, m2m = _split(fields, ACTIVITY_M2M)
    for key, value in plain.items():
        setattr(activity, key, value)
    if participations is None and activity.number_trained is not None:
        participations_check = [
            {"women": p.women, "men": p.men, "total": p.total}
            for p in activity.participations.all()
        ]
    else:
        participations_check = participations
    _check_activity(activity, participations_check)
    with transaction.atomic():
        activity.save()
        _set_m2m(activity, m2m)
        _save_participations(activity, participations)
        record(actor, "records.activity.update", activity, fields=sorted(fields))
    return activity


# --- Recommendations ---------------------------------------------------------------------------


def create_recommendation(actor: Actor, **fields) -> Recommendation:
    _require(permissions.can_create(actor))
    plain, m2m = _split(fields, RECOMMENDATION_M2M)
    if not permissions.writes_any_agency(actor):
        responsible = list(m2m.get("responsible") or [])
        if actor.agency_id not in {getattr(a, "pk", a) for a in responsible}:
            m2m["responsible"] = [*responsible, actor.agency]
    status = plain.pop("status", Recommendation.Status.OPEN)
    rec = Recommendation(agency=actor.agency, created_by=actor, status=status, **plain)
    rec.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        rec.save()
        _set_m2m(rec, m2m)
        RecommendationStatusChange.objects.create(
            recommendation=rec, from_status="", to_status=status, actor=actor, note=""
        )
        record(actor, "records.recommendation.create", rec, source=rec.source, status=status)
    return rec


def update_recommendation(actor: Actor, rec: Recommendation, **fields) -> Recommendation:
    """Edit what a recommendation says and what answers it (status has its own verb)."""
    _require(permissions.can_edit(actor, rec))
    plain, m2m = _split(fields, RECOMMENDATION_M2M)
    plain.pop("status", None)
    for key, value in plain.items():
        setattr(rec, key, value)
    rec.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        rec.save()
        _set_m2m(rec, m2m)
        record(actor, "records.recommendation.update", rec, fields=sorted(fields))
    return rec


def change_recommendation_status(
    actor: Actor, rec: Recommendation, *, status: str, note: str = ""
) -> Recommendation:
    _require(permissions.can_edit(actor, rec))
    if status not in Recommendation.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == rec.status:
        return rec
    with transaction.atomic():
        rec = Recommendation.objects.select_for_update().get(pk=rec.pk)
        RecommendationStatusChange.objects.create(
            recommendation=rec, from_status=rec.status, to_status=status, actor=actor, note=note
        )
        old, rec.status = rec.status, status
        rec.save(update_fields=["status", "updated"])
        record(actor, "records.recommendation.status", rec, from_status=old, to_status=status)
    return rec


def file_referral_letter(
    actor: Actor, *, number: str, date=None, recipient=None, subject: str = ""
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

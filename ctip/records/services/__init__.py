"""Every write to the records: verbs taking the acting user first, atomic and audited.

One module per topic; the names are re-exported here, so `services.create_document(...)` keeps
working.
"""

from __future__ import annotations

# The registry's kinds of document, read from the reference data (imported from here before).
from ctip.reference.document_kinds import document_kind

from .activities import ACTIVITY_M2M, create_activity, update_activity
from .documents import (
    DOCUMENT_M2M,
    DuplicateDocument,
    complete_document,
    create_document,
    find_document,
    update_document,
)
from .letters import file_referral_letter
from .recommendations import (
    RECOMMENDATION_M2M,
    change_recommendation_status,
    create_recommendation,
    update_recommendation,
)
from .registration import register_document
from .sync import SyncResult, resolve_agency, sync_documents_from_report

__all__ = [
    "DOCUMENT_M2M",
    "ACTIVITY_M2M",
    "RECOMMENDATION_M2M",
    "DuplicateDocument",
    "find_document",
    "create_document",
    "update_document",
    "complete_document",
    "register_document",
    "resolve_agency",
    "SyncResult",
    "sync_documents_from_report",
    "create_activity",
    "update_activity",
    "create_recommendation",
    "update_recommendation",
    "change_recommendation_status",
    "file_referral_letter",
    "document_kind",
]

"""Every write to cases: one verb per state change, permission checked, atomic, audited.

Audit entries carry the case code or row id and the purpose; never names or other personal data.
One module per topic; the names are re-exported here, so `services.refer_case(...)` keeps working.
"""

from __future__ import annotations

from ._common import DEFAULT_RETENTION_DAYS, STATUS_ORDER, retention_days
from .agencies import (
    COMPETENT_AUTHORITIES,
    SERVICE_REFERRAL_BODIES,
    ensure_agency,
    service_body_for,
)
from .case import close_case, set_case_details, transfer_case
from .indicators import INDICATOR_DIR, current_indicator_set, sync_indicator_sets
from .intake import register_intake, triage_intake
from .keys import SEALED_MODELS, rebuild_name_index, rotate_keys, stale_rows
from .persons import PERSON_TEXT_FIELDS, add_person, reindex_person, update_person
from .protection import add_service, update_service
from .referral import record_decision, refer_case
from .retention import (
    RetentionResult,
    anonymize_case,
    anonymize_intake,
    apply_retention,
    expired_cases,
    expired_intakes,
)
from .screening import screen_person

__all__ = [
    "INDICATOR_DIR",
    "DEFAULT_RETENTION_DAYS",
    "STATUS_ORDER",
    "PERSON_TEXT_FIELDS",
    "COMPETENT_AUTHORITIES",
    "SERVICE_REFERRAL_BODIES",
    "retention_days",
    "sync_indicator_sets",
    "current_indicator_set",
    "reindex_person",
    "register_intake",
    "triage_intake",
    "add_person",
    "update_person",
    "screen_person",
    "refer_case",
    "record_decision",
    "set_case_details",
    "add_service",
    "update_service",
    "close_case",
    "transfer_case",
    "expired_cases",
    "expired_intakes",
    "anonymize_case",
    "anonymize_intake",
    "RetentionResult",
    "apply_retention",
    "SEALED_MODELS",
    "stale_rows",
    "rotate_keys",
    "rebuild_name_index",
    "service_body_for",
    "ensure_agency",
]

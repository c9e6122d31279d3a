"""Signal-free hooks other apps call after they change something records depend on.

The plan import calls `on_item_report_imported(actor, report)` for every item report it creates or
updates, so the documents named in the report's narrative land in the registry.
"""

from __future__ import annotations


def on_item_report_imported(actor, report):
    """Register the report's `document` facts (find-or-create; safe to call again)."""
    from .services import sync_documents_from_report

    return sync_documents_from_report(actor, report)

"""Receivers for signals of the apps below records."""

from __future__ import annotations


def on_item_report_imported(sender, *, actor, report, **kwargs):
    """Register the report's `document` facts (find-or-create; safe to call again)."""
    from .services import sync_documents_from_report

    return sync_documents_from_report(actor, report)

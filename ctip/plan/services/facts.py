"""A report's facts: matched to its narrative, masked, indexed for search, re-masked later."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from ctip import extraction

from .. import masking
from ..models import Fact, ItemReport
from ..text import build_search_text, tokens


def _fact_rows(narrative: str, facts: list[dict]) -> list[dict]:
    """Facts whose span matches the narrative (re-found by text when the span drifted)."""
    rows = []
    for f in facts:
        span = f.get("span") or [0, 0]
        start, end = int(span[0]), int(span[1])
        text = f.get("text") or ""
        if narrative[start:end] != text:
            idx = narrative.find(text) if text else -1
            if idx < 0:
                continue
            start, end = idx, idx + len(text)
        data = {k: v for k, v in f.items() if k not in ("type", "text", "span", "pii")}
        ftype = f.get("type")
        if ftype not in Fact.Type.values:
            continue
        rows.append(
            {
                "type": ftype,
                "text": text,
                "start": start,
                "end": end,
                "data": data,
                "pii": bool(f.get("pii")) or ftype == Fact.Type.PERSON,
            }
        )
    rows.sort(key=lambda r: (r["start"], r["end"], r["type"]))
    return masking.mask_rows(narrative, rows)


def _fact_signature(rows: Iterable[Mapping[str, Any]]) -> list[tuple]:
    return sorted(
        (
            r["type"],
            r["start"],
            r["end"],
            r["text"],
            json.dumps(r["data"], sort_keys=True, default=str),
        )
        for r in rows
    )


def _report_search_text(narrative: str, rows: list[dict]) -> str:
    return build_search_text(narrative, [(r["start"], r["end"]) for r in rows if r["pii"]])


def _replace_facts(report: ItemReport, rows: list[dict]) -> None:
    report.facts.all().delete()
    Fact.objects.bulk_create([Fact(report=report, **r) for r in rows])


def remask_report(report: ItemReport) -> bool:
    """Recompute a report's masked spans and search index from its narrative (the facts stay);
    True if anything changed. The version and the update time stay: the text did not change."""
    old = [dict(r) for r in report.facts.values("type", "text", "start", "end", "data", "pii")]
    rows = masking.mask_rows(report.narrative, old)
    search_text = _report_search_text(report.narrative, rows)
    if _fact_signature(old) == _fact_signature(rows) and search_text == report.search_text:
        return False
    with transaction.atomic():
        _replace_facts(report, rows)
        ItemReport.objects.filter(pk=report.pk).update(search_text=search_text)
    report.search_text = search_text
    return True


def remask_reports(reports: QuerySet[ItemReport]) -> int:
    """remask_report over a queryset, in id order and in chunks; how many changed."""
    changed = 0
    for report in reports.order_by("id").only("id", "narrative", "search_text").iterator(500):
        changed += remask_report(report)
    return changed


def remask_mentions(*names: str) -> int:
    """Mask a person's name in the narratives already stored that mention it (every one of its
    words), e.g. when a person is registered or renamed. Returns how many reports changed."""
    keys = sorted({k for n in names for k, _s, _e in tokens(n or "") if len(k) >= 2})
    if not keys:
        return 0
    reports = ItemReport.objects.all()
    for key in keys:
        reports = reports.filter(search_text__contains=" " + key)
    return remask_reports(reports)


def extract_facts(narrative: str) -> list[dict]:
    """Facts of a free narrative (no sub-item heading), with spans indexing `narrative` itself.

    Uses ctip.extraction's fact finders on the text as it is (`extract` would clean it first and
    move the spans); `_fact_rows` re-finds any span that drifted anyway.
    """
    if not narrative.strip():
        return []
    return extraction.extract_facts(narrative)

"""extract(): a read document -> layout units -> sections -> facts (see FORMAT.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ctip.azlang import lemma

from .blocks import Block, ReadDocument
from .catalogue import match_catalogue
from .countries import find_countries
from .dates import date_facts, find_date_matches
from .documents import find_documents
from .errors import ExtractionError
from .layout import layout
from .ocr import LOW_CONFIDENCE
from .organizations import find_organizations
from .persons import find_persons
from .preamble import read_preamble
from .quantities import find_quantities
from .readers import read_document
from .sections import Section, segment

FACT_TYPES = (
    "date",
    "document",
    "quantity",
    "duration",
    "age",
    "count",
    "organization",
    "country",
    "person",
)
_ORDER = {t: i for i, t in enumerate(FACT_TYPES)}


def extract_facts(text: str, default_year: int | None = None) -> list[dict]:
    """All facts of one section's text, sorted by span start (then type order)."""
    dates = find_date_matches(text, default_year)
    orgs = find_organizations(text)
    org_spans = [tuple(o["span"]) for o in orgs]
    countries = find_countries(text, org_spans)
    docs = find_documents(text, dates, orgs)
    taken = [tuple(d.span) for d in dates]
    taken += [_number_span(doc) for doc in docs if doc["number"]]
    quantities = find_quantities(text, taken, lemma)
    money = [q["span"] for q in quantities if "currency" in q]
    if money:  # `ABŞ dolları` names a currency, not the country
        countries = [c for c in countries if not any(a <= c["span"][0] < b for a, b in money)]
    persons = find_persons(text, org_spans + [tuple(c["span"]) for c in countries])
    facts = date_facts(text, dates) + docs + quantities + orgs + countries + persons
    facts.sort(key=lambda f: (f["span"][0], _ORDER[f["type"]], f["span"][1]))
    return facts


def _number_span(doc: dict) -> tuple[int, int]:
    s = doc["span"][0]
    i = doc["text"].find(doc["number"])
    if i < 0:
        return (s, s)
    return (s + i, s + i + len(doc["number"]))


_YEAR_RE = re.compile(r"(?:19|20)\d\d(?!\d)")  # cheap: an approximate count is enough


def _dominant_year(text: str) -> int | None:
    """The year the document names most often (for a report whose preamble names none)."""
    years = Counter(_YEAR_RE.findall(text))
    return int(years.most_common(1)[0][0]) if years else None


def _item(section: Section, year: int | None) -> dict:
    text = section.text
    return {
        "code": section.code,
        "title": section.title if section.code else None,
        "text": text,
        "facts": extract_facts(text, year),
        "spans": section.spans,
        "pages": sorted(section.pages),
        "fields": section.fields,
        "tables": section.tables,
        "repeated": section.repeated,
    }


def _flags(items: list[dict], pages: list[dict]) -> list[dict]:
    flags = []
    for item in items:
        if item["code"] and not item["title"]:
            flags.append({"kind": "no_title", "code": item["code"]})
        if item["repeated"]:
            flags.append({"kind": "merged_repeat", "code": item["code"]})
    for page in pages:
        if page.get("low_confidence"):
            flags.append({"kind": "low_confidence_page", "page": page["number"]})
    return flags


def extract_document(
    doc: ReadDocument, source: str | None = None, *, catalogue: list | None = None
) -> dict:
    """Sections, facts and the structure around them from a read document (see FORMAT.md)."""
    lay = layout(doc)
    if not lay.text.strip():
        raise ExtractionError(f"{source or 'input'}: no text to extract")
    seg = segment(lay.units)
    pre = next((s for s in seg.sections if s.code is None), None)
    report = read_preamble(pre.text if pre else "", lay.furniture)
    year = report["year"] or _dominant_year(lay.text)
    items = [_item(s, year) for s in seg.sections]
    pages = [p.as_dict(LOW_CONFIDENCE) for p in doc.pages]
    result: dict[str, Any] = {
        "source": source,
        "items": items,
        "report": report,
        "text": lay.text,
        "unassigned": seg.unassigned,
        "footnotes": doc.footnotes,
        "pages": pages,
        "furniture": lay.furniture,
        "flags": _flags(items, pages),
    }
    if catalogue is not None:
        result["matches"] = match_catalogue(items, catalogue)
        result["flags"] += [
            {"kind": "unmatched", "code": m["code"], "title": m["title"]}
            for m in result["matches"]
            if m["flagged"]
        ]
    return result


def extract(text: str, source: str | None = None, *, catalogue: list | None = None) -> dict:
    """Extract sections and facts from a report's raw text.

    Returns `{"source": source, "items": [{"code", "title", "text", "facts", ...}], ...}`;
    every fact's `span` indexes its section's `text`.
    """
    if not isinstance(text, str):
        raise ExtractionError("input is not text")
    if not text.strip():
        raise ExtractionError(f"{source or 'input'}: no text to extract")
    return extract_document(
        ReadDocument("text", [Block("text", text)]), source, catalogue=catalogue
    )


def extract_file(path: str | Path, *, catalogue: list | None = None) -> dict:
    """Read any supported file (txt, docx, xlsx, pdf, scan) and extract it; `source` is its name."""
    doc = read_document(path)
    return extract_document(doc, Path(path).name, catalogue=catalogue)

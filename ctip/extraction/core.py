"""extract(): cleaned text -> sections -> facts (see FORMAT.md)."""

from __future__ import annotations

from pathlib import Path

from ctip.azlang import lemma

from .cleaning import clean_text
from .countries import find_countries
from .dates import date_facts, find_date_matches
from .documents import find_documents
from .errors import ExtractionError
from .organizations import find_organizations
from .persons import find_persons
from .quantities import find_quantities
from .readers import read_any
from .sections import split_sections

FACT_TYPES = ("date", "document", "quantity", "organization", "country", "person")


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
    persons = find_persons(text, org_spans + [tuple(c["span"]) for c in countries])
    facts = date_facts(text, dates) + docs + quantities + orgs + countries + persons
    order = {t: i for i, t in enumerate(FACT_TYPES)}
    facts.sort(key=lambda f: (f["span"][0], order[f["type"]], f["span"][1]))
    return facts


def _number_span(doc: dict) -> tuple[int, int]:
    s = doc["span"][0]
    i = doc["text"].find(doc["number"])
    if i < 0:
        return (s, s)
    return (s + i, s + i + len(doc["number"]))


def extract(text: str, source: str | None = None) -> dict:
    """Extract sections and facts from a report's raw text.

    Returns `{"source": source, "items": [{"code", "title", "text", "facts"}]}`; every
    fact's `span` indexes its section's `text`.
    """
    if not isinstance(text, str):
        raise ExtractionError("input is not text")
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise ExtractionError(f"{source or 'input'}: no text to extract")
    items = []
    for section in split_sections(cleaned):
        items.append(
            {
                "code": section.code,
                "title": section.title,
                "text": section.text,
                "facts": extract_facts(section.text),
            }
        )
    return {"source": source, "items": items}


def extract_file(path: str | Path) -> dict:
    """Read any supported file (txt, docx, pdf) and extract it; `source` is the file name."""
    text = read_any(path)
    return extract(text, source=Path(path).name)

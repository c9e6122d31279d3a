"""Command-line front of the extractor: `python -m ctip.extraction FILE [--format json|text]`.

`ctip extract` (the Django management command) calls `run()` too, so both behave alike.
"""

from __future__ import annotations

import argparse
import json
import sys

from .core import FACT_TYPES, extract_file
from .errors import ExtractionError

_TYPE_TITLES = {
    "date": "Dates",
    "document": "Documents",
    "quantity": "Quantities",
    "duration": "Durations",
    "age": "Ages",
    "count": "Other counts",
    "organization": "Organisations",
    "country": "Countries",
    "person": "Persons",
}


def render_json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)


def _describe(fact: dict) -> str:
    t = fact["type"]
    if t == "date":
        when = fact["start"] if fact["start"] == fact["end"] else f"{fact['start']} … {fact['end']}"
        return f"{when}  «{fact['text']}»"
    if t == "document":
        parts = [fact["kind"], f"№ {fact['number']}" if fact["number"] else "no number"]
        if fact.get("date"):
            parts.append(fact["date"])
        if fact.get("issuer"):
            parts.append(f"from {fact['issuer']}")
        if fact.get("recipient"):
            parts.append(f"to {fact['recipient']}")
        if fact.get("title"):
            parts.append(f"“{fact['title']}”")
        return ", ".join(parts)
    if t in ("quantity", "duration", "age", "count"):
        q = {
            "more_than": "more than ",
            "less_than": "less than ",
            "about": "about ",
            "up_to": "up to ",
        }.get(fact.get("qualifier") or "", "")
        return f"{q}{fact['value']} {fact['unit']}  «{fact['text']}»"
    if t == "organization":
        parent = f" (part of {fact['parent']})" if fact.get("parent") else ""
        return f"{fact['abbr']} — {fact['name']}{parent}  «{fact['text']}»"
    if t == "country":
        cit = " (citizenship)" if fact.get("citizenship") else ""
        return f"{fact['code']} {fact['name']}{cit}  «{fact['text']}»"
    if t == "person":
        alias = " (self-given name)" if fact.get("alias") else ""
        return f"{fact['name']}{alias}"
    return fact["text"]  # pragma: no cover


def render_text(result: dict) -> str:
    """A readable listing: each section's code and title, then its facts grouped by type."""
    out: list[str] = []
    if result.get("source"):
        out.append(f"Source: {result['source']}")
        out.append("")
    for item in result["items"]:
        head = item["code"] or "(no sub-item)"
        out.append(f"{head}  {item['title']}" if item["title"] else head)
        out.append("=" * min(len(out[-1]), 78))
        if not item["facts"]:
            out.append("  (no facts)")
        for t in FACT_TYPES:
            facts = [f for f in item["facts"] if f["type"] == t]
            if not facts:
                continue
            out.append(f"  {_TYPE_TITLES[t]} ({len(facts)}):")
            for f in facts:
                out.append(f"    - {_describe(f)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def run(path: str, fmt: str = "json") -> str:
    """Extract `path` and render it; raises ExtractionError for bad input."""
    result = extract_file(path)
    return render_text(result) if fmt == "text" else render_json(result) + "\n"


def main(argv: list[str] | None = None, prog: str = "python -m ctip.extraction") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Extract sections and facts from a legacy report (txt, docx, xlsx, pdf, scan).",
    )
    parser.add_argument("file")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    args = parser.parse_args(argv)
    try:
        output = run(args.file, args.format)
    except ExtractionError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(output)
    return 0

"""Which words of a narrative are hidden from readers without need-to-know, and why.

A report's masked spans are its `person` facts (pii) plus `mask` rows added here: what
ctip.extraction.masking.name_spans finds (title and role words, surname endings, capitals,
apostrophes and case endings, initials) and the names of persons known to ctip's cases (their
blind index, asked through the `personal_names` signal, so that plan imports nothing above it).
They are computed when a narrative is imported or edited, again for the reports that mention a
person when one is registered or renamed, and by `ctip mask-narratives`. The search index
prefixes every word inside them (text.PII_PREFIX): those readers never find a report by them.
"""

from __future__ import annotations

from ctip.extraction.masking import name_spans

from .signals import personal_names

TAKEN_TYPES = ("organization", "country")


def known_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans naming persons known to the apps above plan (cases' blind index)."""
    spans: list[tuple[int, int]] = []
    for _receiver, found in personal_names.send(sender=None, text=text):
        spans += [tuple(s) for s in found or ()]
    return spans


def mask_rows(narrative: str, rows: list[dict]) -> list[dict]:
    """`rows` (fact rows) with the `mask` rows of this narrative, recomputed, in span order."""
    base = [r for r in rows if not (r.get("data") or {}).get("mask")]
    taken = [(r["start"], r["end"]) for r in base if r["type"] in TAKEN_TYPES]
    covered = [(r["start"], r["end"]) for r in base if r["pii"]]
    found = name_spans(narrative, taken) + known_name_spans(narrative)
    extra = [
        {
            "type": "person",
            "text": narrative[s:e],
            "start": s,
            "end": e,
            "data": {"mask": True},
            "pii": True,
        }
        for s, e in _merge(found)
        if not any(cs <= s and e <= ce for cs, ce in covered)
    ]
    out = base + extra
    out.sort(key=lambda r: (r["start"], r["end"], r["type"]))
    return out


def _merge(spans) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]

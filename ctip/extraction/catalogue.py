"""Matching found sections to a plan's catalogue of sub-items (code, title), as a pure function.

A section whose code is in the catalogue and whose title agrees with the catalogue's (or that
has no title) is matched by its code. A section whose code is missing, mistyped or from
another numbering is matched by its title: words are compared by their Azerbaijani search
stems (`ctip.azlang.stem_key`), each weighted by how rare it is among the catalogue's titles
(words every item shares, such as `insan alveri`, count little), and the score is the
weighted overlap (Dice) of the two titles. A title match is accepted only at or above the
threshold and clearly ahead of the runner-up; anything else is flagged for a person to
decide, with the best candidates, and never attached silently.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from ctip.azlang import search_key, stem_key

THRESHOLD = 0.55  # a title score below this is no match
MARGIN = 0.15  # the best title must lead the runner-up by this much
_WORD_RE = re.compile(r"[^\W\d_]+")
_STOP = frozenset(
    "və ilə üzrə üçün dair bağlı barədə haqqında həmçinin habelə olan edən onların bu o ki da də"
    " ya yaxud sahəsində məqsədilə".split()
)


def normalise_code(code: str | None) -> str | None:
    """`4.2.10.` / `4,2,10` / `04.2.10` -> `4.2.10`; None for no digits."""
    if not code:
        return None
    parts = re.findall(r"\d+", code)
    return ".".join(str(int(p)) for p in parts) if parts else None


def words(title: str) -> list[str]:
    """The stems of a title's content words."""
    out = []
    for w in _WORD_RE.findall(title or ""):
        key = search_key(w)
        if len(key) >= 3 and key not in _STOP and w.lower() not in _STOP:
            out.append(stem_key(w))
    return out


class _Index:
    def __init__(self, catalogue: list[tuple[str, str]]):
        self.entries = [(normalise_code(c) or c, t, Counter(words(t))) for c, t in catalogue]
        df: Counter = Counter()
        for _c, _t, bag in self.entries:
            df.update(set(bag))
        n = max(len(self.entries), 1)
        self.idf = {w: math.log(1 + n / k) for w, k in df.items()}
        self.by_code = {c: (c, t, bag) for c, t, bag in self.entries}

    def weight(self, bag: Counter) -> float:
        return sum(self.idf.get(w, math.log(1 + len(self.entries))) * k for w, k in bag.items())

    def score(self, a: Counter, b: Counter) -> float:
        total = self.weight(a) + self.weight(b)
        return 2 * self.weight(a & b) / total if total else 0.0

    def ranked(self, bag: Counter) -> list[tuple[float, str, str]]:
        scored = [(self.score(bag, b), c, t) for c, t, b in self.entries]
        return sorted(scored, key=lambda s: -s[0])


def _pairs(catalogue: Iterable) -> list[tuple[str, str]]:
    out = []
    for entry in catalogue:
        if isinstance(entry, dict):
            out.append((str(entry["code"]), entry.get("title") or ""))
        else:
            code, title = entry
            out.append((str(code), title or ""))
    return out


def _result(item: dict, ranked: list, **kw) -> dict:
    best = [{"code": c, "title": t, "score": round(s, 3)} for s, c, t in ranked[:3] if s > 0]
    out = {"code": item.get("code"), "title": item.get("title"), "match": None, "score": 0.0}
    out.update(by=None, flagged=True, reason=None, candidates=best)
    out.update(kw)
    return out


def match_one(item: dict, index: _Index, threshold: float = THRESHOLD) -> dict:
    """The catalogue entry of one section (see the module docstring)."""
    code = normalise_code(item.get("code"))
    bag = Counter(words(item.get("title") or ""))
    ranked = index.ranked(bag) if bag else []
    if code in index.by_code:
        own = index.score(bag, index.by_code[code][2]) if bag else 1.0
        if own >= threshold or not bag:
            return _result(item, ranked, match=code, score=round(own, 3), by="code", flagged=False)
        return _result(item, ranked, score=round(own, 3), reason="title_differs")
    if not ranked:
        return _result(item, ranked, reason="no_code_no_title" if not code else "unknown_code")
    best, second = ranked[0][0], ranked[1][0] if len(ranked) > 1 else 0.0
    if best >= threshold and best - second >= MARGIN:
        return _result(
            item, ranked, match=ranked[0][1], score=round(best, 3), by="title", flagged=False
        )
    reason = "ambiguous_title" if best >= threshold else "no_match"
    return _result(item, ranked, score=round(best, 3), reason=reason)


def match_catalogue(
    items: list[dict], catalogue: Iterable, threshold: float = THRESHOLD
) -> list[dict]:
    """One result per section that has a code or a title (the preamble is skipped), in order:
    `{"index", "code", "title", "match", "score", "by", "flagged", "reason", "candidates"}`."""
    index = _Index(_pairs(catalogue))
    out = []
    for i, item in enumerate(items):
        if not item.get("code") and not item.get("title"):
            continue
        result = match_one(item, index, threshold)
        out.append({"index": i, **result})
    return out

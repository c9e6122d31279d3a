"""Scores an extraction against a gold reading in the corpus gold schema (../shared/corpus/README).

The same conventions as the corpus's score.py, written here so that ctip's own held-out cases
(tests/extraction/cases/) are scored where ../shared is absent: codes by the longest common
subsequence, titles exact after folding, facts as sets per code (AZ dropped, items without a code
ignored). score() returns {check: (P, R, F1)} and a list of misses.
"""

from __future__ import annotations

import re
import unicodedata

TYPES = ("date", "document", "quantity", "country", "person")
GOLD_KEY = {"date": "dates", "document": "documents", "quantity": "quantities"}
GOLD_KEY |= {"country": "countries", "person": "persons"}
_QUOTES = dict.fromkeys(map(ord, "“”„‟«»‹›\"'‘’‚`´"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")


def fold(s: str | None) -> str:
    """Whitespace, quotes, dashes, a trailing `.:;,` and Azerbaijani case folded away."""
    s = unicodedata.normalize("NFC", s or "").replace("\u00ad", "").replace("\u00a0", " ")
    s = s.translate(_QUOTES).translate(_DASHES)
    s = s.replace("İ", "i").replace("I", "ı").lower().replace("i\u0307", "i")
    return re.sub(r"\s+", " ", s).strip().rstrip(".:;, ").strip()


def _number(v) -> int | float | str:
    try:
        f = float(str(v).replace(" ", "").replace(",", "."))
    except ValueError:
        return str(v)
    return int(f) if f == int(f) else f


def _fact_key(kind: str, v):
    if kind == "date":
        return (v[0], v[1] or v[0])
    if kind == "document":
        return (v[0].lower(), re.sub(r"\s+", "", fold(v[1])).lstrip("№"), v[2] or None)
    if kind == "quantity":
        return (_number(v[0]), fold(v[1]))
    return v.upper() if kind == "country" else fold(v)


def _output_value(f: dict):
    """A fact of the extractor's output in the gold's shape, or None."""
    kind = f.get("type")
    if kind == "date":
        return [f["start"], f.get("end")] if f.get("start") else None
    if kind == "document":
        return [f.get("kind") or "", f.get("number") or "", f.get("date")]
    if kind == "quantity":
        return [f.get("value"), f.get("unit") or ""]
    if kind == "country":
        code = (f.get("code") or "").upper()
        return code if code and code != "AZ" else None
    return f.get("name") or "" if kind == "person" else None


def _lcs(a: list, b: list) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _prf(tp: int, n_out: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_out if n_out else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_out else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict, out: dict) -> tuple[dict, list[str]]:
    """({check: (P, R, F1)}, misses) of an extractor output against a gold reading."""
    codes, titles, found = [], {}, {t: {} for t in TYPES}
    for item in out.get("items", []):
        code = (item.get("code") or "").strip()
        if not code:
            continue
        codes.append(code)
        if code not in titles and (item.get("title") or "").strip():
            titles[code] = item["title"]
        for f in item.get("facts", []):
            if f.get("type") in TYPES and (value := _output_value(f)) is not None:
                found[f["type"]].setdefault(code, set()).add(_fact_key(f["type"], value))
    rows = {"codes": _prf(_lcs(gold["codes"], codes), len(codes), len(gold["codes"]))}
    misses = [f"codes: gold {gold['codes']} got {codes}"] if codes != gold["codes"] else []
    exact = [c for c in gold["titles"] if fold(titles.get(c)) == fold(gold["titles"][c])]
    exact = [c for c in exact if c in titles]
    rows["titles"] = _prf(len(exact), len(titles), len(gold["titles"]))
    misses += [f"title {c}: got {titles.get(c)!r}" for c in gold["titles"] if c not in exact]
    for kind in TYPES:
        want = {
            code: {_fact_key(kind, v) for v in values}
            for code, values in gold.get(GOLD_KEY[kind], {}).items()
        }
        tp = fp = fn = 0
        for code in sorted(set(want) | set(found[kind])):
            g, o = want.get(code, set()), found[kind].get(code, set())
            tp, fp, fn = tp + len(g & o), fp + len(o - g), fn + len(g - o)
            misses += [f"{kind} {code}: missed {sorted(g - o, key=str)}"] if g - o else []
            misses += [f"{kind} {code}: extra {sorted(o - g, key=str)}"] if o - g else []
        rows[kind] = _prf(tp, tp + fp, tp + fn)
    return rows, misses

"""A person's corrections to a report's extraction, applied as pure edits of the result.

A correction is a dict with `op`, `index` (the section's position when it was made, after the
corrections before it) and `was` (that section's code then). Replaying the same list on the same
extraction gives the same sections; a correction that no longer fits (`was` differs, the index
is gone — the extractor changed) is skipped and reported, never applied to another section.

- `code`: set or change the code, and the title when one is given (mapping a section to a
  catalogue sub-item sets both);
- `merge`: append the section to the one before it;
- `split`: cut the section before its paragraph `at` (1-based count of paragraphs kept); the
  new section gets `code` (or none);
- `drop_fact`: remove the fact of `type` at `span`.
"""

from __future__ import annotations

import copy
import re

OPS = ("code", "merge", "split", "drop_fact")
CODE_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,3}$")
PARA = "\n\n"


class CorrectionError(ValueError):
    """The correction does not fit the sections it is applied to."""


def apply_corrections(result: dict, corrections: list[dict]) -> tuple[dict, list[dict]]:
    """A copy of `result` with every fitting correction applied, and the ones skipped."""
    out = copy.deepcopy(result)
    skipped = []
    for correction in corrections:
        try:
            apply_one(out, correction)
        except CorrectionError:
            skipped.append(correction)
    return out, skipped


def apply_one(result: dict, c: dict) -> None:
    """Apply one correction to `result` in place (CorrectionError when it does not fit)."""
    items = result.get("items") or []
    i = c.get("index")
    if c.get("op") not in OPS or not isinstance(i, int) or not 0 <= i < len(items):
        raise CorrectionError("no such section")
    if items[i].get("code") != c.get("was"):
        raise CorrectionError("the section changed")
    {"code": _set_code, "merge": _merge, "split": _split, "drop_fact": _drop_fact}[c["op"]](
        items, i, c
    )


def _set_code(items: list[dict], i: int, c: dict) -> None:
    code = (c.get("code") or "").strip().rstrip(".")
    if not CODE_RE.match(code):
        raise CorrectionError("not a sub-item code")
    items[i]["code"] = code
    if c.get("title"):
        items[i]["title"] = c["title"]


def _merge(items: list[dict], i: int, c: dict) -> None:
    if i == 0:
        raise CorrectionError("nothing before the first section")
    prev, cur = items[i - 1], items.pop(i)
    offset = len(prev["text"]) + len(PARA) if prev.get("text") else 0
    prev["text"] = PARA.join(filter(None, [prev.get("text"), cur.get("text")]))
    prev["facts"] = list(prev.get("facts") or []) + [
        _shifted(f, offset) for f in cur.get("facts") or []
    ]
    prev["spans"] = list(prev.get("spans") or []) + list(cur.get("spans") or [])
    prev["pages"] = sorted(set(prev.get("pages") or []) | set(cur.get("pages") or []))
    prev["tables"] = list(prev.get("tables") or []) + list(cur.get("tables") or [])


def _split(items: list[dict], i: int, c: dict) -> None:
    cur = items[i]
    paras = (cur.get("text") or "").split(PARA)
    at = c.get("at")
    if not isinstance(at, int) or not 1 <= at < len(paras):
        raise CorrectionError("no such paragraph")
    code = (c.get("code") or "").strip().rstrip(".") or None
    if code is not None and not CODE_RE.match(code):
        raise CorrectionError("not a sub-item code")
    head = PARA.join(paras[:at])
    cut = len(head) + len(PARA)
    facts = cur.get("facts") or []
    new = {
        **copy.deepcopy(cur),
        "code": code,
        "title": c.get("title") or None,
        "text": PARA.join(paras[at:]),
        "facts": [_shifted(f, -cut) for f in facts if f["span"][0] >= cut],
        "spans": [],
        "tables": [],
        "fields": {},
        "repeated": False,
    }
    cur["text"] = head
    cur["facts"] = [f for f in facts if f["span"][1] <= len(head)]
    items.insert(i + 1, new)


def _drop_fact(items: list[dict], i: int, c: dict) -> None:
    facts = items[i].get("facts") or []
    span = list(c.get("span") or [])
    keep = [f for f in facts if not (f["type"] == c.get("type") and list(f["span"]) == span)]
    if len(keep) == len(facts):
        raise CorrectionError("no such fact")
    items[i]["facts"] = keep


def _shifted(fact: dict, by: int) -> dict:
    return {**fact, "span": [fact["span"][0] + by, fact["span"][1] + by]}

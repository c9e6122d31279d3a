"""`document` facts: decisions, resolutions, letters, orders, decrees, agreements, laws.

Core pattern: `<date> tarixli <number> nömrəli <kind word>`; a number list closed by a plural
kind word (`02/270 nömrəli, ... 02/272 nömrəli məktublar`) gives one fact per number.
Also: `<number> nömrəli <kind>` without a date (date null); a letter without a number when a
date and the word `məktub` stand in one clause (`18.10.2022-ci il tarixdə ... məktub
ünvanlanmışdır`, not when the verb is negated); a quoted agreement/law title signed on a date
(`21 iyun 2022-ci il tarixdə “... Saziş” imzalanmış`), number null, with `title`.
Issuer: an organisation in the genitive or ablative just before the date (also through a
title word: `Xidməti rəisinin`). Recipient: one in the dative just before the date, or just
after the kind word (`məktubla ... Nazirlər Kabinetinə`).
"""

from __future__ import annotations

import re

from .textutil import az_lower

KIND_WORDS = [
    ("sərəncam", "order"),
    ("dərkənar", "resolution"),
    ("məktub", "letter"),
    ("qərar", "decision"),
    ("fərman", "decree"),
    ("saziş", "agreement"),
    ("qanun", "law"),
    ("əmr", "order"),
    ("memorandum", "agreement"),
    ("konvensiya", "agreement"),
    ("protokol", "agreement"),
]
_NUMBER = r"(?:№\s*)?(?P<num>\d[\w/\-.]*?(?:\s*\(\d{4}\))?)"
_TAIL_RE = re.compile(r"\s+tarixli\s+" + _NUMBER + r"\s+nömrəli(?=[\s,])")
_NODATE_RE = re.compile(r"(?<![\w/\-.])" + _NUMBER + r"\s+nömrəli(?=[\s,])")
_KIND_AFTER_RE = re.compile(r"\s+([^\W\d_]+)")
_PLURAL_RE = re.compile(r"nömrəli\s+([^\W\d_]+)")
_SENT_END_RE = re.compile(r"[.;](?:\s|$)")
_TARIXDE_RE = re.compile(r"\s+tarix(?:də|ində)\s+")
_CLAUSE_WORD_RE = re.compile(r"([^\W\d_][\w\-]*)\s+")
_NEGATED_RE = re.compile(r"m[aə]m[ıi]ş|m[aə]y[ıi]b")
_TITLE_WORDS = {
    "rəisinin",
    "sədrinin",
    "nazirinin",
    "müdirinin",
    "rəhbərinin",
    "münasibəti",
    "baş",
    "müavininin",
}
_GENITIVE = ("ın", "in", "un", "ün")
_ABLATIVE = ("dan", "dən")
_DATIVE = ("a", "ə")


def kind_of(word_low: str) -> str | None:
    for stem, kind in KIND_WORDS:
        if word_low.startswith(stem) and len(word_low) - len(stem) <= 7:
            return kind
    return None


def _is_plural(word_low: str) -> bool:
    return "lar" in word_low or "lər" in word_low


def _case(org_text: str) -> str | None:
    low = az_lower(org_text.rstrip(')”" '))
    if low.endswith(_ABLATIVE):
        return "ablative"
    if low.endswith(_GENITIVE):
        return "genitive"
    if low.endswith(_DATIVE):
        return "dative"
    return None


def _org_before(text: str, pos: int, orgs: list[dict]) -> tuple[dict, str] | None:
    """The organisation right before `pos` and its case, allowing a few linking words."""
    best = None
    for org in orgs:
        if org["span"][1] <= pos and (best is None or org["span"][1] > best["span"][1]):
            best = org
    if best is None:
        return None
    gap = text[best["span"][1] : pos]
    words = gap.split()
    if any(ch in gap for ch in '.;:()“”"') or len(words) > 4:
        return None
    case = _case(best["text"])
    if not words:
        return best, case
    if all(w in _TITLE_WORDS or w == "isə" for w in words):
        if any(w in _TITLE_WORDS for w in words):
            return best, "genitive"
        return best, case
    if case == "ablative" and "," not in gap:
        return best, case
    return None


def _org_after(text: str, pos: int, orgs: list[dict]) -> dict | None:
    for org in sorted(orgs, key=lambda o: o["span"][0]):
        if org["span"][0] >= pos:
            gap = text[pos : org["span"][0]]
            if gap.strip() == "" and _case(org["text"]) == "dative":
                return org
            return None
    return None


def _parties(text: str, start: int, end: int, orgs: list[dict]) -> dict:
    issuer = recipient = None
    before = _org_before(text, start, orgs)
    if before:
        org, case = before
        if case in ("genitive", "ablative"):
            issuer = org["abbr"]
        elif case == "dative":
            recipient = org["abbr"]
    if recipient is None:
        after = _org_after(text, end, orgs)
        if after:
            recipient = after["abbr"]
    return {"issuer": issuer, "recipient": recipient}


def _sentence_end(text: str, pos: int) -> int:
    m = _SENT_END_RE.search(text, pos)
    return m.start() if m else len(text)


def find_documents(text: str, dates: list, orgs: list[dict]) -> list[dict]:
    """`dates`: azlang DateMatch objects found in `text`; `orgs`: organisation facts."""
    low = az_lower(text)
    facts: list[dict] = []
    covered: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, number, date, **extra) -> None:
        fact = {
            "type": "document",
            "text": text[start:end],
            "span": [start, end],
            "kind": kind,
            "number": number,
            "date": date,
        }
        fact.update(_parties(text, start, end, orgs))
        fact.update(extra)
        facts.append(fact)
        covered.append((start, end))

    for d in dates:
        ds, de = d.span
        iso = d.start.isoformat()
        m = _TAIL_RE.match(text, de)
        if m:
            number = re.sub(r"\s+", " ", m.group("num"))
            k = _KIND_AFTER_RE.match(text, m.end())
            kind = kind_of(low[k.start(1) : k.end(1)]) if k else None
            if kind:
                add(ds, k.end(1), kind, number, iso)
                continue
            # A list closed by a plural kind word later in the sentence.
            stop = _sentence_end(text, m.end())
            for p in _PLURAL_RE.finditer(low, m.end(), stop):
                word = p.group(1)
                pk = kind_of(word)
                if pk:
                    if _is_plural(word):
                        add(ds, m.end(), pk, number, iso)
                    break
            continue
        m = _TARIXDE_RE.match(text, de)
        if not m:
            continue
        # A quoted agreement/law title: 21 iyun 2022-ci il tarixdə “... Saziş” imzalanmış
        if text.startswith(("“", '"'), m.end()):
            close = text.find("”" if text[m.end()] == "“" else '"', m.end() + 1)
            if close != -1:
                inner = text[m.end() + 1 : close]
                last = re.findall(r"[^\W\d_]+", az_lower(inner))
                kind = kind_of(last[-1]) if last else None
                if kind in ("agreement", "law", "decree", "order", "decision"):
                    add(ds, close + 1, kind, None, iso, title=re.sub(r"\s+", " ", inner))
            continue
        # A letter without a number in the same clause as the date.
        pos, n_words = m.end(), 0
        while n_words < 8:
            w = _CLAUSE_WORD_RE.match(text, pos)
            if not w:
                break
            word = az_lower(w.group(1))
            if word in ("məktub", "məktublar"):
                verb = _CLAUSE_WORD_RE.match(text, w.end()) or re.compile(r"([^\W\d_]+)").match(
                    text, w.end()
                )
                if verb and _NEGATED_RE.search(verb.group(1)):
                    break
                add(ds, w.end(1), "letter", None, iso)
                clause_orgs = [o for o in orgs if de <= o["span"][0] < w.start(1)]
                if clause_orgs and facts[-1]["recipient"] is None:
                    facts[-1]["recipient"] = clause_orgs[0]["abbr"]
                break
            pos, n_words = w.end(), n_words + 1
    # Numbered documents with no date (every one has the word `nömrəli`: skip the scan if
    # the section has none).
    for m in _NODATE_RE.finditer(text) if "nömrəli" in text else ():
        if any(s <= m.start() < e for s, e in covered):
            continue
        k = _KIND_AFTER_RE.match(text, m.end())
        kind = kind_of(low[k.start(1) : k.end(1)]) if k else None
        if kind:
            add(m.start(), k.end(1), kind, re.sub(r"\s+", " ", m.group("num")), None)
    facts.sort(key=lambda f: f["span"][0])
    return facts

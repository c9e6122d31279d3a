"""`document` facts: numbered acts and letters (and two narrow unnumbered forms).

A document is anchored on its number: `<number> nömrəli`, `<number> saylı`, `<number> №-li`,
`№ <number> saylı`, `№ <number>` — numbers as written (`3/12-456`, `1134-VIQD`, `E-2022/1187`, `14-T`,
`4969/29644aid (2021)`). Its kind is the first kind word within three words after the anchor
(`… nömrəli birgə əmri`, `… nömrəli Əməkdaşlıq Sazişi`); a list closed by a plural kind word
(`… 02/270 nömrəli, … 02/272 nömrəli məktublar`) gives one document per number. An anchor
without a kind word is no document (`2 nömrəli məktəb`, a hotline, a court case `iş № …`).

The document's own date is the one written for it: `<date> tarixli [№] <number>`, or the day
it was signed or adopted (`<date> tarixində imzalanmış <number> nömrəli Protokol`), or for a
protocol the day of the meeting it records (`<date> tarixində keçirilmiş müşavirənin 4
nömrəli Protokolu`). A date it was received or discussed on (`… tarixində daxil olmuş`) is
not its date.

Unnumbered (number null), as before: a letter when a date (`… tarixdə`) and the word `məktub`
stand in one clause and the verb is not negated; an agreement or law signed on a date under
a quoted title (`“… Saziş” imzalanmışdır`).

Issuer: an organisation in the genitive or ablative just before (also through a title word:
`Xidməti rəisinin`). Recipient: one in the dative just before, or just after the kind word.
"""

from __future__ import annotations

import re

from .textutil import az_lower, az_lower_word

KIND_WORDS = [
    ("sərəncam", "order"),
    ("dərkənar", "resolution"),
    ("məktub", "letter"),
    ("nota", "letter"),
    ("qərar", "decision"),
    ("qətnamə", "decision"),
    ("fərman", "decree"),
    ("saziş", "agreement"),
    ("müqavilə", "agreement"),
    ("memorandum", "agreement"),
    ("konvensiya", "agreement"),
    ("qanun", "law"),
    ("əmr", "order"),
    ("protokol", "protocol"),
    ("təlimat", "instruction"),
]
_NUM = r"(?:[A-ZƏİÖÜÇŞĞ]{1,5}-)?\d[\w/\-.]*?(?:\s*\(\d{4}\))?"
_ANCHOR_RE = re.compile(
    rf"(?<![\w/\-.])(?:(?P<sign>№)\s*)?(?P<num>{_NUM})(?:\s+(?:nömrəli|saylı)|\s*№-li)(?=[\s,]|$)"
    rf"|(?<![\w/\-.])(?P<sign2>№)\s*(?P<num2>{_NUM})(?=[\s,;)]|$)"
)
_WORD_RE = re.compile(r"\s+([^\W\d_]+)")
_PLURAL_RE = re.compile(r"(?:nömrəli|saylı)\s+([^\W\d_]+)")
_SENT_END_RE = re.compile(r"[.;](?:\s|$)")
_TARIXLI_RE = re.compile(r"\s+tarixli\s+$")
_SIGNED_RE = re.compile(
    r"\s+tarix(?:ində|də)\s+(?:[^\W\d_][\w-]*\s+){0,10}?"
    r"(?:imzalanmış|imzalanan|qəbul\s+edilmiş|təsdiq\s+edilmiş|bağlanmış|verilmiş)\s+$"
)
_MEETING_RE = re.compile(
    r"\s+tarix(?:ində|də)\s+(?:[^\W\d_]+\s+){0,6}?(?:keçirilmiş|keçirilən)\s+"
    r"[^\W\d_]+(?:[ıiuü]n|n[ıiuü]n)\s+$"
)
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
    low = az_lower_word(org_text.rstrip(')”" '))
    if low.endswith(_ABLATIVE):
        return "ablative"
    if low.endswith(_GENITIVE):
        return "genitive"
    if low.endswith(_DATIVE):
        return "dative"
    return None


def _org_before(text: str, pos: int, orgs: list[dict]) -> tuple[dict, str | None] | None:
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
        return best, "genitive" if any(w in _TITLE_WORDS for w in words) else case
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


def _kind_after(text: str, low: str, pos: int) -> tuple[str, int] | None:
    """(kind, end of the kind word) within three words after `pos`, no punctuation between."""
    for _ in range(3):
        m = _WORD_RE.match(text, pos)
        if m is None:
            return None
        kind = kind_of(low[m.start(1) : m.end(1)])
        if kind:
            return kind, m.end(1)
        pos = m.end(1)
    return None


def _plural_kind(low: str, pos: int) -> str | None:
    """The kind of a list closed later in the sentence by a plural kind word."""
    stop = _SENT_END_RE.search(low, pos)
    for p in _PLURAL_RE.finditer(low, pos, stop.start() if stop else len(low)):
        kind = kind_of(p.group(1))
        if kind:
            return kind if _is_plural(p.group(1)) else None
    return None


def _own_date(text: str, start: int, dates: list, kind: str):
    """The date match written for the document whose anchor starts at `start`, or None."""
    for d in reversed(dates):
        if d.span[1] > start:
            continue
        gap = text[d.span[1] : start]
        if len(gap) > 160:
            return None
        if _TARIXLI_RE.fullmatch(gap) or _SIGNED_RE.fullmatch(gap):
            return d
        if kind == "protocol" and _MEETING_RE.fullmatch(gap):
            return d
        return None
    return None


class _Found:
    """Collects document facts of one section's text."""

    def __init__(self, text: str, orgs: list[dict]):
        self.text, self.orgs = text, orgs
        self.facts: list[dict] = []

    def add(self, start: int, end: int, kind: str, number, date, **extra) -> dict:
        fact = {
            "type": "document",
            "text": self.text[start:end],
            "span": [start, end],
            "kind": kind,
            "number": number,
            "date": date,
        }
        fact.update(_parties(self.text, start, end, self.orgs))
        fact.update(extra)
        self.facts.append(fact)
        return fact

    def covers(self, pos: int) -> bool:
        return any(f["span"][0] <= pos < f["span"][1] for f in self.facts)


_KEYWORD_RE = re.compile(r"nömrəli|saylı|№")


def _anchors(text: str):
    """The number anchors of `text`, searched only around their key words (fast)."""
    last = 0
    for k in _KEYWORD_RE.finditer(text):
        if k.start() < last:
            continue
        m = _ANCHOR_RE.search(text, max(last, k.start() - 60), k.end() + 60)
        if m is not None and m.start() <= k.start() < m.end():
            last = m.end()
            yield m


def _numbered(found: _Found, low: str, dates: list) -> None:
    text = found.text
    for m in _anchors(text):
        number = " ".join((m.group("num") or m.group("num2")).split())
        hit = _kind_after(text, low, m.end())
        kind, end = hit if hit else (_plural_kind(low, m.end()), m.end())
        if kind is None or found.covers(m.start()):
            continue
        d = _own_date(text, m.start(), dates, kind)
        start = d.span[0] if d else m.start()
        found.add(start, end, kind, number, d.start.isoformat() if d else None)


def _quoted_title(found: _Found, d, at: int) -> bool:
    """`… tarixdə “… Saziş” imzalanmışdır`: an unnumbered agreement or law."""
    text = found.text
    if not text.startswith(("“", '"'), at):
        return False
    close = text.find("”" if text[at] == "“" else '"', at + 1)
    if close == -1:
        return True
    inner = text[at + 1 : close]
    last = re.findall(r"[^\W\d_]+", az_lower_word(inner))
    kind = kind_of(last[-1]) if last else None
    if kind in ("agreement", "law", "decree", "order", "decision"):
        found.add(
            d.span[0], close + 1, kind, None, d.start.isoformat(), title=" ".join(inner.split())
        )
    return True


def _unnumbered_letter(found: _Found, d, at: int) -> None:
    """A date and the word `məktub` in one clause (at most 8 words apart), verb not negated."""
    text = found.text
    pos = at
    for _ in range(8):
        w = _CLAUSE_WORD_RE.match(text, pos)
        if not w:
            return
        if az_lower_word(w.group(1)) in ("məktub", "məktublar"):
            verb = _CLAUSE_WORD_RE.match(text, w.end()) or re.compile(r"([^\W\d_]+)").match(
                text, w.end()
            )
            if verb and _NEGATED_RE.search(verb.group(1)):
                return
            fact = found.add(d.span[0], w.end(1), "letter", None, d.start.isoformat())
            clause = [o for o in found.orgs if d.span[1] <= o["span"][0] < w.start(1)]
            if clause and fact["recipient"] is None:
                fact["recipient"] = clause[0]["abbr"]
            return
        pos = w.end()


def find_documents(text: str, dates: list, orgs: list[dict]) -> list[dict]:
    """`dates`: azlang DateMatch objects found in `text`; `orgs`: organisation facts."""
    low = az_lower(text)
    found = _Found(text, orgs)
    _numbered(found, low, dates)
    for d in dates:
        m = _TARIXDE_RE.match(text, d.span[1])
        if m is None or found.covers(d.span[0]):
            continue
        if not _quoted_title(found, d, m.end()):
            _unnumbered_letter(found, d, m.end())
    found.facts.sort(key=lambda f: f["span"][0])
    return found.facts

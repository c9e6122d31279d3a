"""The heading forms of Azerbaijani action-plan reports, recognised at the start of a paragraph.

Sub-item headings (a code of two to four numbers, `3.7`, `6.12`, `4.2.10`):

* ``4.2.10-cu yarımbənd üzrə (TITLE):`` — the title in balanced parentheses, body after;
* ``4.7.3-cü yarımbəndin icrası:``, ``1.1.2-ci bənd``, ``Tədbirlər Planının 2.3.4-cü bəndinin
  icrası ilə bağlı:`` — the code phrase ends at a colon or the paragraph's end; the title
  follows in quotes or parentheses, as plain text after the colon, or as the next paragraph;
  a note in parentheses (``(əlavə məlumat)``) marks a continuation without a title;
* ``Yarımbənd 4.7.3: TITLE``, ``Bənd 4.1.3`` (then ``Tədbir: TITLE``);
* ``3.2.1. TITLE`` and ``3.7. «TITLE»`` — a numbered heading, taken only when the title reads
  as a title (no sentence ends inside it, it does not end in a finite verb) or is quoted.

A phrase with the code that runs on as a sentence (``4.7.3-cü yarımbənd üzrə hesabatda …``,
``4.7.3-cü yarımbənddə qeyd edildiyi kimi``) is a cross-reference, never a heading; so is
``bax: 4.7.3`` anywhere. Section headings: ``III. …``, ``2. Profilaktika``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_L = r"[^\W\d_]"
CODE = r"(?P<code>\d{1,2}(?:\.\d{1,2}){1,3})"
_SUF = r"(?:\s?-\s?(?:c[ıiuü]|[ıiuü]nc[ıiuü]))"
_BEND = r"(?:[Yy]arımbənd|YARIMBƏND|[Bb]ənd|BƏND)"
_PAREN_TITLE_RE = re.compile(rf"^{CODE}{_SUF}\s+{_BEND}\s+üzrə\s*\(")
_PHRASE_RE = re.compile(
    rf"^(?:(?:{_L}+\s+){{0,3}}{_L}+(?:ın|in|un|ün|nın|nin)\s+)?{CODE}{_SUF}?\s+{_BEND}"
    r"(?:i|in|inin|ının|ı)?"
    r"(?:\s+(?:icrası|üzrə)(?:\s+(?:ilə\s+bağlı|barədə|haqqında|vəziyyəti|üzrə|görülmüş\s+işlər|məlumat))?)?"
    r"(?:\s*\((?P<note>(?:əlavə|davam|ardı|əvvəli)[^()]{0,30})\))?"
    r"\s*(?P<end>:|\.(?=\s|$)|$|(?=[«“\"(]))"
)
_LABEL_CODE_RE = re.compile(
    rf"^(?:{_BEND}|[Tt]ədbir|TƏDBİR)\s*(?:№\s*)?{CODE}\.?(?=[\s:.–—-]|$)\s*(?:[:.–—-]\s*)?"
)
_NUMBERED_RE = re.compile(rf"^{CODE}\.?\s+(?=[«“\"(]|[A-ZƏÖÜÇŞĞİ])")
_ROMAN_RE = re.compile(r"^[IVXLC]{1,6}\.\s+\S")
_TOP_RE = re.compile(r"^\d{1,2}\.\s+[A-ZƏÖÜÇŞĞİ]")
LABEL_RE = re.compile(
    r"^(?P<label>Tədbirin adı|Tədbir|İcra vəziyyəti|İcranın vəziyyəti|Görülmüş işlər|"
    r"İcrası barədə məlumat|İcra barədə məlumat|İcraçılar|İcraçı|Məsul icraçı|İcra müddəti|"
    r"Gözlənilən nəticə)\s*:\s*",
    re.I,
)
_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“", "(": ")"}
_SENTENCE_INSIDE_RE = re.compile(r"[.!?;]\s+[A-ZƏÖÜÇŞĞİ]")
# A finite verb at the end: a report's sentence, not a plan item's title.
_FINITE_RE = re.compile(
    r"(?:d[ıiuü]r|t[ıiuü]r|m[ıi]şd[ıi]r|m[uü]şd[uü]r|[ıiuü]l[ıiuü]r|[ıiuü]n[ıiuü]r|"
    r"[ıiuü]ld[ıiuü]|[ıiuü]nd[ıiuü]|ed[iı]r|olunur|edilir|verilir)[.!]?$"
)
# Line starts of headings (sub-item or section) and of form labels and list items: each opens
# a new paragraph in plain text (used by `cleaning`).
_HEADING_STARTS = (
    _PAREN_TITLE_RE.pattern,
    rf"^(?:{_L}+\s+){{0,3}}{CODE.replace('?P<code>', '?:')}{_SUF}?\s+{_BEND}"
    r"(?:i|in|inin|ının|ı)?"
    r"(?:\s+(?:icrası|üzrə)(?:\s+(?:ilə\s+bağlı|barədə|haqqında|vəziyyəti|üzrə|görülmüş\s+işlər|məlumat))?)?"
    r"(?:\s*\((?:əlavə|davam|ardı|əvvəli)[^()]{0,30}\))?\s*(?::|$|(?=[«“\"(]))",
    _LABEL_CODE_RE.pattern.replace("?P<code>", "?:"),
    _NUMBERED_RE.pattern.replace("?P<code>", "?:"),
    _ROMAN_RE.pattern,
    _TOP_RE.pattern,
)
HEADING_START_RE = re.compile("|".join(_HEADING_STARTS))
LINE_START_RE = re.compile(
    "|".join(
        (
            *_HEADING_STARTS,
            LABEL_RE.pattern.replace("?P<label>", "?i:"),
            r"^\d{1,2}\)\s+\S",
            r"^[•▪●◦■□➢✓]\s*\S",
        )
    ),
)

# Without a digit (no code, no number) a line can only open as a roman-numbered section, a
# form label or a list item: a digit test spares most lines the long regexes above.
_DIGIT_RE = re.compile(r"\d")
_NO_DIGIT_LINE_START_RE = re.compile(
    "|".join((_ROMAN_RE.pattern, LABEL_RE.pattern.replace("?P<label>", "?i:"), r"^[•▪●◦■□➢✓]\s*\S"))
)


def opens_heading(line: str) -> bool:
    """`HEADING_START_RE.match(line)`: a sub-item or section heading starts the line."""
    if _DIGIT_RE.search(line) is None:
        return _ROMAN_RE.match(line) is not None
    return HEADING_START_RE.match(line) is not None


def opens_paragraph(line: str) -> bool:
    """`LINE_START_RE.match(line)`: a heading, form label or list item starts the line."""
    if _DIGIT_RE.search(line) is None:
        return _NO_DIGIT_LINE_START_RE.match(line) is not None
    return LINE_START_RE.match(line) is not None


@dataclass(slots=True)
class Heading:
    """A sub-item heading found at the start of a paragraph.

    title: None when the title is to be taken from the next paragraph (unless `note` says the
    paragraph continues an earlier sub-item). rest: what follows the heading in the same
    paragraph (start of the body).
    """

    code: str
    form: str  # "parenthesised", "phrase", "label", "numbered"
    title: str | None
    rest: str = ""
    note: str | None = None


_BRACKET_RES: dict[str, re.Pattern] = {}


def closing(text: str, open_at: int) -> int | None:
    """Index of the bracket or quote closing the one at `open_at` (nesting counted), or None."""
    opener = text[open_at]
    closer = _QUOTES.get(opener)
    if closer is None:
        return None
    if opener == closer:
        found = text.find(closer, open_at + 1)
        return found if found >= 0 else None
    rx = _BRACKET_RES.get(opener)
    if rx is None:
        rx = _BRACKET_RES[opener] = re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")
    depth = 0
    for m in rx.finditer(text, open_at):
        depth += 1 if m.group() == opener else -1
        if depth == 0:
            return m.start()
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def title_like(text: str) -> bool:
    """Reads as a plan item's title: short, one statement, not ending in a finite verb."""
    t = text.strip().rstrip(":")
    if not t or len(t) > 500 or _SENTENCE_INSIDE_RE.search(t.rstrip(".")):
        return False
    last = t.rstrip(".").split()[-1].lower() if t.rstrip(".").split() else ""
    return not _FINITE_RE.search(last)


def split_title(rest: str) -> tuple[str | None, str]:
    """(title, body rest) from what follows a heading: a quoted or bracketed title first."""
    rest = rest.strip()
    if not rest:
        return None, ""
    if rest[0] in _QUOTES:
        end = closing(rest, 0)
        if end is not None:
            return _one_line(rest[1:end]).strip(), rest[end + 1 :].lstrip(" :.;")
    label = LABEL_RE.match(rest)
    if label and label.group("label").lower().startswith("tədbir"):
        rest = rest[label.end() :]
    if title_like(rest):
        return _one_line(rest).rstrip(":").strip(), ""
    return None, rest


def _parenthesised(par: str) -> Heading | None:
    m = _PAREN_TITLE_RE.match(par)
    if not m:
        return None
    end = closing(par, m.end() - 1)
    if end is None:
        return None
    title = _one_line(par[m.end() : end])
    return Heading(m.group("code"), "parenthesised", title, par[end + 1 :].lstrip(" :"))


def _phrase(par: str) -> Heading | None:
    m = _PHRASE_RE.match(par)
    if not m:
        return None
    note = m.group("note")
    title, rest = split_title(par[m.end() :])
    return Heading(m.group("code"), "phrase", title, rest, note=note)


def _label(par: str) -> Heading | None:
    m = _LABEL_CODE_RE.match(par)
    if not m:
        return None
    title, rest = split_title(par[m.end() :])
    return Heading(m.group("code"), "label", title, rest)


def _numbered(par: str) -> Heading | None:
    m = _NUMBERED_RE.match(par)
    if not m:
        return None
    rest = par[m.end() :]
    if rest[0] in _QUOTES and rest[0] != "(":
        title, body = split_title(rest)
        return Heading(m.group("code"), "numbered", title, body) if title else None
    if not title_like(rest):
        return None
    return Heading(m.group("code"), "numbered", _one_line(rest).rstrip(":").strip(), "")


def parse_heading(par: str) -> Heading | None:
    """The sub-item heading at the start of a paragraph, or None."""
    par = par.strip()
    if not par or not par[0].isalnum():
        return None
    for parse in (_parenthesised, _phrase, _label, _numbered):
        found = parse(par)
        if found is not None:
            return found
    return None


def is_section_heading(par: str) -> bool:
    """`III. Profilaktika`, `2. Qurbanlara yardım`: a numbered part of the report, no sub-item."""
    par = par.strip()
    if len(par) > 160 or not (_ROMAN_RE.match(par) or _TOP_RE.match(par)):
        return False
    return title_like(par.split(None, 1)[1] if " " in par else par)

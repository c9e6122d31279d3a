"""Undo text-layer damage: page breaks, running lines, wrapped lines, broken words, stray spaces.

`split_paragraphs` gives the paragraphs (each with the page it starts on); `clean_text` joins
them with one blank line ("\\n\\n"). Inside a paragraph there are no newlines and no runs of
spaces. The rules are in FORMAT.md ("Cleaning").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .headings import LINE_START_RE, opens_heading, opens_paragraph, parse_heading
from .hyphenation import Lexicon

_WS = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Whitespace runs to be replaced by one space: a run starting with any space but a plain one,
# or two or more characters (single plain spaces, most of them, are left alone: 2x faster).
_SPACES_RE = re.compile(rf"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]{_WS}*| {_WS}+")
# Without those other spaces the runs are runs of plain spaces: a literal search, 10x faster.
_OTHER_SPACES = (
    "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_PLAIN_SPACES_RE = re.compile(r"  +")
_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u00ad"
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
# A line that ends a paragraph when a blank line (or an indented line) follows it.
_PARA_END_RE = re.compile(r"[.:!?;][\"”’»)]*$")
# A statistics-annex heading is a paragraph of its own (sections.py ends the body there).
ANNEX_HEADINGS = ("Statistika əlavəsi", "Statistical annex", "Статистическое приложение")
# Page furniture: a line that is only a page number 1–9999, bare or decorated
# ("- 3 -", "3/20", "Səhifə 3", "Səhifə 3 / 11", "Page 3 of 20", "Стр. 3", "Страница 3 из 20").
_PAGE_NO = r"[1-9]\d{0,3}"
_PAGE_NUMBER_RE = re.compile(
    rf"(?:[-–—]\s*)?"
    rf"(?:(?:[Ss]əhifə|SƏHİFƏ|[Ss]əh\.|[Pp]age|PAGE|[Pp]\.|Стр\.?|стр\.?|Страница|страница|С\.|с\.)\s*)?"
    rf"{_PAGE_NO}"
    rf"(?:\s*(?:/|of|из|-d[əa]n)\s*{_PAGE_NO})?"
    rf"(?:\s*[-–—])?"
)
_PAGE_NUMBER_FIRST = frozenset("-–—SsPpСсp")
_LINE_START_FIRST = frozenset("•▪●◦■□➢✓")
_LETTERS_END_RE = re.compile(r"([^\W\d_]+)-$")
_LETTERS_START_RE = re.compile(r"^[^\W\d_]+")
_DIGITS_RE = re.compile(r"\d+")
_OPEN, _CLOSE = "(«“", ")»”"
_TITLE_END_RE = re.compile(r"[^\W\d_]{2,}[ıiuü][»”\")]?$")


def is_page_number(line: str) -> bool:
    """A line that is only a page number, bare or decorated."""
    line = line.strip()
    if not line or len(line) > 40 or not (line[0].isdigit() or line[0] in _PAGE_NUMBER_FIRST):
        return False
    return bool(_PAGE_NUMBER_RE.fullmatch(line))


@dataclass(slots=True)
class Paragraph:
    text: str
    page: int | None = None


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    if any(c in text for c in _ZERO_WIDTH):  # substring tests are far cheaper than a regex
        text = _ZERO_WIDTH_RE.sub("", text)
    if any(c in text for c in _OTHER_SPACES):
        text = _SPACES_RE.sub(" ", text)
    elif "  " in text:
        text = _PLAIN_SPACES_RE.sub(" ", text)
    return text.split("\n")  # indentation stays visible


def _breaks(lines: list[str]) -> list[bool]:
    """Which lines are page furniture: a form feed or a page number."""
    return [ln == "\f" or is_page_number(ln) for ln in lines]


def _pages(lines: list[str], breaks: list[bool]) -> list[int | None]:
    """The page of every line: form feeds count, else page-number lines (after them)."""
    feeds = "\f" in lines
    if not feeds and not any(breaks):
        return [None] * len(lines)
    page = 1
    out: list[int | None] = []
    for ln, brk in zip(lines, breaks, strict=True):
        out.append(page)
        if brk and (ln == "\f" or not feeds):
            page += 1
    return out


def _fold(line: str) -> str:
    return _DIGITS_RE.sub("#", line.strip()).casefold()


def _near(lines: list[str], breaks: list[bool], at: int, step: int) -> list[int]:
    """Up to two text lines from `at` in one direction, page breaks and numbers skipped."""
    out: list[int] = []
    i = at + step
    while 0 <= i < len(lines) and len(out) < 2:
        if lines[i].strip() and not breaks[i]:
            out.append(i)
        i += step
    return out


def running_lines(lines: list[str], breaks: list[bool] | None = None) -> set[str]:
    """Folded texts of running headers/footers: one text on 3+ lines next to page breaks."""
    breaks = breaks if breaks is not None else _breaks(lines)
    at = [i for i, brk in enumerate(breaks) if brk]
    if len(at) < 2:
        return set()
    near = {i for b in at for step in (-1, 1) for i in _near(lines, breaks, b, step)}
    counts = Counter(_fold(lines[i]) for i in near)
    return {t for t, n in counts.items() if n >= 3 and len(t) <= 150 and not LINE_START_RE.match(t)}


@dataclass
class _Builder:
    """Paragraphs assembled line by line (see split_paragraphs)."""

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    tail: str = ""
    gap: bool = False
    heading: bool = False
    depth: int = 0
    page: int | None = None
    _lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The document's words, read only when a line-end hyphen has to be decided."""
        if self._lexicon is None:
            self._lexicon = Lexicon(self.text)
        return self._lexicon

    def flush(self) -> None:
        if self.parts:
            self.paragraphs.append(Paragraph("".join(self.parts), self.page))
        self.parts, self.tail, self.heading, self.depth = [], "", False, 0

    def start(self, line: str, page: int | None) -> None:
        after_bare = self.heading and _without_title("".join(self.parts))
        self.flush()
        self.parts, self.tail, self.page = [line], line[-8:], page
        # A heading, or the title a heading without one is waiting for, ends at a blank line.
        self.heading = after_bare or (_may_open(line) and opens_heading(line))
        self.depth = _depth(line) if self.heading else 0

    def append(self, line: str, glue: str) -> None:
        self.parts.append(glue + line)
        self.tail = (self.tail + glue + line)[-8:]
        if self.heading:
            self.depth += _depth(line)

    def hyphen(self, line: str) -> bool:
        """A line after a paragraph ending in a hyphen: join it, with or without the hyphen."""
        if not self.tail.endswith("-") or self.tail.endswith(" -") or len("".join(self.parts)) < 2:
            return False
        left = _LETTERS_END_RE.search(self.parts[-1])
        right = _LETTERS_START_RE.match(line)
        if left and right and self.lexicon.join(left.group(1), right.group()):
            self.parts[-1] = self.parts[-1][:-1]
        self.append(line, "")
        return True

    def breaks(self, raw: str, line: str) -> bool:
        if _may_open(line) and opens_paragraph(line):
            return True
        loose = self.gap or raw[:1] == " "
        if self.heading and self.depth <= 0 and not self.tail.endswith("-"):
            if loose or (_may_open(line) and self.title_complete()):
                return True
        return loose and bool(_PARA_END_RE.search(self.tail[-6:]))

    def title_complete(self) -> bool:
        """The heading so far has its title, ended as plan titles end: a lowercase possessive
        verbal noun (`hazırlanması`, `təşkili`). A title wraps on a lowercase word, so a line
        opening with a capital or a digit after such an end starts the body."""
        if not _TITLE_END_RE.search(self.tail):
            return False
        text = "".join(self.parts)
        if not text.rsplit(None, 1)[-1].lstrip('«“"(')[:1].islower():
            return False  # a proper name (`… Respublikası`) runs on to the next line
        heading = parse_heading(text)
        return heading is not None and heading.title is not None and not heading.rest


def _may_open(line: str) -> bool:
    """Only a line starting with a digit, a capital or a bullet can open a heading or label."""
    first = line[0]
    return first.isdigit() or first.isupper() or first in _LINE_START_FIRST


def _without_title(paragraph: str) -> bool:
    heading = parse_heading(paragraph)
    return heading is not None and heading.title is None and heading.note is None


def _depth(line: str) -> int:
    return sum(line.count(c) for c in _OPEN) - sum(line.count(c) for c in _CLOSE)


def split_paragraphs(text: str) -> tuple[list[Paragraph], list[str]]:
    """(paragraphs, running lines removed) of a raw text; see the module docstring."""
    lines = _normalise(text)
    breaks = _breaks(lines)
    pages = _pages(lines, breaks)
    furniture = running_lines(lines, breaks)
    removed: dict[str, str] = {}
    b = _Builder(text)
    for raw, page, brk in zip(lines, pages, breaks, strict=True):
        line = raw.strip()
        if furniture and line and _fold(line) in furniture:
            removed.setdefault(_fold(line), line)
            line = ""
        if not line or brk:
            b.gap = bool(b.parts) or b.gap
            continue
        _add_line(b, raw, line, page)
        b.gap = False
    b.flush()
    return b.paragraphs, list(removed.values())


def _add_line(b: _Builder, raw: str, line: str, page: int | None) -> None:
    if line in ANNEX_HEADINGS:
        b.start(line, page)
        b.flush()
    elif not b.parts or b.breaks(raw, line):
        b.start(line, page)
    elif not b.hyphen(line):
        b.append(line, " ")


def clean_text(text: str) -> str:
    """Return the cleaned text: paragraphs separated by exactly one blank line."""
    return "\n\n".join(p.text for p in split_paragraphs(text)[0])

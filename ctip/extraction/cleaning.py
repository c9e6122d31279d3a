"""Undo PDF text-layer damage: page breaks, wrapped lines, split suffixes, stray spaces.

The result is a list of paragraphs joined by one blank line ("\\n\\n"); inside a paragraph
there are no newlines and no runs of spaces.
"""

from __future__ import annotations

import re

_WS = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Whitespace runs to be replaced by one space: a run starting with any space but a plain one,
# or two or more characters (single plain spaces, most of them, are left alone: 2x faster).
_SPACES_RE = re.compile(rf"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]{_WS}*| {_WS}+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")
# A line that ends a paragraph when a blank line (or an indented line) follows it.
_PARA_END_RE = re.compile(r"[.:!?;][\"”’»)]*$")
# A sub-item heading always starts a new paragraph.
_HEADING_START_RE = re.compile(r"^\d+(?:\.\d+)+-[^\W\d_]+\s+yarımbənd\s+üzrə\b")
# A statistics-annex heading is a paragraph of its own (sections.py ends the body there).
ANNEX_HEADINGS = ("Statistika əlavəsi", "Statistical annex", "Статистическое приложение")
# Page furniture: a line that is only a page number 1–9999, bare or decorated
# ("- 3 -", "3/20", "Səhifə 3", "Page 3 of 20", "Стр. 3", "Страница 3 из 20").
_PAGE_NO = r"[1-9]\d{0,3}"
_PAGE_NUMBER_RE = re.compile(
    rf"(?:[-–—]\s*)?"
    rf"(?:(?:[Ss]əhifə|SƏHİFƏ|[Ss]əh\.|[Pp]age|PAGE|[Pp]\.|Стр\.?|стр\.?|Страница|страница|С\.|с\.)\s*)?"
    rf"{_PAGE_NO}"
    rf"(?:\s*(?:/|of|из|-d[əa]n)\s*{_PAGE_NO})?"
    rf"(?:\s*[-–—])?"
)


def clean_text(text: str) -> str:
    """Return the cleaned text: paragraphs separated by exactly one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)  # runs of spaces -> one space; indentation stays visible
    paragraphs: list[str] = []
    # The paragraph so far as pieces (joined once: no quadratic string growth), with the
    # last characters of it kept apart for the end-of-line tests.
    parts: list[str] = []
    tail = ""  # the last (up to 8) characters of the paragraph so far
    gap = False  # a blank line was seen since the last text line
    page_number = _PAGE_NUMBER_RE.fullmatch
    heading_start = _HEADING_START_RE.match
    para_end = _PARA_END_RE.search
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or (len(line) <= 40 and page_number(line)):
            # A page number is page-break furniture: it counts as part of the break.
            gap = bool(parts) or gap
            continue
        if line in ANNEX_HEADINGS:
            if parts:
                paragraphs.append("".join(parts))
            paragraphs.append(line)
            parts, tail, gap = [], "", False
            continue
        if not parts:
            parts, tail = [line], line[-8:]
        elif heading_start(line) or ((gap or raw[:1] == " ") and para_end(tail[-6:])):
            paragraphs.append("".join(parts))
            parts, tail = [line], line[-8:]
        elif tail.endswith("-") and not tail.endswith(" -") and (len(parts) > 1 or len(tail) > 1):
            # "2022-" + "ci il", "13-" + "cü", "iyul-" + "3 avqust", "tədris-" + "metodik":
            # a hyphen at the end of a line is a real hyphen; keep it, add no space.
            parts.append(line)
            tail = (tail + line)[-8:]
        else:
            parts.append(" ")
            parts.append(line)
            tail = (tail + " " + line)[-8:]
        gap = False
    if parts:
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)

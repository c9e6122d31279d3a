"""Split cleaned text into sub-item sections headed `N.N.N-cı yarımbənd üzrə (TITLE):`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import ANNEX_HEADINGS

# Heading start, only at the start of the text or of a paragraph. The title is read by
# counting parentheses, so nested ones ("(... (Ombudsman) ...)") stay in the title.
_HEADING_RE = re.compile(
    r"^[ \t]*(?P<code>\d+(?:\.\d+){1,3})-(?:c[ıiuü]|[ıiuü]nc[ıiuü])\s+yarımbənd\s+üzrə\s*\(",
    re.MULTILINE,
)
_WS_RE = re.compile(r"\s+")

_PAREN_RE = re.compile(r"[()]")
_AFTER_TITLE_RE = re.compile(r"\s*:?")


@dataclass(slots=True)
class Section:
    code: str | None
    title: str | None
    text: str


def _closing_paren(text: str, open_at: int) -> int | None:
    """Index of the ')' matching the '(' at `open_at`, or None."""
    depth = 0
    for m in _PAREN_RE.finditer(text, open_at):
        if m.group() == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return None


def _headings(text: str) -> list[tuple[int, int, str, str]]:
    """(start, body_start, code, title) for every heading."""
    found = []
    for m in _HEADING_RE.finditer(text):
        open_at = m.end() - 1
        close = _closing_paren(text, open_at)
        if close is None:
            continue
        body_start = _AFTER_TITLE_RE.match(text, close + 1).end()
        title = _WS_RE.sub(" ", text[open_at + 1 : close]).strip()
        found.append((m.start(), body_start, m.group("code"), title))
    # Drop headings that start inside the previous heading's title.
    result: list[tuple[int, int, str, str]] = []
    for h in found:
        if result and h[0] < result[-1][1]:
            continue
        result.append(h)
    return result


def _annex_start(text: str) -> int | None:
    """Offset of the first statistics-annex heading paragraph (a whole line), or None.

    The annex heading ends the last body; the annex itself is not read.
    """
    found = None
    for heading in ANNEX_HEADINGS:
        i = text.find(heading)
        while i != -1 and (found is None or i < found):
            end = i + len(heading)
            if (i == 0 or text[i - 1] == "\n") and (end == len(text) or text[end] == "\n"):
                found = i
                break
            i = text.find(heading, end)
    return found


def split_sections(text: str) -> list[Section]:
    """Sections in document order; text before the first heading gets `code=None`.

    Everything from a statistics-annex heading paragraph on is left out.
    """
    annex = _annex_start(text)
    if annex is not None:
        text = text[:annex]
    heads = _headings(text)
    if not heads:
        return [Section(None, None, text.strip())]
    sections: list[Section] = []
    preamble = text[: heads[0][0]].strip()
    if preamble:
        sections.append(Section(None, None, preamble))
    for i, (_start, body_start, code, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(code, title, text[body_start:end].strip()))
    return sections

"""Undo PDF text-layer damage: page breaks, wrapped lines, split suffixes, stray spaces.

The result is a list of paragraphs joined by one blank line ("\\n\\n"); inside a paragraph
there are no newlines and no runs of spaces.
"""

from __future__ import annotations

import re

_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")
# A line that ends a paragraph when a blank line (or an indented line) follows it.
_PARA_END_RE = re.compile(r"[.:!?;][\"”’»)]*$")
# A sub-item heading always starts a new paragraph.
_HEADING_START_RE = re.compile(r"^\d+(?:\.\d+)+-[^\W\d_]+\s+yarımbənd\s+üzrə\b")


def _join(prev: str, line: str) -> str:
    """Join a wrapped line onto the paragraph so far."""
    if prev.endswith("-") and not prev.endswith(" -") and len(prev) > 1:
        # "2022-" + "ci il", "13-" + "cü", "iyul-" + "3 avqust", "tədris-" + "metodik":
        # a hyphen at the end of a line is a real hyphen; keep it, add no space.
        return prev + line
    return prev + " " + line


def clean_text(text: str) -> str:
    """Return the cleaned text: paragraphs separated by exactly one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)  # runs of spaces -> one space; indentation stays visible
    paragraphs: list[str] = []
    current = ""
    gap = False  # a blank line was seen since the last text line
    for raw in text.split("\n"):
        indented = raw[:1] == " "
        line = raw.strip()
        if not line:
            gap = bool(current) or gap
            continue
        if not current:
            current = line
        elif _HEADING_START_RE.match(line):
            paragraphs.append(current)
            current = line
        elif (gap or indented) and _PARA_END_RE.search(current[-6:]):
            paragraphs.append(current)
            current = line
        else:
            current = _join(current, line)
        gap = False
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)

"""Control characters out of text: what people type or paste and what imports read may carry
C0/C1 controls (\\x01, \\x0b, \\x7f…) that XML (DOCX), PDF and HTML cannot hold. Tab, line feed and
carriage return stay. Pure Python."""

from __future__ import annotations

import re

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """`text` without control characters other than tab and line breaks."""
    if not text:
        return text
    return _CONTROL_RE.sub("", text)


def has_control(text: str) -> bool:
    return bool(text) and _CONTROL_RE.search(text) is not None

"""What a reader hands to the segmenter: a document as blocks in reading order.

A reader keeps the structure the file has: DOCX paragraphs with their heading level and
tables with their cells, XLSX sheets as tables, PDF and scanned pages as text per page (the
page's running header, footer and page number already removed, footnotes set apart), plain
text as one block. Nothing here knows about sub-items; `layout` and `sections` do.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    """One block of a document, in reading order.

    kind: ``"text"`` raw text still to be cleaned (a text file, one PDF or OCR page),
    ``"paragraph"`` one paragraph as the file defines it (DOCX), or ``"table"``.
    level: heading level from the file's styles (0 title, 1 = Heading 1, ...), None for body.
    rows: for a table, its rows of cell texts (a merged cell's text once, in its first
    position; a cell's paragraphs separated by ``"\\n"``).
    """

    kind: str
    text: str = ""
    level: int | None = None
    bold: bool = False
    page: int | None = None
    rows: list[list[str]] | None = None


@dataclass(slots=True)
class Page:
    """One page of a paged document; OCR pages carry Tesseract's mean word confidence."""

    number: int
    ocr: bool = False
    confidence: float | None = None  # 0-100

    def as_dict(self, low: float) -> dict:
        out: dict = {"number": self.number, "ocr": self.ocr}
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 1)
            out["low_confidence"] = self.confidence < low
        return out


@dataclass(slots=True)
class ReadDocument:
    """A read file: its blocks, footnotes, pages and the running lines removed from pages."""

    kind: str  # "text", "docx", "xlsx", "pdf", "image"
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # running headers/footers, once each

    def plain_text(self) -> str:
        """The document as plain text: blocks in order, paragraphs and table rows."""
        parts: list[str] = []
        for block in self.blocks:
            if block.kind == "table":
                rows = [" | ".join(c.replace("\n", " ") for c in row) for row in block.rows or []]
                parts.append("\n".join(rows))
            elif block.kind == "text":
                parts.append(block.text)
            else:
                parts.append(block.text)
        return "\n\n".join(p for p in parts if p.strip())

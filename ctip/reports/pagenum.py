"""Page numbers drawn as vector outlines of the shipped DejaVu Sans digits.

Why not CSS `counter(page)`: page furniture drawn as text lands in the PDF's text layer, and
text-layer readers (pdfplumber in ctip.extraction, screen readers, copy-paste) then mix "7" into
the middle of a sentence. Drawn as outlines the numbers are visible and printable but are not
text, as accessibility guidelines ask of page artifacts; the report's text layer holds the report
only, which is what makes the PDF round trip exact. Drawing after layout also lets the PDF be
laid out in parallel chunks and numbered once merged.
"""

from __future__ import annotations

from functools import lru_cache

from .render_html import FONT_DIR

SIZE_PT = 9.0
BOTTOM_PT = 28.0  # baseline height above the bottom edge of the page


@lru_cache(maxsize=1)
def _digits() -> tuple[dict[str, bytes], dict[str, int], int]:
    """PDF path operators (font units) and advance widths of '0'–'9'."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT_DIR / "DejaVuSans.ttf"), lazy=True)
    cmap = font.getBestCmap()
    glyphs = font.getGlyphSet()
    hmtx = font["hmtx"]
    upem = font["head"].unitsPerEm

    class PdfPen(BasePen):
        def __init__(self, gs):
            super().__init__(gs)
            self.ops: list[str] = []

        def _moveTo(self, p):
            self.ops.append(f"{p[0]:g} {p[1]:g} m")

        def _lineTo(self, p):
            self.ops.append(f"{p[0]:g} {p[1]:g} l")

        def _curveToOne(self, p1, p2, p3):
            self.ops.append(f"{p1[0]:g} {p1[1]:g} {p2[0]:g} {p2[1]:g} {p3[0]:g} {p3[1]:g} c")

        def _closePath(self):
            self.ops.append("h")

    paths, widths = {}, {}
    for ch in "0123456789":
        name = cmap[ord(ch)]
        pen = PdfPen(glyphs)
        glyphs[name].draw(pen)
        paths[ch] = " ".join(pen.ops).encode("ascii")
        widths[ch] = hmtx[name][0]
    return paths, widths, upem


def number_ops(number: int, page_width: float) -> bytes:
    """Content-stream operators that fill `number` centred at the bottom of a page."""
    paths, widths, upem = _digits()
    text = str(number)
    scale = SIZE_PT / upem
    total = sum(widths[c] for c in text) * scale
    x = (page_width - total) / 2
    out = [b"q 0.2 0.2 0.2 rg"]
    for c in text:
        out.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.3f} {BOTTOM_PT:.3f} cm".encode())
        out.append(paths[c] + b" f Q")
        x += widths[c] * scale
    out.append(b"Q")
    return b"\n".join(out)


def stamp_pdf(data: bytes, *, first: int = 2) -> bytes:
    """Add page numbers to every page from index `first - 1` on (the title page has none)."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    open_q = DecodedStreamObject()
    open_q.set_data(b"q")
    open_ref = writer._add_object(open_q)
    for index, page in enumerate(writer.pages):
        number = index + 1
        if number < first:
            continue
        width = float(page.mediabox.width)
        tail = DecodedStreamObject()
        tail.set_data(b"Q\n" + number_ops(number, width))
        tail_ref = writer._add_object(tail)
        contents = page.get(NameObject("/Contents"))
        existing = contents.get_object() if contents is not None else None
        items = list(existing) if isinstance(existing, ArrayObject) else ([contents] if contents else [])
        page[NameObject("/Contents")] = ArrayObject([open_ref, *items, tail_ref])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

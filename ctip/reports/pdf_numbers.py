"""Page numbers stamped onto PDF pages already laid out (the chunks of a large report).

A chunk of the national report is laid out without knowing its first page number. Its numbers
are added afterwards, drawn exactly as the CSS footer draws them: WeasyPrint lays out, once per
process, a three-page "number sheet" with the report's own footer stylesheet whose footers read
`0123456789`, `0` and `00`. The sheet gives the footer's drawing (font subset with the ten
digits, colour, baseline), each digit's glyph code and the digits' advance, so a number is one
line of text centred where `counter(page)` would put it. Each stamped page gets a small form
XObject (its own resources, so no name clashes with the page's) drawn after the page's content,
which is wrapped in q/Q. Page numbers stay real text in the shipped DejaVu Sans; nothing of a
page's own content is parsed or re-compressed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from .pdf_html import html_to_pdf

SHEET_FOOTERS = ("0123456789", "0", "00")
FORM_NAME = "/CtipPageNumber"


def sheet_html(footer_css: str) -> str:
    """HTML of the number sheet: one empty page per entry of SHEET_FOOTERS, footed by it."""
    rules = "".join(
        f'@page :nth({i}) {{ @bottom-center {{ content: "{text}"; }} }}\n'
        for i, text in enumerate(SHEET_FOOTERS, 1)
    )
    return (
        f"<!DOCTYPE html><html><head><style>{footer_css}\n{rules}"
        "div { break-after: page; }</style></head><body>"
        + "<div></div>" * len(SHEET_FOOTERS)
        + "</body></html>"
    )


def _serialize(operations) -> bytes:
    """Content-stream operations (pypdf's (operands, operator) pairs) back to bytes."""
    out = io.BytesIO()
    for operands, operator in operations:
        for operand in operands:
            operand.write_to_stream(out)
            out.write(b" ")
        out.write(operator + b"\n")
    return out.getvalue()


def _text_op(operations, operator: bytes) -> int:
    found = [i for i, (_, op) in enumerate(operations) if op == operator]
    if len(found) != 1:
        raise RuntimeError(f"number sheet: expected one {operator!r} operation, got {len(found)}")
    return found[0]


@dataclass(frozen=True)
class NumberStamp:
    """What the number sheet says about drawing a page number (see the module docstring)."""

    operations: list  # the footer "0"'s drawing, pypdf operations
    tm_index: int  # its text matrix operation (x is operand 4)
    tj_index: int  # its show-text operation
    x_one: float  # x of a one-digit number
    advance: float  # a digit's advance, in the same units
    codes: dict  # digit -> glyph code bytes
    sheet: bytes  # the sheet PDF (font, resources, page box)

    @classmethod
    def from_sheet(cls, sheet: bytes) -> NumberStamp:
        # pypdf is heavy: loaded only when a PDF is made
        from pypdf import PdfReader
        from pypdf.generic import ContentStream

        reader = PdfReader(io.BytesIO(sheet))
        ops = [ContentStream(p.get_contents(), reader).operations for p in reader.pages]
        if len(ops) != len(SHEET_FOOTERS):
            raise RuntimeError(f"number sheet has {len(ops)} pages")
        glyphs = [
            bytes(getattr(item, "original_bytes", item))
            for item in ops[0][_text_op(ops[0], b"TJ")][0][0]
            if not isinstance(item, (int, float))
        ]
        if len(glyphs) == 1:  # all ten digits in one string: codes of equal width
            step = len(glyphs[0]) // 10
            glyphs = [glyphs[0][i * step : (i + 1) * step] for i in range(10)]
        if len(glyphs) != 10:
            raise RuntimeError("number sheet: digits not found")
        x_one = float(ops[1][_text_op(ops[1], b"Tm")][0][4])
        x_two = float(ops[2][_text_op(ops[2], b"Tm")][0][4])
        return cls(
            operations=ops[1],
            tm_index=_text_op(ops[1], b"Tm"),
            tj_index=_text_op(ops[1], b"TJ"),
            x_one=x_one,
            advance=2 * (x_one - x_two),
            codes=dict(zip("0123456789", glyphs, strict=True)),
            sheet=sheet,
        )

    def content(self, number: int) -> bytes:
        """The drawing of `number`, centred like the CSS footer."""
        # pypdf is heavy: loaded only when a PDF is made
        from pypdf.generic import ArrayObject, ByteStringObject, FloatObject

        text = str(number)
        ops = list(self.operations)
        matrix = list(ops[self.tm_index][0])
        matrix[4] = FloatObject(self.x_one - (len(text) - 1) * self.advance / 2)
        ops[self.tm_index] = (matrix, b"Tm")
        codes = b"".join(self.codes[d] for d in text)
        ops[self.tj_index] = ([ArrayObject([ByteStringObject(codes)])], b"TJ")
        return _serialize(ops)


@lru_cache(maxsize=4)
def number_stamp(footer_css: str) -> NumberStamp:
    """The stamp for a footer stylesheet (its sheet laid out once per process)."""
    return NumberStamp.from_sheet(html_to_pdf(sheet_html(footer_css)))


def stamp_page_numbers(writer, first_page: int, first_number: int, footer_css: str) -> None:
    """Number `writer`'s pages from index `first_page` on, starting at `first_number`."""
    # pypdf is heavy: loaded only when a PDF is made
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, NameObject

    stamp = number_stamp(footer_css)
    sheet_page = PdfReader(io.BytesIO(stamp.sheet)).pages[1]
    resources = writer._add_object(sheet_page["/Resources"].clone(writer))
    bbox = ArrayObject(sheet_page.mediabox)
    save = _stream(writer, b"q\n")
    restore_and_draw = _stream(writer, b"Q\n" + FORM_NAME.encode() + b" Do\n")
    for offset, page in enumerate(writer.pages[first_page:]):
        form = _stream(
            writer,
            stamp.content(first_number + offset),
            Type=NameObject("/XObject"),
            Subtype=NameObject("/Form"),
            BBox=bbox,
            Resources=resources,
        )
        _draw_after_content(page, form, save, restore_and_draw)


def _stream(writer, data: bytes, **entries):
    """A stream object of `data` (compressed past 64 bytes) with `entries`, added to `writer`."""
    # pypdf is heavy: loaded only when a PDF is made
    from pypdf.generic import DecodedStreamObject, NameObject

    obj = DecodedStreamObject()
    obj.set_data(data)
    for key, value in entries.items():
        obj[NameObject("/" + key)] = value
    return writer._add_object(obj.flate_encode() if len(data) > 64 else obj)


def _draw_after_content(page, form, save, restore_and_draw) -> None:
    """Give `page` the number's form XObject and wrap its own content in q/Q before drawing it."""
    # pypdf is heavy: loaded only when a PDF is made
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    page_resources = DictionaryObject(page["/Resources"].get_object())
    xobjects = DictionaryObject(page_resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject(FORM_NAME)] = form
    page_resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = page_resources
    contents = page.get("/Contents")  # a stream, an array of streams, or none (blank)
    if contents is None:
        own = []
    elif isinstance(contents.get_object(), list):
        own = list(contents.get_object())
    else:
        own = [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject([save, *own, restore_and_draw])

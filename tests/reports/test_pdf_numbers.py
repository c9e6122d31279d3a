"""Page numbers stamped onto laid-out chunks (ctip/reports/pdf_numbers.py)."""

import io

import pytest

from ctip.reports.compose import compose_report
from ctip.reports.generate import render
from ctip.reports.render_html import print_css


def _blank_pages(count):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595.28, height=841.89)
    return writer


def _footer_words(data):
    """(text, centre x, top, size, font) of the lowest word of every page."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size", "fontname"])
            if not words:
                out.append(None)
                continue
            w = max(words, key=lambda w: w["top"])
            centre = (w["x0"] + w["x1"]) / 2
            out.append((w["text"], round(centre, 2), round(w["top"], 2), w["size"], w["fontname"]))
    return out


def test_stamped_numbers_are_text_centred_at_the_foot_in_dejavu_sans():
    from pypdf import PdfReader

    from ctip.reports.pdf_numbers import stamp_page_numbers

    writer = _blank_pages(4)
    stamp_page_numbers(writer, 1, 98, print_css())
    out = io.BytesIO()
    writer.write(out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert [(p.extract_text() or "").strip() for p in reader.pages] == ["", "98", "99", "100"]
    words = _footer_words(out.getvalue())
    assert words[0] is None
    centres = {w[1] for w in words[1:]}
    assert max(centres) - min(centres) < 0.05  # one, two or three digits: the same centre
    assert {w[2] for w in words[1:]} == {words[1][2]} and words[1][2] > 780  # the foot of A4
    assert all(w[3] == pytest.approx(9) and w[4].endswith("ctip-sans") for w in words[1:])


def test_stamped_numbers_sit_exactly_where_the_css_footer_puts_them(
    small_plan, monkeypatch, settings
):
    from ctip.reports import render_pdf as rp

    doc = compose_report("TEST-PLAN", "2022", None, include_submitted=True)
    whole = _footer_words(render(doc, "pdf"))  # one process: CSS counter(page) footers
    monkeypatch.setattr(rp, "CHUNK_MIN_CHARS", 0)
    settings.CTIP_PDF_CHUNKS = 2
    chunked = _footer_words(render(doc, "pdf"))  # chunks: stamped numbers
    assert whole[0][0] != "1" and chunked[0][0] != "1"
    common = min(len(whole), len(chunked))
    assert common >= 2
    for css, stamped in zip(whole[1:common], chunked[1:common], strict=True):
        assert css[1:] == stamped[1:]
    assert [w[0] for w in chunked[1:]] == [str(n) for n in range(2, len(chunked) + 1)]


def test_the_number_sheet_is_laid_out_once_per_footer_stylesheet():
    from ctip.reports import pdf_numbers

    pdf_numbers.number_stamp.cache_clear()
    a = pdf_numbers.number_stamp(print_css())
    assert pdf_numbers.number_stamp(print_css()) is a
    other = print_css().replace("font-size: 9pt", "font-size: 12pt")
    b = pdf_numbers.number_stamp(other)
    assert b is not a and b.advance > a.advance * 1.3  # a bigger footer, wider digits


def test_chunks_finishing_out_of_order_are_merged_in_order(small_plan, monkeypatch, settings):
    import threading
    import time

    from pypdf import PdfReader

    from ctip.reports import pdf_engine
    from ctip.reports import render_pdf as rp

    doc = compose_report("TEST-PLAN", "2022", None, include_submitted=True)
    monkeypatch.setattr(rp, "CHUNK_MIN_CHARS", 0)
    settings.CTIP_PDF_CHUNKS = 2
    settings.CTIP_PDF_WORKERS = 1
    in_order = PdfReader(io.BytesIO(render(doc, "pdf")))

    lock, finished = threading.Lock(), []

    def late_first_chunk(html):  # in-process, one at a time; the first chunk ends last
        if 'class="title-page"' in html:
            time.sleep(0.3)
        with lock:
            result = pdf_engine.chunk_to_pdf(html)
            finished.append("first" if 'class="title-page"' in html else "second")
        return result

    monkeypatch.setattr(pdf_engine, "_run_worker", late_first_chunk)
    settings.CTIP_PDF_WORKERS = 2
    out_of_order = PdfReader(io.BytesIO(render(doc, "pdf")))
    assert finished == ["second", "first"]
    assert [p.extract_text() for p in out_of_order.pages] == [
        p.extract_text() for p in in_order.pages
    ]

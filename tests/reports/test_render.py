"""The rendered documents: structure, A4, page numbers, headings, language, fonts, validity."""

import io
import shutil
import subprocess
import zipfile

import pytest

from ctip.reports.compose import compose_report, heading_text, plain_text
from ctip.reports.generate import render


def test_heading_has_the_right_suffix_for_each_code():
    assert heading_text("4.1.6", "X") == "4.1.6-cı yarımbənd üzrə (X):"
    assert heading_text("4.2.10", "X") == "4.2.10-cu yarımbənd üzrə (X):"
    assert heading_text("4.3.3", "X") == "4.3.3-cü yarımbənd üzrə (X):"
    assert heading_text("4.2.1", "X") == "4.2.1-ci yarımbənd üzrə (X):"
    assert heading_text("4.1.6", "X", "en") == "Sub-item 4.1.6 (X):"
    assert heading_text("4.1.6", "X", "ru") == "По подпункту 4.1.6 (X):"


def test_agency_report_has_title_page_and_approved_sections_only(small_plan):
    doc = compose_report("TEST-PLAN", "2022", "AAA", annex=False)
    assert doc.title_lines == ["Birinci agentlik", "Sınaq fəaliyyət planı", "2022-ci il"]
    assert [s.code for s in doc.sections] == ["4.1.6"]
    assert doc.sections[0].blocks[0].paragraphs == [
        "Birinci abzas ilə başlayır.",
        "İkinci abzas ğüşıöçə.",
    ]


def test_include_submitted_adds_drafts_in_review_marked_but_never_drafts(small_plan):
    doc = compose_report("TEST-PLAN", "2022", None, include_submitted=True, annex=False)
    text = plain_text(doc)
    assert "Baxılmaqda olan mətn." in text
    assert "Layihə — baxılmaqdadır" in text
    assert "Gizli layihə mətni." not in text


def test_consolidated_report_groups_by_sub_item_then_agency(small_plan):
    doc = compose_report("TEST-PLAN", "2022", None, annex=False)
    assert doc.title_lines[0] == "Milli hesabat"
    assert [(s.code, [b.agency_abbr for b in s.blocks]) for s in doc.sections] == [
        ("4.1.6", ["AAA", "BBB"])
    ]


def test_english_report_uses_english_labels_and_titles_when_present(small_plan):
    doc = compose_report("TEST-PLAN", "2022", None, lang="en", include_submitted=True)
    assert doc.title_lines[0] == "National report"
    assert doc.sections[0].heading == "Sub-item 4.1.6 (Preparing proposals):"
    assert doc.sections[1].heading == "Sub-item 4.2.10 (Turizm sahəsində işlər):"
    assert doc.sections[0].blocks[0].agency_name == "First agency"
    assert "Statistical annex" in render(doc, "html").decode()


def test_docx_is_a4_with_heading_styles_page_field_and_table(small_plan):
    import docx

    data = render(compose_report("TEST-PLAN", "2022", None, include_submitted=True), "docx")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "4.1.6-cı yarımbənd üzrə (Təkliflərin hazırlanması):") in headings
    assert ("Heading 2", "Birinci agentlik") in headings
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode()
        footers = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer"))
        styles = zf.read("word/styles.xml").decode()
    assert "PAGE" in footers
    assert "<w:tbl>" in xml and "ctip-annex" in xml  # the annex table, inside its content control
    assert "Times New Roman" in styles
    assert "ğüşıöçə" in xml


def test_html_report_parses_without_errors(small_plan):
    import html5lib

    data = render(compose_report("TEST-PLAN", "2022", None, include_submitted=True), "html")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(data.decode("utf-8"))
    assert not parser.errors
    assert tree.find(".//h1") is not None and tree.find(".//table") is not None
    assert b"<script" not in data and b"http://" not in data.replace(b"http://www.w3.org", b"")


def test_pdf_fetches_nothing_remote():
    from ctip.reports.render_pdf import RemoteResourceRefused, local_only_fetcher

    for url in ("https://example.org/font.woff2", "http://x/y.css", "file:///etc/passwd"):
        with pytest.raises(RemoteResourceRefused):
            local_only_fetcher(url)


def test_pdf_first_pages_render_and_are_not_blank(small_plan, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image, ImageStat

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(
        render(compose_report("TEST-PLAN", "2022", None, include_submitted=True), "pdf")
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 2
    for png in pages:
        img = Image.open(png).convert("L")
        dark = sum(img.histogram()[:200])  # pixels clearly darker than white
        assert dark > 200, png.name
        assert ImageStat.Stat(img).mean[0] < 254.5


def test_pdf_has_bookmarks_and_embedded_dejavu(small_plan):
    import pypdf

    data = render(compose_report("TEST-PLAN", "2022", None), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0].startswith("4.1.6-cı yarımbənd üzrə")
    fonts = {
        str(f["/BaseFont"])
        for p in reader.pages
        for f in (p["/Resources"].get("/Font") or {}).values()
        for f in [f.get_object()]
    }
    assert any("DejaVu" in f for f in fonts)


def test_pdf_numbers_pages_from_the_second_at_the_foot(small_plan):
    import pypdf

    data = render(compose_report("TEST-PLAN", "2022", None, include_submitted=True), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    lines = [(p.extract_text() or "").strip().splitlines() for p in reader.pages]
    assert "1" not in lines[0]
    for number, page_lines in enumerate(lines[1:], start=2):
        assert str(number) in page_lines, number


def _font_faces(reader):
    """Font names without the subset prefix; every font must be embedded."""
    faces = set()
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            f = f.get_object()
            desc = f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f
            fd = desc["/FontDescriptor"].get_object()
            assert any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")), f
            faces.add(str(f["/BaseFont"]).split("+")[-1])
    return faces


def _outline_titles(reader):
    out = []
    for o in reader.outline:
        if isinstance(o, list):
            out.append([x.title for x in o if not isinstance(x, list)])
        else:
            out.append(o.title)
    return out


def test_pdf_in_parallel_chunks_keeps_bookmarks_text_and_continuous_page_numbers(
    small_plan, monkeypatch, settings
):
    import pypdf

    from ctip.reports import render_pdf as rp

    doc = compose_report("TEST-PLAN", "2022", None, include_submitted=True)
    whole = pypdf.PdfReader(io.BytesIO(render(doc, "pdf")))
    monkeypatch.setattr(rp, "CHUNK_MIN_CHARS", 0)
    settings.CTIP_PDF_CHUNKS = 2
    chunked = pypdf.PdfReader(io.BytesIO(render(doc, "pdf")))
    # One chunk boundary: at most one page more (the second chunk starts on a new page).
    assert len(whole.pages) <= len(chunked.pages) <= len(whole.pages) + 1
    assert _outline_titles(chunked) == _outline_titles(whole)
    assert chunked.metadata.title == whole.metadata.title
    assert chunked.trailer["/Root"].get("/Lang") == whole.trailer["/Root"].get("/Lang") == "az"
    lines = [(p.extract_text() or "").strip().splitlines() for p in chunked.pages]
    assert "1" not in lines[0]
    for number, page_lines in enumerate(lines[1:], start=2):
        assert page_lines[-1] == str(number), number
    body = lambda r: " ".join(  # noqa: E731
        line
        for p in r.pages
        for line in (p.extract_text() or "").splitlines()
        if not line.strip().isdigit()
    )
    assert body(chunked).split() == body(whole).split()
    assert _font_faces(chunked) == _font_faces(whole)
    # The chunking, not the number of workers, decides the pages: one worker gives the same.
    settings.CTIP_PDF_WORKERS = 1
    one = pypdf.PdfReader(io.BytesIO(render(doc, "pdf")))
    assert [p.extract_text() for p in one.pages] == [p.extract_text() for p in chunked.pages]
    assert all(round(float(p.mediabox.width)) == 595 for p in chunked.pages)  # A4


def test_split_cuts_between_fragments_into_about_equal_chunks():
    from ctip.reports.render_pdf import _split

    parts = ["t" * 10] + [f"<section>{i}</section>" + "x" * 100 for i in range(10)]
    chunks = _split(parts, 2)
    assert len(chunks) == 2
    assert "\n".join(chunks) == "\n".join(parts)
    assert abs(len(chunks[0]) - len(chunks[1])) < 150
    assert chunks[1].startswith("<section>")


@pytest.mark.parametrize("n", [2, 3, 4])
def test_split_starts_every_chunk_at_a_section_never_inside_one(small_plan, n):
    from ctip.reports.render_html import body_parts
    from ctip.reports.render_pdf import _split

    doc = compose_report("TEST-PLAN", "2022", None, include_submitted=True)
    parts = body_parts(doc)
    assert any(p.startswith("<h2>") for p in parts)  # a section comes in several fragments
    chunks = _split(parts, n)
    assert "\n".join(chunks) == "\n".join(parts)
    assert all(c.startswith("<section") for c in chunks)
    assert all(c.count("<section") == c.count("</section>") for c in chunks)


def test_pdf_keeps_the_official_look_justified_serif_and_embedded_subsets(small_plan):
    """What a faster PDF must not give up: justified serif body text, the shipped DejaVu
    embedded as subsets (not whole fonts), Azerbaijani letters in the text layer."""
    import pdfplumber
    import pypdf

    from ctip.reports.pdf_html import FONT_DIR

    doc = compose_report("TEST-PLAN", "2022", "AAA", annex=False)
    long = "Hesabat dövründə ğüşıöçə İƏ əməkdaşlıq gücləndirilmişdir, " * 12
    doc.sections[0].blocks[0].paragraphs = [long.strip()]
    data = render(doc, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        text = page.extract_text()
        lines = {}
        for ch in page.chars:
            if ch["fontname"].endswith("+ctip-serif") and ch["text"].strip():
                lines[round(ch["top"])] = max(lines.get(round(ch["top"]), 0), ch["x1"])
    assert "ğüşıöçə İƏ əməkdaşlıq" in " ".join(text.split())
    ends = [lines[top] for top in sorted(lines)]
    assert len(ends) >= 4
    assert max(ends[:-1]) - min(ends[:-1]) < 1.0  # every line but the last ends at the margin
    assert ends[-1] < max(ends) - 20  # the last one does not
    reader = pypdf.PdfReader(io.BytesIO(data))
    shipped = max(f.stat().st_size for f in FONT_DIR.glob("*.ttf"))
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            f = f.get_object()
            desc = f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f
            embedded = desc["/FontDescriptor"]["/FontFile2"].get_object()
            assert str(f["/BaseFont"]).split("+")[1] in (
                "ctip-serif",
                "ctip-sans",
                "ctip-serif-Bold",
            )
            assert len(embedded.get_data()) < shipped / 10  # a subset

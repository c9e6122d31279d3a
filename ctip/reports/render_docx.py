"""Render a composed report as DOCX (python-docx for the package, styles and footer).

python-docx is imported at the top: this module is itself loaded only when a DOCX is asked for
(ctip.reports.generate imports it then).

The body is written as WordprocessingML built in one string and parsed once: adding tens of
thousands of paragraphs through python-docx's object API is far slower. Headings use the
built-in "Heading 1"/"Heading 2" styles, so Word's navigation pane and table of contents work.

Fonts: a Word document names its fonts and the reader's machine supplies them; python-docx
cannot embed fonts. The text is set in "Times New Roman" (the face of official Azerbaijani
correspondence; it covers ə ğ ı İ ö ş ü ç on every Windows, macOS and LibreOffice install, where
Liberation Serif substitutes it metrically). The PDF, which must look the same everywhere, uses
the DejaVu fonts shipped with ctip and embeds them.

The statistics annex is wrapped in a block content control (w:sdt tagged "ctip-annex"): Word
shows it like any other content, and readers of the body text (ctip.extraction) see only the
report itself, so the annex can never be parsed as part of the last sub-item.
"""

from __future__ import annotations

import io
from html import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ctip.core.textclean import strip_control

from .document import ReportDocument
from .graphics import png_bar_chart

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Times New Roman"


def _esc(text: str) -> str:
    """Escaped for XML; control characters (which XML cannot hold) dropped."""
    return escape(strip_control(text), quote=False)


def _p(
    text: str,
    style: str | None = None,
    *,
    italic: bool = False,
    center: bool = False,
    size: int | None = None,
    bold: bool = False,
    page_break_before: bool = False,
) -> str:
    ppr = ""
    if style or center or page_break_before:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if page_break_before:
            ppr += "<w:pageBreakBefore/>"
        if center:
            ppr += '<w:jc w:val="center"/>'
        ppr += "</w:pPr>"
    rpr = ""
    if italic or size or bold:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        rpr += f'<w:sz w:val="{size * 2}"/>' if size else ""
        rpr += "</w:rPr>"
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'


def _setup(document) -> dict[str, str]:
    """Page size, margins, fonts, styles and the page-number footer; returns style ids."""
    section = document.sections[0]
    _page(section)
    _normal_style(document.styles["Normal"])
    ids = _title_and_heading_styles(document.styles)
    _page_number_footer(section)
    return ids


def _page(section) -> None:
    """A4 with the margins of official correspondence."""
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)


def _set_font(style, size=None, bold=None) -> None:
    """FONT for every script (the theme fonts removed, so Word does not swap them back), black."""
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f'<w:rFonts xmlns:w="{W_NS}"/>')
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)


def _normal_style(normal) -> None:
    """Body text: 12 pt, justified, first line indented."""
    _set_font(normal, 12)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.first_line_indent = Cm(1.25)
    normal.paragraph_format.space_after = Pt(6)


def _title_and_heading_styles(styles) -> dict[str, str]:
    """Title and subtitle centred; headings justified and kept with the next paragraph; ids."""
    ids = {}
    for name, size in (("Heading 1", 12), ("Heading 2", 12), ("Title", 20), ("Subtitle", 14)):
        st = styles[name]
        _set_font(st, size, bold=True)
        st.paragraph_format.first_line_indent = Cm(0)
        if name in ("Title", "Subtitle"):
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            st.font.italic = False
        else:
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            st.paragraph_format.keep_with_next = True
            st.paragraph_format.space_before = Pt(12)
        if name == "Heading 2":
            st.font.italic = True
        ids[name] = st.style_id
    return ids


def _page_number_footer(section) -> None:
    """A centred PAGE field in the footer, none on the title page."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(
        parse_xml(
            f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    section.different_first_page_header_footer = True  # no number on the title page


def body_xml(doc: ReportDocument, ids: dict[str, str]) -> list[str]:
    """Paragraph XML strings of the title page and the sections (annex is added separately)."""
    h1, h2 = ids["Heading 1"], ids["Heading 2"]
    who, plan, period = doc.title_lines
    out = [_p("", center=True) for _ in range(6)]
    out.append(_p(who, ids["Title"]))
    out.append(_p(plan, ids["Subtitle"]))
    out.append(_p(period, ids["Subtitle"]))
    first = True
    if not doc.sections:
        out.append(_p(doc.labels["no_content"], page_break_before=True))
    for s in doc.sections:
        out.append(_p(s.heading, h1, page_break_before=first))
        if s.fallback:
            out.append(_p(doc.labels["fallback"], italic=True))
        first = False
        for b in s.blocks:
            if doc.consolidated:
                out.append(_p(b.agency_name, h2))
            if b.draft:
                out.append(_p(doc.labels["draft"], italic=True))
            out.extend(_p(text) for text in b.paragraphs)
    return out


def _annex(document, doc: ReportDocument, ids: dict[str, str]) -> None:
    """Append the annex (heading, one table and one chart per statistic) inside a content control."""
    body = document.element.body
    start = len(body)  # elements added from here on belong to the annex
    document.add_paragraph(
        doc.labels["annex"], style="Heading 1"
    ).paragraph_format.page_break_before = True
    for tb in doc.annex:
        _annex_table(document, tb)
    _wrap_in_content_control(body, start, doc.labels["annex"])


def _annex_table(document, tb) -> None:
    """One statistic of the annex: its heading, its table (bold header row) and its chart."""
    document.add_paragraph(tb.title, style="Heading 2")
    table = document.add_table(rows=1 + len(tb.rows), cols=len(tb.columns))
    table.style = document.styles["Table Grid"]
    for i, c in enumerate(tb.columns):
        cell = table.rows[0].cells[i]
        cell.text = c
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for r, row in enumerate(tb.rows, start=1):
        cells = table.rows[r].cells
        for i, v in enumerate(row):
            cells[i].text = v
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    if tb.chart and tb.chart.values:
        p = document.add_paragraph()
        p.paragraph_format.first_line_indent = Cm(0)
        p.add_run().add_picture(
            io.BytesIO(png_bar_chart(tb.chart.labels, tb.chart.values)), width=Cm(14)
        )


def _wrap_in_content_control(body, start: int, alias: str) -> None:
    """Move the body's elements from `start - 1` on (all but sectPr) into a block-level content
    control tagged ctip-annex, so that the annex can be found and replaced as one block."""
    new = [el for el in list(body)[start - 1 :] if not el.tag.endswith("}sectPr")]
    sdt = parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:alias w:val="{_esc(alias)}"/>'
        f'<w:tag w:val="ctip-annex"/></w:sdtPr><w:sdtContent/></w:sdt>'
    )
    content = sdt[1]
    sect = body[-1]
    for el in new:
        if el is sect:
            continue
        content.append(el)
    sect.addprevious(sdt)


def render_docx(doc: ReportDocument) -> bytes:
    """The report as DOCX bytes."""
    document = docx.Document()
    ids = _setup(document)
    body = document.element.body
    for el in list(body):  # the template's empty paragraph
        if el.tag.endswith("}p"):
            body.remove(el)
    xml = f'<w:body xmlns:w="{W_NS}">' + "".join(body_xml(doc, ids)) + "</w:body>"
    parsed = parse_xml(xml)
    sect = body[-1]
    for el in list(parsed):
        sect.addprevious(el)
    if doc.annex:
        _annex(document, doc, ids)
    core = document.core_properties
    core.title = " — ".join(doc.title_lines)
    core.language = doc.lang
    core.author = "ctip"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()

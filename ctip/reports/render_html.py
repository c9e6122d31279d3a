"""Render a composed report as one self-contained HTML document (screen or print flavour).

Built with plain string joining and `html.escape` rather than the template engine: a national
report has thousands of paragraphs and this is several times faster. The downloaded file carries
its stylesheet in a <style> element so it opens anywhere without the server; it contains no
script and references nothing on the internet.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ctip.core.textclean import strip_control

from .document import ReportDocument


def escape(text) -> str:
    """Escaped for HTML; control characters dropped (ctip.core.textclean)."""
    return html.escape(strip_control(str(text)))


_YEAR_RANGE_RE = re.compile(r"\b(\d{4})\s*[–-]\s*(\d{4})\b")


def _unbroken_years(text: str) -> str:
    """ "2020–2024" kept on one line (escaped text in, HTML out)."""
    return _YEAR_RANGE_RE.sub(r'<span class="nobr">\1–\2</span>', text)


FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"

BASE_CSS = """
body { font-family: "DejaVu Serif", "Times New Roman", serif; font-size: 12pt; line-height: 1.4;
       color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
.title-page { text-align: center; margin: 4em 0 6em; }
.title-page p { text-align: center; text-indent: 0; }
.nobr { white-space: nowrap; }
.title-page .who { font-size: 20pt; font-weight: bold; margin-bottom: 1.5em; }
.title-page .plan { font-size: 14pt; margin-bottom: 1.5em; }
.title-page .period { font-size: 14pt; font-weight: bold; }
h1 { font-size: 12pt; font-weight: bold; margin: 1.6em 0 .6em; text-align: left; }
h2 { font-size: 12pt; font-weight: bold; font-style: italic; margin: 1em 0 .4em; }
p { text-align: justify; text-indent: 1.25cm; margin: 0 0 .5em; }
p.draft { font-style: italic; color: #8a4b00; text-indent: 0; }
h1 small.fallback { font-weight: normal; font-style: italic; color: #8a4b00; }
.annex h1 { text-align: left; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #555; padding: 2pt 6pt; text-align: left; }
td.num, th.num { text-align: right; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 0 0 1.5em; }
"""


def print_css() -> str:
    """Print stylesheet for WeasyPrint: A4, shipped DejaVu fonts by file:// URL, page breaks."""
    serif = (FONT_DIR / "DejaVuSerif.ttf").as_uri()
    serif_b = (FONT_DIR / "DejaVuSerif-Bold.ttf").as_uri()
    sans = (FONT_DIR / "DejaVuSans.ttf").as_uri()
    sans_b = (FONT_DIR / "DejaVuSans-Bold.ttf").as_uri()
    return f"""
@font-face {{ font-family: "ctip serif"; src: url("{serif}"); font-weight: normal; }}
@font-face {{ font-family: "ctip serif"; src: url("{serif_b}"); font-weight: bold; }}
@font-face {{ font-family: "ctip sans"; src: url("{sans}"); font-weight: normal; }}
@font-face {{ font-family: "ctip sans"; src: url("{sans_b}"); font-weight: bold; }}
@page {{ size: A4; margin: 2cm 2cm 2.2cm 2.5cm;
         @bottom-center {{ content: counter(page); font-family: "ctip sans"; font-size: 9pt;
                           color: #333; }} }}
@page :first {{ @bottom-center {{ content: none; }} }}
body {{ font-family: "ctip serif"; font-size: 11pt; line-height: 1.35; max-width: none; margin: 0;
        padding: 0; hyphens: manual; }}
.title-page {{ break-after: page; margin: 7cm 0 0; bookmark-level: none; }}
h1 {{ bookmark-level: 1; break-after: avoid; }}
h2 {{ bookmark-level: 2; break-after: avoid; }}
.annex {{ break-before: page; }}
.annex, svg.chart text {{ font-family: "ctip sans"; }}
table {{ break-inside: avoid; }}
svg.chart {{ break-inside: avoid; }}
"""


def _table(tb) -> str:
    head = "".join(
        (
            f'<th scope="col" class="num">{escape(c)}</th>'
            if i
            else f'<th scope="col">{escape(c)}</th>'
        )
        for i, c in enumerate(tb.columns)
    )
    body = "".join(
        "<tr>"
        + "".join(
            (f"<td>{escape(v)}</td>" if i == 0 else f'<td class="num">{escape(v)}</td>')
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in tb.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def body_parts(doc: ReportDocument) -> list[str]:
    """The <body> content as a list of HTML fragments (title page, sections, annex)."""
    L = doc.labels
    who, plan, period = (_unbroken_years(escape(x)) for x in doc.title_lines)
    out = [
        f'<section class="title-page"><p class="who">{who}</p><p class="plan">{plan}</p>'
        f'<p class="period">{period}</p></section>'
    ]
    if not doc.sections:
        out.append(f"<p>{escape(L['no_content'])}</p>")
    draft = escape(L["draft"])
    for s in doc.sections:
        mark = f' <small class="fallback">{escape(L["fallback"])}</small>' if s.fallback else ""
        out.append(
            f'<section class="item" id="item-{escape(s.code)}"><h1>{escape(s.heading)}{mark}</h1>'
        )
        for b in s.blocks:
            if doc.consolidated:
                out.append(f"<h2>{escape(b.agency_name)}</h2>")
            if b.draft:
                out.append(f'<p class="draft">{draft}</p>')
            out.append("".join(f"<p>{escape(p)}</p>" for p in b.paragraphs))
        out.append("</section>")
    if doc.annex:
        out.append(f'<section class="annex"><h1>{escape(L["annex"])}</h1>')
        for tb in doc.annex:
            out.append(f"<h2>{escape(tb.title)}</h2>")
            out.append(_table(tb))
            if tb.chart and tb.chart.svg:
                out.append(tb.chart.svg)
        out.append("</section>")
    return out


def render_html(doc: ReportDocument, *, for_print: bool = False) -> str:
    """The whole HTML document; `for_print` adds the A4/WeasyPrint stylesheet."""
    css = BASE_CSS + (print_css() if for_print else "")
    title = escape(" — ".join(doc.title_lines))
    head = (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{css}</style></head><body>"
    )
    return head + "\n".join(body_parts(doc)) + "</body></html>\n"

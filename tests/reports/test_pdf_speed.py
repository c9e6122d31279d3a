"""pdf_speed: WeasyPrint's hot spots replaced only for the version they mirror, and the PDF the
same to the byte with and without them."""

from __future__ import annotations

import io
import logging
import random
import re
from pathlib import Path

import pytest

pytest.importorskip("weasyprint")

from weasyprint.draw import text as draw_text  # noqa: E402

from ctip.reports import pdf_html, pdf_speed  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

WORDS = (
    "hesabat dövrü ərzində xidmət tərəfindən insan alverinə qarşı mübarizə sahəsində "
    "maarifləndirici tədbirlər keçirilmiş əməkdaşların bilik bacarıqlarının artırılması "
    "qurumlararası əməkdaşlıq gücləndirilmiş miqrantların hüquqları monitorinqlər Şəki Gəncə "
    "İsmayıllı Xaçmaz ünvanlı «qaynar xətt» 2022-ci il 15 fevral №-li qərar ﬁnal"
).split()

# What a report seldom has but the layout and drawing handle: a glyph no shipped font has, a zero-width
# space (an empty glyph), combining marks (offset glyphs), right-to-left text with raised
# marks (text rise), soft hyphens, letter spacing, text cut with an ellipsis, a superscript,
# several sizes, bold and italic; justified lines with underlined words and with word spacing.
JUSTIFIED = "Hesabat dövrü ərzində xidmət tərəfindən insan alverinə qarşı mübarizə sahəsində " * 3
EDGE_CASES = f"""
<p>{JUSTIFIED} <u>altından xətt çəkilmiş</u> {JUSTIFIED} <s>pozulmuş</s> {JUSTIFIED}</p>
<p style="word-spacing: 2pt">{JUSTIFIED}<b>qalın</b> <i>maili</i> <b>bir</b> <i>iki</i> {JUSTIFIED}</p>
<p style="letter-spacing: 1pt">Aralıqlı mətn ilə yazılmış sətir, 12 345,67 manat.</p>
<p>Sıfır\u200benli boşluq, yumşaq de\u00adfis\u00adlər və e\u0301 a\u0308 o\u0323 işarələr.</p>
<p style="font-family: 'ctip sans'">Ərəbcə مَرْحَبًا بِكُمْ, ivritcə שָׁלוֹם.</p>
<p>Şriftdə olmayan işarə: \u6f22\u5b57 \u0e01 və ☃.</p>
<p style="width: 6cm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis">
Çox uzun bir sətir ki, kəsilməli və sonunda üç nöqtə göstərilməlidir, həmişə.</p>
<p>Düstur x<sup>2</sup> + y<sub>i</sub>, <b>qalın</b>, <i>maili</i>, <small>kiçik</small>.</p>
"""


# Margin boxes on every side and corner, some empty, with page counters and a running string.
EVERY_MARGIN = """
@page { @top-left { content: "Hesabat"; } @top-right { content: string(part); }
        @left-middle { content: counter(page); font-size: 8pt; }
        @right-top { content: none; } @right-bottom { content: "|"; }
        @top-left-corner { content: "*"; } @bottom-right-corner { content: counter(pages); }
        @bottom-left { content: "Səh. " counter(page) " / " counter(pages); } }
@page :left { @top-center { content: "sol"; } }
h1 { string-set: part content(); }
"""


def _report_html(paragraphs: int, seed: int = 13, extra_css: str = "") -> str:
    """A multi-page Azerbaijani report as the PDF renderer gets it: justified paragraphs under
    headings, a table and an SVG chart with text, in the print stylesheet and shipped fonts."""
    from ctip.reports.render_html import BASE_CSS, print_css

    rng = random.Random(seed)
    body = []
    for n in range(paragraphs):
        if n % 6 == 0:
            body.append(f"<h1>4.1.{n // 6 + 1}-ci yarımbənd üzrə ({rng.choice(WORDS)}):</h1>")
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        body.append(f"<p>{words[0].upper()}{words[1:]}.</p>")
    rows = "".join(
        f"<tr><td>A{i:02d}</td><td class=num>{rng.randint(0, 999)}</td></tr>" for i in range(12)
    )
    chart = (
        '<svg class="chart" width="400" height="120" viewBox="0 0 400 120">'
        '<rect x="10" y="10" width="180" height="30" fill="#4a6"/>'
        '<text x="200" y="30" font-size="12">İcra olunub: 45 (75,0 %)</text>'
        '<text x="10" y="90" font-size="10">Müddəti keçmiş tədbirlər</text></svg>'
    )
    return (
        f'<!DOCTYPE html><html lang="az"><head><meta charset="utf-8"><title>Sınaq</title>'
        f"<style>{BASE_CSS}{print_css()}{extra_css}</style></head><body>{''.join(body)}{EDGE_CASES}"
        f"<section class=annex><h1>Əlavə</h1>{chart}<table>{rows}</table></section>"
        "</body></html>"
    )


@pytest.fixture
def stock_and_patched():
    """render(html, patched) -> PDF bytes; the patch is put back afterwards, as in production."""

    import weasyprint

    def render(html: str, patched: bool) -> bytes:
        if patched:
            assert pdf_speed.apply()
        else:
            pdf_speed.remove()
        assert (draw_text.draw_first_line is pdf_speed.draw_first_line) == patched
        return weasyprint.HTML(
            string=html, url_fetcher=pdf_html.fetcher(), base_url=pdf_html.FONT_DIR.as_uri() + "/"
        ).write_pdf()

    yield render
    pdf_speed.apply()


@pytest.mark.parametrize("extra_css", ["", EVERY_MARGIN], ids=["report", "every-margin-box"])
def test_a_multi_page_report_is_the_same_pdf_to_the_byte_with_and_without_the_patch(
    stock_and_patched, extra_css
):
    import pypdf

    html = _report_html(paragraphs=60, extra_css=extra_css)
    stock = stock_and_patched(html, patched=False)
    patched = stock_and_patched(html, patched=True)
    assert len(pypdf.PdfReader(io.BytesIO(stock)).pages) >= 4
    assert patched == stock


def test_a_real_report_is_the_same_pdf_to_the_byte_with_and_without_the_patch(
    seeded, stock_and_patched
):
    """The real 2022 report (a wide vocabulary, so runs and glyphs are seen for the first time
    far more often than in synthetic text)."""
    from ctip.reports.compose import compose_report
    from ctip.reports.render_html import render_html

    html = render_html(compose_report("NAP-2020-2024", "2022", "DMX"), for_print=True)
    assert stock_and_patched(html, patched=True) == stock_and_patched(html, patched=False)


def test_the_patch_draws_the_glyphs_of_a_report(stock_and_patched, monkeypatch):
    """Guards the byte comparison above against a patch that silently draws nothing itself."""
    drawn = []
    real = pdf_speed._draw_glyphs
    monkeypatch.setattr(pdf_speed, "_draw_glyphs", lambda *a: drawn.append(1) or real(*a))
    stock_and_patched(_report_html(paragraphs=6), patched=True)
    assert len(drawn) > 50


# Line breaking (split_first_line): each case is rendered with and without the patch.
LINE = "Hesabat dövrü ərzində xidmət tərəfindən insan alverinə qarşı mübarizə sahəsində tədbirlər "
LONG_WORD = "Qurumlararasıəməkdaşlığıngücləndirilməsiməqsədilətəşkiledilmişmaarifləndirici"
CYRILLIC = "Отчётный период охватывает мероприятия по борьбе с торговлей людьми в регионах "
LINE_BREAKING = {
    "long-words": f"<p>{LINE}{LONG_WORD} {LINE * 2}{LONG_WORD}{LONG_WORD} {LINE}</p>"
    f'<p style="width: 4cm">{LONG_WORD} {LINE} {LONG_WORD}</p>',
    "narrow-cells": "<table><tr>"
    + "".join(
        f'<td style="width: {w}cm">{LINE[: 30 * w]} {LONG_WORD[: 9 * w]} 12 345,67</td>'
        for w in (1, 2, 3, 4)
    )
    + "</tr></table>",
    "left-right-center-justify": "".join(
        f'<p style="text-align: {a}; text-indent: {i}">{LINE * 4}</p>'
        for a, i in (("left", 0), ("right", "1cm"), ("center", 0), ("justify", "-1cm"))
    ),
    "soft-hyphens": f"<p>{LINE}"
    + " ".join(f"{w[:4]}\u00ad{w[4:8]}\u00ad{w[8:]}" for w in LINE.split() * 5)
    + "</p>",
    "hyphens-auto": f'<p style="hyphens: auto">{LINE * 5}</p>'
    f'<p lang="en" style="hyphens: auto; width: 5cm">' + "internationalization responsibilities "
    "notwithstanding extraordinarily comprehensive documentation " * 4 + "</p>",
    "pre-wrap": f'<p style="white-space: pre-wrap">{LINE}  \n  {LINE * 2}\n\n{LINE}   x</p>'
    f'<p style="white-space: pre-line">{LINE}\n{LINE * 2}</p>'
    f'<p style="white-space: pre">{LINE[:60]}\n{LINE[:40]}</p>',
    "letter-and-word-spacing": f'<p style="letter-spacing: .8pt">{LINE * 4}</p>'
    f'<p style="word-spacing: 4pt">{LINE * 4}</p>'
    f'<p style="letter-spacing: -.3pt; word-spacing: -1pt">{LINE * 4}</p>',
    "mixed-fonts": "<p>"
    + "".join(
        f'{w} <b>{w}</b> <i>{w}</i><b><i>{w}</i></b> <span style=\'font-family: "ctip sans"; '
        f"font-size: {8 + i % 7}pt'>{w}</span> "
        for i, w in enumerate(LINE.split() * 3)
    )
    + "</p>",
    "cyrillic": f'<p lang="ru">{CYRILLIC * 5}</p><p lang="ru" style="text-align: left">'
    f"{CYRILLIC * 3}</p>",
    "break-word": f'<p style="overflow-wrap: break-word; width: 5cm">{LONG_WORD} {LINE}</p>'
    f'<p style="word-break: break-all">{LINE * 3}</p>',
}


@pytest.mark.parametrize("case", list(LINE_BREAKING))
def test_line_breaking_gives_the_same_pdf_to_the_byte_with_and_without_the_patch(
    stock_and_patched, case
):
    from ctip.reports.render_html import BASE_CSS, print_css

    html = (
        f'<!DOCTYPE html><html lang="az"><head><meta charset="utf-8"><style>{BASE_CSS}'
        f"{print_css()}</style></head><body>{LINE_BREAKING[case]}</body></html>"
    )
    assert stock_and_patched(html, patched=True) == stock_and_patched(html, patched=False)


def test_the_patch_breaks_the_lines_of_a_report_skipping_hopeless_next_words(
    stock_and_patched, monkeypatch
):
    """Guards the byte comparisons above against a line breaking left to WeasyPrint: the
    patch's split_first_line lays out the lines, and skips most next-word tries."""
    tries = []
    real = pdf_speed._overflows
    monkeypatch.setattr(pdf_speed, "_overflows", lambda *a: tries.append(real(*a)) or tries[-1])
    stock_and_patched(_report_html(paragraphs=6), patched=True)
    assert len(tries) > 20
    assert sum(tries) > len(tries) / 2


def test_another_weasyprint_version_leaves_weasyprint_stock_and_warns_once(monkeypatch, caplog):
    import weasyprint

    pdf_speed.remove()
    stock = draw_text.draw_first_line
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    monkeypatch.setitem(pdf_speed._state, "warned", False)
    try:
        with caplog.at_level(logging.WARNING, logger="ctip.reports.pdf_speed"):
            assert pdf_speed.apply() is False
            assert pdf_speed.apply() is False
            pdf_html.html_to_pdf("<p>Salam</p>")
        assert draw_text.draw_first_line is stock
        warnings = [r for r in caplog.records if r.name == "ctip.reports.pdf_speed"]
        assert len(warnings) == 1
        assert "71.0" in warnings[0].getMessage()
    finally:
        monkeypatch.undo()
        pdf_speed.apply()
    assert draw_text.draw_first_line is pdf_speed.draw_first_line


def test_the_mirrored_version_is_the_one_the_lock_files_pin():
    """Upgrading WeasyPrint in the lock files fails here: re-derive pdf_speed's functions from
    the new version (and bump WEASYPRINT_VERSION), or remove the module."""
    for lock in ("runtime.txt", "dev.txt"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        assert re.search(r"^weasyprint==(\S+)", text, re.M).group(1) == (
            pdf_speed.WEASYPRINT_VERSION
        ), lock

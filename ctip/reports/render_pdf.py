"""Render a composed report as PDF with WeasyPrint, from the same HTML as the HTML download.

Nothing is fetched from the network: the only resources are the DejaVu fonts shipped in
ctip/static/fonts, referenced by file:// URL, and the URL fetcher refuses every other scheme.
Headings h1/h2 become PDF bookmarks; fonts are embedded (subset). Page numbers are CSS
`counter(page)` in the bottom-centre margin box from page 2; they are in the text layer, and
ctip.extraction cleans them out as page-break furniture. Large documents are laid out in
parallel chunks (see pdf_engine.py; WeasyPrint itself is called in pdf_html.py), whose pages get the same footer's drawing stamped
afterwards (pdf_numbers.py).
"""

from __future__ import annotations

from .document import ReportDocument
from .pdf_engine import chunks, render_chunks
from .pdf_html import RemoteResourceRefused, check_url, fetcher, html_to_pdf
from .render_html import body_parts, print_css, render_html

__all__ = ["RemoteResourceRefused", "local_only_fetcher", "render_pdf"]

# Below this much HTML one process is faster than starting workers (an agency's report is
# ~0.1 MB; the national year ~3 MB).
CHUNK_MIN_CHARS = 400_000


def local_only_fetcher(url: str):
    """Check `url` against the policy, then fetch it (raises RemoteResourceRefused)."""
    check_url(url)
    return fetcher().fetch(url)


def _sections(parts: list[str]) -> list[str]:
    """body_parts() regrouped one section a string: a section comes as several fragments (its
    opening and heading, each agency's heading and paragraphs, its closing tag)."""
    groups: list[list[str]] = []
    for p in parts:
        if not groups or p.startswith("<section"):
            groups.append([])
        groups[-1].append(p)
    return ["\n".join(g) for g in groups]


def _split(parts: list[str], n: int) -> list[str]:
    """`parts` joined into `n` runs of about equal length, cut only between sections (a
    sub-item or the annex), so each chunk starts at a level-1 heading, never mid-sub-item."""
    sections = _sections(parts)
    total = sum(len(p) for p in sections)
    chunks, current, size, target = [], [], 0, total / n
    for p in sections:
        if current and size + len(p) / 2 > target * (len(chunks) + 1) and len(chunks) < n - 1:
            chunks.append("\n".join(current))
            current = []
        current.append(p)
        size += len(p)
    chunks.append("\n".join(current))
    return chunks


def render_pdf(doc: ReportDocument, on_part=None) -> bytes:
    """The report as PDF bytes (A4, page numbers in the footer from page 2, bookmarks);
    `on_part(done, total)` hears of each chunk laid out."""
    html = render_html(doc, for_print=True)
    n = chunks()
    if n < 2 or len(html) < CHUNK_MIN_CHARS:
        return html_to_pdf(html)
    head = html[: html.index("<body>") + len("<body>")]
    return render_chunks(head, _split(body_parts(doc), n), print_css(), on_part=on_part)

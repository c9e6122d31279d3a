"""One entry point for every delivery (command, web view, bench): compose, then render."""

from __future__ import annotations

from .compose import compose_report
from .document import ReportDocument
from .render_html import render_html
from .render_pdf import render_pdf

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
    "html": ("text/html; charset=utf-8", "html"),
}


def render(doc: ReportDocument, fmt: str, on_part=None) -> bytes:
    """Render a composed document in one of FORMATS; a chunked PDF calls `on_part(done, total)`
    as each of its parts is laid out."""
    if fmt == "docx":
        from .render_docx import render_docx  # loads python-docx: only when a DOCX is asked for

        return render_docx(doc)
    if fmt == "pdf":
        return render_pdf(doc, on_part=on_part)
    if fmt == "html":
        return render_html(doc).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r} (use docx, pdf or html)")


def generate(
    plan,
    period,
    agency=None,
    *,
    fmt: str,
    lang: str = "az",
    include_submitted: bool = False,
    annex: bool = True,
    user=None,
    progress=None,
) -> tuple[ReportDocument, bytes]:
    """Compose and render; returns the tree (for names and counts) and the file's bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use docx, pdf or html)")
    doc = compose_report(
        plan,
        period,
        agency,
        lang=lang,
        include_submitted=include_submitted,
        annex=annex,
        user=user,
        progress=progress,
    )
    return doc, render(doc, fmt)

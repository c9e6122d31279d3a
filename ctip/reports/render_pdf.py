"""Render a composed report as PDF with WeasyPrint, from the same HTML as the HTML download.

Nothing is fetched from the network: the only resources are the DejaVu fonts shipped in
ctip/static/fonts, referenced by file:// URL, and the URL fetcher refuses every other scheme.
Headings h1/h2 become PDF bookmarks; fonts are embedded (subset). Page numbers are drawn
afterwards as outlines (see pagenum.py).
"""

from __future__ import annotations

from .compose import ReportDocument
from .render_html import FONT_DIR, render_html


class RemoteResourceRefused(ValueError):
    pass


def _check_url(url: str) -> None:
    from urllib.parse import unquote, urlparse

    if url.startswith("data:"):
        return
    if url.startswith("file://"):
        path = unquote(urlparse(url).path)
        if path.startswith(str(FONT_DIR) + "/"):
            return
    raise RemoteResourceRefused(f"refused to fetch {url!r}: reports load nothing but shipped fonts")


def _fetcher():
    """A WeasyPrint URL fetcher that allows only the shipped fonts (and data: URLs)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            try:
                _check_url(url)
            except RemoteResourceRefused as exc:
                raise FatalURLFetchingError(str(exc)) from None
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols=("file", "data"))


def local_only_fetcher(url: str):
    """Check `url` against the policy, then fetch it (raises RemoteResourceRefused)."""
    _check_url(url)
    return _fetcher().fetch(url)


def render_pdf(doc: ReportDocument) -> bytes:
    """The report as PDF bytes (A4, page numbers in the footer from page 2, bookmarks)."""
    import weasyprint

    from .pagenum import stamp_pdf

    html = render_html(doc, for_print=True)
    data = weasyprint.HTML(string=html, url_fetcher=_fetcher(),
                           base_url=FONT_DIR.as_uri() + "/").write_pdf()
    return stamp_pdf(data)

"""HTML to PDF with WeasyPrint, loading nothing but the shipped fonts: the one document of a
small report, or one chunk of a large one (pdf_engine.py), or the footer sheet whose drawing
numbers merged pages (pdf_numbers.py). Free of Django, so worker processes import it fast.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"


class RemoteResourceRefused(ValueError):
    pass


def check_url(url: str) -> None:
    """Allow data: URLs and files inside the shipped fonts directory, nothing else.

    The path is resolved first (`..`, `.`, percent-encoded dots, symbolic links), so a URL that
    starts in the fonts directory but leads out of it is refused."""
    if url.startswith("data:"):
        return
    parsed = urlparse(url)
    if parsed.scheme == "file" and parsed.netloc in ("", "localhost") and not parsed.query:
        path = Path(unquote(parsed.path))
        if ".." not in path.parts and path.resolve().is_relative_to(FONT_DIR.resolve()):
            return
    raise RemoteResourceRefused(f"refused to fetch {url!r}: reports load nothing but shipped fonts")


def fetcher():
    """A WeasyPrint URL fetcher that allows only the shipped fonts (and data: URLs)."""
    # WeasyPrint/pypdf are heavy: loaded only when a PDF is made
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            try:
                check_url(url)
            except RemoteResourceRefused as exc:
                raise FatalURLFetchingError(str(exc)) from None
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols=("file", "data"))


def _weasyprint():
    """The weasyprint module, with pdf_speed's faster drawing installed when it applies."""
    # WeasyPrint (and pdf_speed, which patches it) are heavy: loaded only when a PDF is made
    import weasyprint

    from . import pdf_speed

    pdf_speed.apply()
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """One HTML document to PDF bytes (the whole job for small documents; one chunk's here)."""
    weasyprint = _weasyprint()
    return weasyprint.HTML(
        string=html, url_fetcher=fetcher(), base_url=FONT_DIR.as_uri() + "/"
    ).write_pdf()


def chunk_to_pdf(html: str) -> tuple[bytes, int]:
    """Worker entry point: a chunk's PDF bytes and its page count."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(
        string=html, url_fetcher=fetcher(), base_url=FONT_DIR.as_uri() + "/"
    ).render()
    return document.write_pdf(), len(document.pages)

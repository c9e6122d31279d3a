"""The PDF renderer's font allow-list (ctip.reports.pdf_html): it cannot be left with `..`, so a
report's HTML embeds nothing from outside the shipped fonts (issue 11, point 9)."""

import pytest

from ctip.reports.pdf_html import FONT_DIR, RemoteResourceRefused, check_url


@pytest.mark.parametrize(
    "url",
    [
        f"file://{FONT_DIR}/../../settings.py",
        f"file://{FONT_DIR}/%2e%2e/%2e%2e/settings.py",
        f"file://{FONT_DIR}/../fonts/../../../../../etc/passwd",
        f"file://{FONT_DIR}/./../ctip.css",
        f"file://{FONT_DIR}" + "-evil/x.ttf",
    ],
)
def test_the_font_allow_list_refuses_paths_that_leave_the_font_directory(url):
    with pytest.raises(RemoteResourceRefused):
        check_url(url)


def test_the_shipped_fonts_are_still_allowed():
    font = next(FONT_DIR.glob("*.ttf"))
    check_url(font.as_uri())


def test_a_pdf_cannot_embed_a_file_through_the_fonts_directory(tmp_path):
    """End to end: a report's HTML naming a file outside the fonts gets nothing from it."""
    from weasyprint.urls import FatalURLFetchingError

    from ctip.reports.pdf_html import fetcher

    with pytest.raises((FatalURLFetchingError, RemoteResourceRefused)):
        fetcher().fetch(f"file://{FONT_DIR}/../../settings.py")

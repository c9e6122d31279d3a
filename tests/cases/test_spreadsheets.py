"""Case figures as XLSX and CSV: the page's tables, small counts suppressed the same way."""

import io

import pytest

from ctip.demo import cases as demo
from tests.core.spreadsheets import csv_rows, page_rows, xlsx_sheets

pytestmark = pytest.mark.django_db


def test_case_figures_download_matches_the_page_with_small_counts_suppressed(
    make_user, login_as, settings
):
    settings.CTIP_STATS_MIN_CELL = 5
    demo.load(io.StringIO())
    client = login_as(make_user("analyst", "MK"))
    page = client.get("/cases/stats/?year=2024").content.decode()
    assert "?year=2024&amp;format=xlsx" in page
    r = client.get("/cases/stats/?year=2024&format=xlsx")
    assert 'filename="case_figures_2024.xlsx"' in r["Content-Disposition"]
    sheets = xlsx_sheets(r.content)
    titles = list(sheets)
    assert titles[1] == "İllər üzrə"  # after the totals, the page's first table: by year
    # each of the page's tables, in order, is a sheet with the same rows
    page_tables = [page_rows(page, n) for n in range(len(titles) - 1)]
    for title, on_page in zip(titles[1:], page_tables, strict=True):
        in_sheet = [[str(k), str(v)] for k, v in sheets[title][1:]]
        assert in_sheet == on_page, title
    cells = [v for rows in sheets.values() for _k, v in rows[1:]]
    assert "< 5" in cells  # suppressed as on the page, never the small number
    assert all(isinstance(v, int) and (v == 0 or v >= 5) for v in cells if v != "< 5")
    text = r.content + client.get("/cases/stats/?year=2024&format=csv").content
    for name in demo.GIVEN + demo.SURNAMES:
        assert name.encode() not in text


def test_csv_of_case_figures_has_every_table(make_user, login_as):
    demo.load(io.StringIO())
    client = login_as(make_user("analyst", "MK"))
    rows = csv_rows(client.get("/cases/stats/?format=csv").content)
    assert rows[1][1] == "Say"  # the totals' header, in Azerbaijani
    assert rows[2][1] == "30"  # cases, over every year
    assert sum(1 for r in rows if r == []) >= 5  # sheets one after the other

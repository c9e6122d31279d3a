"""ctip.core.spreadsheet: formula injection, dates as dates, sheets, CSV encoding."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ctip.core.spreadsheet import Sheet, Table, cell, safe_text, to_csv, to_xlsx
from tests.core.spreadsheets import csv_rows, xlsx_sheets

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_prefixed(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["", "a=b", "Bakı", "4.1.6", "'quoted", "< 5"])
def test_ordinary_text_is_unchanged(text):
    assert safe_text(text) == text


def test_numbers_stay_numbers_and_aware_datetimes_become_local():
    assert cell(-5) == -5 and cell(2.5) == 2.5 and cell(None) is None
    at = dt.datetime(2022, 3, 5, 8, 30, tzinfo=dt.UTC)
    assert cell(at) == dt.datetime(2022, 3, 5, 12, 30)  # Asia/Baku, zone dropped
    assert cell(at.astimezone(ZoneInfo("Asia/Baku"))).tzinfo is None


def _table():
    rows = [
        ["01/1", dt.date(2022, 3, 5), 12, '=HYPERLINK("http://evil","x")'],
        ["ğüşıöçə", None, -3, "@SUM(A1)"],
    ]
    return Table("t", [Sheet("Sənədlər: [1/2]", ["Nömrə", "Tarix", "Say", "Mövzu"], rows)])


def test_xlsx_round_trip_keeps_dates_numbers_and_defuses_formulas():
    sheets = xlsx_sheets(to_xlsx(_table()))
    ((title, rows),) = sheets.items()
    assert title == "Sənədlər   1 2"  # Excel's forbidden characters [ ] : / gone
    assert rows[0] == ["Nömrə", "Tarix", "Say", "Mövzu"]
    assert rows[1][0] == "01/1" and rows[1][1] == dt.datetime(2022, 3, 5) and rows[1][2] == 12
    assert rows[1][3] == '\'=HYPERLINK("http://evil","x")'
    assert rows[2] == ["ğüşıöçə", None, -3, "'@SUM(A1)"]


def test_xlsx_dates_are_formatted_as_dates():
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(to_xlsx(_table()))).active
    assert ws["B2"].is_date and ws["B2"].number_format == "DD.MM.YYYY"
    assert ws["D2"].data_type == "s"  # text, not a formula


def test_csv_round_trip_with_bom_iso_dates_and_defused_formulas():
    rows = csv_rows(to_csv(_table()))
    assert rows == [
        ["Nömrə", "Tarix", "Say", "Mövzu"],
        ["01/1", "2022-03-05", "12", '\'=HYPERLINK("http://evil","x")'],
        ["ğüşıöçə", "", "-3", "'@SUM(A1)"],
    ]


def test_several_sheets_get_unique_titles_and_follow_each_other_in_csv():
    long = "x" * 40
    table = Table("t", [Sheet(long, ["a"], [[1]]), Sheet(long, ["b"], [[2]])])
    titles = list(xlsx_sheets(to_xlsx(table)))
    assert len(titles) == 2 and titles[0] != titles[1] and all(len(t) <= 31 for t in titles)
    assert csv_rows(to_csv(table)) == [[long], ["a"], ["1"], [], [long], ["b"], ["2"]]

"""Deadlines of plan measures: year, quarter, range of years, every year, continuous."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctip.azlang import format_ordinal, upper
from ctip.azlang.deadlines import Deadline, format_deadline, parse_deadline

YEARS = st.integers(min_value=1990, max_value=2099)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
WORDS = {1: "birinci", 2: "ikinci", 3: "üçüncü", 4: "dördüncü"}


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2021-ci il", "year", "2021-01-01", "2021-12-31"),
        ("2023-cü il ərzində", "year", "2023-01-01", "2023-12-31"),
        ("2022-ci ilin II rübü", "quarter", "2022-04-01", "2022-06-30"),
        ("2020-ci ilin IV rübü", "quarter", "2020-10-01", "2020-12-31"),
        ("2024-cü ilin 1-ci rübü", "quarter", "2024-01-01", "2024-03-31"),
        ("2024-cü ilin üçüncü rübü", "quarter", "2024-07-01", "2024-09-30"),
        ("2020–2024-cü illər", "range", "2020-01-01", "2024-12-31"),
        ("2021-2022-ci illər", "range", "2021-01-01", "2022-12-31"),
        ("2021 — 2023-cü illər ərzində", "range", "2021-01-01", "2023-12-31"),
        ("Hər il", "annual", None, None),
        ("hər il.", "annual", None, None),
        ("Mütəmadi olaraq", "continuous", None, None),
        ("Daim", "continuous", None, None),
        ("DAİMİ OLARAQ", "continuous", None, None),
    ],
)
def test_each_written_form_is_read(text, kind, start, end):
    d = parse_deadline(text)
    assert (d.kind, d.as_dict()["start"], d.as_dict()["end"]) == (kind, start, end)
    assert d.text == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Tədbir başa çatanadək",
        "2022-ci ilin V rübü",  # there is no fifth quarter
        "2024–2020-ci illər",  # backwards
        "2022–2022-ci illər",  # not a range
        "2021-ci ilin sonunadək",
        "1 iyul 2022-ci il",
    ],
)
def test_anything_else_is_kept_as_text_with_kind_unknown(text):
    d = parse_deadline(text)
    assert d.kind == "unknown" and d.start is None and d.end is None
    assert d.text == " ".join(text.split())


@given(YEARS)
def test_a_year_runs_from_1_january_to_31_december(year):
    d = parse_deadline(f"{format_ordinal(year)} il")
    assert d == Deadline("year", dt.date(year, 1, 1), dt.date(year, 12, 31), d.text)


@given(YEARS, st.integers(1, 4), st.sampled_from(["roman", "digits", "words"]))
def test_a_quarter_is_its_first_to_its_last_day(year, quarter, style):
    written = {"roman": ROMAN[quarter], "digits": format_ordinal(quarter), "words": WORDS[quarter]}
    d = parse_deadline(f"{format_ordinal(year)} ilin {written[style]} rübü")
    assert d.kind == "quarter"
    assert d.start == dt.date(year, 3 * quarter - 2, 1)
    assert (d.end + dt.timedelta(days=1)).day == 1  # the end is a month's last day
    assert d.end.month == 3 * quarter and d.end.year == year


@given(YEARS, st.integers(1, 10), st.sampled_from(["–", "-", "—", " – "]))
def test_a_range_covers_whole_years(first, span, dash):
    last = first + span
    d = parse_deadline(f"{first}{dash}{format_ordinal(last)} illər")
    assert d == Deadline("range", dt.date(first, 1, 1), dt.date(last, 12, 31), d.text)


@given(
    st.sampled_from(["year", "quarter", "range", "annual", "continuous"]),
    YEARS,
    st.integers(1, 4),
    st.integers(1, 5),
)
def test_formatting_then_parsing_gives_the_same_deadline(kind, year, quarter, span):
    start = dt.date(year, 3 * quarter - 2, 1) if kind == "quarter" else dt.date(year, 1, 1)
    original = parse_deadline(
        format_deadline(kind, start, dt.date(year + span, 12, 31) if kind == "range" else None)
    )
    again = parse_deadline(format_deadline(original.kind, original.start, original.end))
    assert again.kind == kind and again == original


@given(st.sampled_from(["Hər il", "Mütəmadi olaraq", "2022-ci ilin II rübü", "2021-ci il"]))
def test_case_and_spacing_do_not_matter(text):
    assert parse_deadline(upper(text)).kind == parse_deadline(text).kind
    assert parse_deadline("  " + text.replace(" ", "   ") + " ").as_dict() == (
        parse_deadline(text).as_dict()
    )


def test_overlaps_a_period_only_within_its_dates():
    y2021 = parse_deadline("2021-ci il")
    assert y2021.overlaps(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert not y2021.overlaps(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    q = parse_deadline("2022-ci ilin II rübü")
    assert q.overlaps(dt.date(2022, 1, 1), dt.date(2022, 6, 30))  # first half-year
    assert not q.overlaps(dt.date(2022, 7, 1), dt.date(2022, 12, 31))
    for text in ("Hər il", "Daim", "bilinmir"):
        assert parse_deadline(text).overlaps(dt.date(2030, 1, 1), dt.date(2030, 12, 31))

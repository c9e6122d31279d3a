"""Months and official-style dates: finding and formatting."""

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctip.azlang import (
    MONTHS,
    MONTHS_GENITIVE,
    DateMatch,
    find_dates,
    format_date,
    format_range,
    month_number,
)

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"
_spec = importlib.util.spec_from_file_location(
    "seed_dates", Path(__file__).with_name("seed_dates.py")
)
_seed_dates = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_seed_dates)
SEED_DATES = _seed_dates.SEED_DATES


def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"shared/seeds not present: {SEED}")
    return SEED.read_text(encoding="utf-8")


def iso(text, **kw):
    return [(m.start.isoformat(), m.end.isoformat()) for m in find_dates(text, **kw)]


# ---- months ------------------------------------------------------------------------------
def test_months():
    assert MONTHS[0] == "yanvar" and MONTHS[8] == "sentyabr" and len(MONTHS) == 12
    assert MONTHS_GENITIVE == (
        "yanvarın",
        "fevralın",
        "martın",
        "aprelin",
        "mayın",
        "iyunun",
        "iyulun",
        "avqustun",
        "sentyabrın",
        "oktyabrın",
        "noyabrın",
        "dekabrın",
    )


@pytest.mark.parametrize(
    "word, number",
    [
        ("yanvar", 1),
        ("Fevral", 2),
        ("MART", 3),
        ("martın", 3),
        ("MARTIN", 3),
        ("aprelin", 4),
        ("aprelə", 4),
        ("apreldə", 4),
        ("mayın", 5),
        ("İyun", 6),
        ("iyunun", 6),
        ("iyulda", 7),
        ("avqustun", 8),
        ("sentyabrdan", 9),
        ("oktyabra", 10),
        ("noyabradək", 11),
        ("noyabrdək", 11),
        ("dekabrın", 12),
        ("dekabrdakı", 12),
        ("martinez", None),
        ("ay", None),
        ("", None),
        ("maya", 5),
        ("mayor", None),
    ],
)
def test_month_number(word, number):
    assert month_number(word) == number


def test_every_genitive_is_recognised():
    for i, (base, gen) in enumerate(zip(MONTHS, MONTHS_GENITIVE, strict=True), 1):
        assert month_number(base) == month_number(gen) == month_number(gen.upper()) == i


# ---- the seed report ---------------------------------------------------------------------
def test_seed_gold_list_is_in_the_seed():
    text = seed_text()
    assert len(SEED_DATES) == 42
    for _start, _end, snippet in SEED_DATES:
        assert snippet in text


def test_seed_every_date_exactly_once():
    text = seed_text()
    found = [(m.start.isoformat(), m.end.isoformat(), m.text) for m in find_dates(text)]
    assert found == SEED_DATES  # precision and recall 1.0, in order
    for m in find_dates(text):
        assert text[m.span[0] : m.span[1]] == m.text


def test_seed_pinned_facts():
    text = seed_text()
    found = {(m.start, m.end) for m in find_dates(text)}
    d = dt.date
    assert (d(2022, 9, 5), d(2022, 9, 9)) in found  # GRETA visit, "2022-ci ilin 5-9 sentyabr"
    assert (d(2022, 7, 27), d(2022, 8, 3)) in found  # "27 iyul-\n3 avqust 2022-ci il"
    assert (d(2022, 2, 26), d(2022, 2, 26)) in found  # "2022-ci \nil 26 fevral"
    assert (d(2018, 3, 5), d(2018, 3, 5)) in found  # "05 mart 2018-ci il"
    assert (d(2009, 9, 3), d(2009, 9, 3)) in found
    years_only = [m for m in find_dates(text) if m.start.year == 2020]
    assert years_only == []  # "2020-ci ilin əvvəlindən" is not a date


# ---- forms -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-ci il 5 mart", [("2022-03-05", "2022-03-05")]),
        ("Kabinetinin 2021-ci il 1 dekabr  tarixli 377", [("2021-12-01", "2021-12-01")]),
        ("5 mart 2022-ci il", [("2022-03-05", "2022-03-05")]),
        ("05 mart 2018-ci il tarixli", [("2018-03-05", "2018-03-05")]),
        ("06.09.2022-ci il tarixdə", [("2022-09-06", "2022-09-06")]),
        ("17.02.2022-ci il tarixli", [("2022-02-17", "2022-02-17")]),
        ("görüş 06.09.2022 keçirildi", [("2022-09-06", "2022-09-06")]),
        ("2022-ci ilin 5-9 sentyabr tarixlərində", [("2022-09-05", "2022-09-09")]),
        ("27-28 iyun 2022-ci il", [("2022-06-27", "2022-06-28")]),
        ("2022-ci ilin 27 iyul-3 avqust tarixlərində", [("2022-07-27", "2022-08-03")]),
        ("18-20 may 2022-ci il", [("2022-05-18", "2022-05-20")]),
        ("23-27 may 2022-ci il", [("2022-05-23", "2022-05-27")]),
        ("27 iyul-3 avqust 2022-ci il", [("2022-07-27", "2022-08-03")]),
        ("27 iyul-\n3 avqust 2022-ci il", [("2022-07-27", "2022-08-03")]),
        ("27 iyul – 3 avqust 2022-ci il", [("2022-07-27", "2022-08-03")]),
        ("5-12 noyabr 2022-ci il", [("2022-11-05", "2022-11-12")]),
        ("7 sentyabr 2022-\nci il tarixdə", [("2022-09-07", "2022-09-07")]),
        ("Nazirlər Kabinetinin 2022-ci \nil 26 fevral tarixli", [("2022-02-26", "2022-02-26")]),
        ("2022-ci il martın 19-da", [("2022-03-19", "2022-03-19")]),
        ("2022-ci il sentyabrın 5-dən 9-dək", [("2022-09-05", "2022-09-09")]),
        ("2022-ci il sentyabrın 5-dən 9-a qədər", [("2022-09-05", "2022-09-09")]),
        ("19 mart 2022-ci il tarixində", [("2022-03-19", "2022-03-19")]),
        ("5 Mart 2022-Cİ İL", [("2022-03-05", "2022-03-05")]),
        ("28 dekabr 2021-ci il-3 yanvar 2022-ci il", [("2021-12-28", "2022-01-03")]),
        ("28 dekabr-3 yanvar 2022-ci il", [("2021-12-28", "2022-01-03")]),
        ("01.09.2022-05.09.2022", [("2022-09-01", "2022-09-05")]),
        ("ISO 2022-09-06 forması", [("2022-09-06", "2022-09-06")]),
        ("5 mart 2022", [("2022-03-05", "2022-03-05")]),
        (
            "5 mart 2022-ci il və 6 aprel 2022-ci il",
            [("2022-03-05", "2022-03-05"), ("2022-04-06", "2022-04-06")],
        ),
    ],
)
def test_forms(text, expected):
    assert iso(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2022-ci il ərzində",
        "2020-ci ilin əvvəlindən",
        "2021-ci il üzrə",
        "2022-ci ildə",
        "2022-ci ilin mart ayında",
        "Cari ilin yanvar ayından",
        "6 ay davam edən",
        "20 il müddətinə",
        "31.02.2022",
        "31.02.2022-ci il",
        "30 fevral 2022-ci il",
        "2022-ci il 31 iyun",
        "4.2.10-cu yarımbənd",
        "2/15-10742/05/22 nömrəli",
        "4969/29644aid (2021)",
        "13-\ncü",
        "9-12 sentyabr 2022-ci il".replace("9-12", "12-9"),
        "1.2.3.2022",
        "123 mart 2022",
        "martın 19-da",
        "5 mart",
        "5 martin 2022",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []


def test_default_year():
    assert iso("martın 19-da", default_year=2022) == [("2022-03-19", "2022-03-19")]
    assert iso("5 mart tarixində", default_year=2021) == [("2021-03-05", "2021-03-05")]
    assert iso("sentyabrın 5-dən 9-dək", default_year=2022) == [("2022-09-05", "2022-09-09")]
    # an explicit year always wins over the default
    assert iso("5 mart 2020-ci il", default_year=2022) == [("2020-03-05", "2020-03-05")]
    assert iso("2020-ci il martın 19-da", default_year=2022) == [("2020-03-19", "2020-03-19")]


def test_match_fields():
    text = "Məktub 2022-ci il 5 mart tarixli."
    (m,) = find_dates(text)
    assert isinstance(m, DateMatch)
    assert m == DateMatch(dt.date(2022, 3, 5), dt.date(2022, 3, 5), (7, 24), "2022-ci il 5 mart")
    assert text[slice(*m.span)] == m.text
    with pytest.raises(AttributeError):
        m.start = dt.date(2000, 1, 1)


# ---- formatting --------------------------------------------------------------------------
def test_format_date():
    assert format_date(dt.date(2022, 3, 5)) == "5 mart 2022-ci il"
    assert format_date(dt.date(2013, 9, 10)) == "10 sentyabr 2013-cü il"
    assert format_date(dt.date(2009, 8, 11)) == "11 avqust 2009-cu il"
    assert format_date(dt.date(2000, 1, 1)) == "1 yanvar 2000-ci il"


def test_format_range():
    d = dt.date
    assert format_range(d(2022, 9, 5), d(2022, 9, 9)) == "5-9 sentyabr 2022-ci il"
    assert format_range(d(2022, 7, 27), d(2022, 8, 3)) == "27 iyul-3 avqust 2022-ci il"
    assert (
        format_range(d(2021, 12, 28), d(2022, 1, 3)) == "28 dekabr 2021-ci il-3 yanvar 2022-ci il"
    )
    assert format_range(d(2022, 3, 5), d(2022, 3, 5)) == "5 mart 2022-ci il"
    with pytest.raises(ValueError):
        format_range(d(2022, 3, 6), d(2022, 3, 5))


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
gaps = st.sampled_from([" ", "  ", "\n", " \n", "\n "])


@given(dates)
def test_format_date_round_trip(d):
    (m,) = find_dates(format_date(d))
    assert (m.start, m.end) == (d, d)
    assert m.text == format_date(d)


@given(dates, dates, gaps)
def test_format_range_round_trip(a, b, gap):
    a, b = min(a, b), max(a, b)
    text = format_range(a, b)
    (m,) = find_dates(f"Tədbir {text} tarixində keçirilmişdir.")
    assert (m.start, m.end) == (a, b) and m.text == text
    (m,) = find_dates(text.replace(" ", gap).replace("-", "-" + gap.strip(" ")))
    assert (m.start, m.end) == (a, b)


@given(dates)
def test_numeric_round_trip(d):
    text = f"{d.day:02d}.{d.month:02d}.{d.year}-ci il tarixli"
    assert iso(text) == [(d.isoformat(), d.isoformat())]


# ---- ranges, context years, relative years -----------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("mayın 18-dən iyunun 18-dək", [("2023-05-18", "2023-06-18")]),
        ("aprel ayının 3-dən may ayının 2-dək", [("2023-04-03", "2023-05-02")]),
        ("fevralın 7-dən 11-dək", [("2023-02-07", "2023-02-11")]),
        ("noyabrın 20-dən 24-ə qədər", [("2023-11-20", "2023-11-24")]),
        ("Dekabrın 4-5-də", [("2023-12-04", "2023-12-05")]),
        ("Oktyabrın 19–20-də", [("2023-10-19", "2023-10-20")]),
        ("mart ayının 6 — 8-də", [("2023-03-06", "2023-03-08")]),
        ("martın 22-də", [("2023-03-22", "2023-03-22")]),
        ("mart ayının 22-də", [("2023-03-22", "2023-03-22")]),
        ("sentyabrın 1-dən etibarən", [("2023-09-01", "2023-09-01")]),
        ("10 iyundan 20 iyuladək", [("2023-06-10", "2023-07-20")]),
        ("25 dekabrdan 10 yanvaradək", [("2022-12-25", "2023-01-10")]),
        ("12–13.10.2021 tarixlərində", [("2021-10-12", "2021-10-13")]),
        ("3-7.06.2024", [("2024-06-03", "2024-06-07")]),
        ("28.02–03.03.2022 tarixlərində", [("2022-02-28", "2022-03-03")]),
        ("20.05.2023-cü il tarixdən 25.05.2023-cü il tarixədək", [("2023-05-20", "2023-05-25")]),
        ("dekabrın 29-dan yanvarın 3-dək", [("2022-12-29", "2023-01-03")]),
        ("12 və 19 may tarixlərində", [("2023-05-12", "2023-05-12"), ("2023-05-19", "2023-05-19")]),
        ("sentyabrın 5-də və 19-da", [("2023-09-05", "2023-09-05"), ("2023-09-19", "2023-09-19")]),
        ("mayın 5-də və 12 şagird", [("2023-05-05", "2023-05-05")]),
        ("Fevralın 11-i ilə 15-i arasında", [("2023-02-11", "2023-02-15")]),
        ("martın 28-i ilə aprelin 2-si arasında", [("2023-03-28", "2023-04-02")]),
        ("noyabrın 10-u", [("2023-11-10", "2023-11-10")]),
        ("2022-ci il martın 6-sı", [("2022-03-06", "2022-03-06")]),
        ("iyunun 5-ində", [("2023-06-05", "2023-06-05")]),
        ("yanvarın 1-indən", [("2023-01-01", "2023-01-01")]),
        ("dekabrın 20-sinədək", [("2023-12-20", "2023-12-20")]),
        ("noyabrın 10-una qədər", [("2023-11-10", "2023-11-10")]),
        ("29.12–04.01.2022", [("2021-12-29", "2022-01-04")]),
        ("14 fevral – 2 mart 2022-ci il", [("2022-02-14", "2022-03-02")]),
        ("2022-ci il 16–17 aprel tarixlərində", [("2022-04-16", "2022-04-17")]),
        ("ötən ilin 12 dekabr tarixində", [("2022-12-12", "2022-12-12")]),
        ("keçən il noyabrın 3-də", [("2022-11-03", "2022-11-03")]),
        ("cari ilin 5 mart tarixində", [("2023-03-05", "2023-03-05")]),
    ],
)
def test_ranges_and_years_from_the_report(text, expected):
    assert iso(text, default_year=2023) == expected


def test_a_day_takes_the_year_named_earlier_in_its_paragraph():
    text = "2021-ci ildə layihə davam etmiş, iyulun 4-də yekunlaşmışdır."
    assert iso(text, default_year=2023) == [("2021-07-04", "2021-07-04")]
    assert iso(text) == [("2021-07-04", "2021-07-04")]  # the paragraph's year, no report year
    other_paragraph = "2021-ci ildə layihə başlamışdır.\n\nİyulun 4-də görüş keçirilmişdir."
    assert iso(other_paragraph, default_year=2023) == [("2023-07-04", "2023-07-04")]


def test_a_full_dates_year_holds_for_later_days_of_its_sentence():
    text = "2021-ci il 5 may tarixli məktub Nazirliyə 12 may tarixində daxil olmuşdur."
    assert iso(text, default_year=2023) == [
        ("2021-05-05", "2021-05-05"),
        ("2021-05-12", "2021-05-12"),
    ]
    later = "2021-ci il 5 may tarixli məktub göndərilmişdir. Mayın 12-də cavab alınmışdır."
    assert iso(later, default_year=2023)[1] == ("2023-05-12", "2023-05-12")


def test_a_relative_year_holds_in_its_own_sentence_only():
    text = "Ötən il bu göstərici 21 olmuşdur. Avqustun 3-də sessiya keçirilmişdir."
    assert iso(text, default_year=2021) == [("2021-08-03", "2021-08-03")]
    same = "Ötən il, avqustun 3-də sessiya keçirilmişdir."
    assert iso(same, default_year=2021) == [("2020-08-03", "2020-08-03")]


def test_month_and_year_only_mentions_stay_non_dates():
    assert find_dates("2023-cü ilin yanvar–mart aylarında", default_year=2023) == []
    assert find_dates("ötən ilin dekabr ayında", default_year=2023) == []
    assert find_dates("cari il ərzində", default_year=2023) == []


_DAY_RANGES = st.builds(
    lambda start, length: (start, start + dt.timedelta(days=length)),
    st.dates(dt.date(1995, 1, 1), dt.date(2035, 12, 1)),
    st.integers(1, 20),
).filter(lambda ab: ab[0].month == ab[1].month)


@given(_DAY_RANGES)
def test_numeric_day_range_round_trip(ab):
    a, b = ab
    text = f"{a.day}–{b.day:02d}.{b.month:02d}.{b.year} tarixlərində"
    assert iso(text) == [(a.isoformat(), b.isoformat())]


@given(_DAY_RANGES)
def test_genitive_day_range_round_trip(ab):
    a, b = ab
    text = f"{MONTHS_GENITIVE[a.month - 1]} {a.day}-dən {b.day}-dək"
    assert iso(text, default_year=a.year) == [(a.isoformat(), b.isoformat())]

"""Number words and the vowel-harmonic suffixes written after numerals."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctip.azlang import (
    ablative_suffix,
    accusative_suffix,
    dative_suffix,
    format_code,
    format_ordinal,
    genitive_suffix,
    locative_suffix,
    number_words,
    ordinal_suffix,
)

# --- an independent reading of the spoken form (does not use the implementation) ----------
VALUES = {
    "bir": 1,
    "iki": 2,
    "üç": 3,
    "dörd": 4,
    "beş": 5,
    "altı": 6,
    "yeddi": 7,
    "səkkiz": 8,
    "doqquz": 9,
    "on": 10,
    "iyirmi": 20,
    "otuz": 30,
    "qırx": 40,
    "əlli": 50,
    "altmış": 60,
    "yetmiş": 70,
    "səksən": 80,
    "doxsan": 90,
}
SCALES = {"min": 10**3, "milyon": 10**6, "milyard": 10**9, "trilyon": 10**12}


def parse_words(text: str) -> int:
    if text == "sıfır":
        return 0
    total = current = 0
    for word in text.split():
        if word in VALUES:
            current += VALUES[word]
        elif word == "yüz":
            current = (current or 1) * 100
        else:
            total += (current or 1) * SCALES[word]
            current = 0
    return total + current


def last_vowel(text: str) -> str:
    return next(c for c in reversed(text) if c in "aıoueəiöü")


def high(v: str) -> str:  # ı/i/u/ü by the last vowel
    return {
        "a": "ı",
        "ı": "ı",
        "o": "u",
        "u": "u",
        "e": "i",
        "ə": "i",
        "i": "i",
        "ö": "ü",
        "ü": "ü",
    }[v]


def low(v: str) -> str:  # a/ə by the last vowel
    return "a" if v in "aıou" else "ə"


# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "n, words",
    [
        (0, "sıfır"),
        (1, "bir"),
        (7, "yeddi"),
        (10, "on"),
        (11, "on bir"),
        (19, "on doqquz"),
        (40, "qırx"),
        (60, "altmış"),
        (99, "doxsan doqquz"),
        (100, "yüz"),
        (101, "yüz bir"),
        (200, "iki yüz"),
        (999, "doqquz yüz doxsan doqquz"),
        (1000, "min"),
        (1001, "min bir"),
        (1100, "min yüz"),
        (2013, "iki min on üç"),
        (2022, "iki min iyirmi iki"),
        (21000, "iyirmi bir min"),
        (100000, "yüz min"),
        (1000000, "bir milyon"),
        (1001000, "bir milyon min"),
        (1000000000, "bir milyard"),
        (10**12, "bir trilyon"),
        (-5, "mənfi beş"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


def test_number_words_too_large():
    with pytest.raises(ValueError):
        number_words(10**15)


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_number_words_reads_back(n):
    words = number_words(n)
    assert parse_words(words) == n
    assert not words.startswith(("bir yüz", "bir min")) and " bir yüz" not in words


ORDINALS = {
    1: "-ci",
    2: "-ci",
    3: "-cü",
    4: "-cü",
    5: "-ci",
    6: "-cı",
    7: "-ci",
    8: "-ci",
    9: "-cu",
    10: "-cu",
    20: "-ci",
    30: "-cu",
    40: "-cı",
    50: "-ci",
    60: "-cı",
    70: "-ci",
    80: "-ci",
    90: "-cı",
    100: "-cü",
    1000: "-ci",
    2013: "-cü",
    2022: "-ci",
    1000000: "-cu",
    0: "-cı",
    2009: "-cu",
    2021: "-ci",
    2018: "-ci",
    1000000000: "-cı",
}


@pytest.mark.parametrize("n, suffix", ORDINALS.items())
def test_ordinal_suffix(n, suffix):
    assert ordinal_suffix(n) == suffix


@pytest.mark.parametrize(
    "n, gen, loc, dat, abl, acc",
    [
        (1, "-in", "-də", "-ə", "-dən", "-i"),
        (2, "-nin", "-də", "-yə", "-dən", "-ni"),
        (3, "-ün", "-də", "-ə", "-dən", "-ü"),
        (5, "-in", "-də", "-ə", "-dən", "-i"),
        (6, "-nın", "-da", "-ya", "-dan", "-nı"),
        (9, "-un", "-da", "-a", "-dan", "-u"),
        (10, "-un", "-da", "-a", "-dan", "-u"),
        (19, "-un", "-da", "-a", "-dan", "-u"),
        (20, "-nin", "-də", "-yə", "-dən", "-ni"),
        (100, "-ün", "-də", "-ə", "-dən", "-ü"),
    ],
)
def test_case_suffixes(n, gen, loc, dat, abl, acc):
    assert (
        genitive_suffix(n),
        locative_suffix(n),
        dative_suffix(n),
        ablative_suffix(n),
        accusative_suffix(n),
    ) == (gen, loc, dat, abl, acc)


@given(st.integers(min_value=0, max_value=10**9))
def test_suffixes_follow_the_spoken_form(n):
    words = number_words(n)
    v = last_vowel(words)
    vowel_final = words[-1] in "aıoueəiöü"
    assert ordinal_suffix(n) == "-c" + high(v)
    assert genitive_suffix(n) == "-" + ("n" if vowel_final else "") + high(v) + "n"
    assert accusative_suffix(n) == "-" + ("n" if vowel_final else "") + high(v)
    assert dative_suffix(n) == "-" + ("y" if vowel_final else "") + low(v)
    assert locative_suffix(n) == "-d" + low(v)
    assert ablative_suffix(n) == "-d" + low(v) + "n"
    assert format_ordinal(n) == f"{n}{ordinal_suffix(n)}"


@pytest.mark.parametrize(
    "code, formatted",
    [
        ("4.2.10", "4.2.10-cu"),
        ("4.1.6", "4.1.6-cı"),
        ("4.1.9", "4.1.9-cu"),
        ("4.2.1", "4.2.1-ci"),
        ("4.2.4", "4.2.4-cü"),
        ("4.3.3", "4.3.3-cü"),
        ("4.6.6", "4.6.6-cı"),
        ("4.4.8", "4.4.8-ci"),
        ("7", "7-ci"),
        (" 4.7.2 ", "4.7.2-ci"),
    ],
)
def test_format_code(code, formatted):
    assert format_code(code) == formatted


@pytest.mark.parametrize("code", ["", "4.2.", "4.2.a", "4.2.²"])
def test_format_code_rejects_non_numbers(code):
    with pytest.raises(ValueError):
        format_code(code)


def test_format_ordinal():
    assert format_ordinal(2022) == "2022-ci"
    assert format_ordinal(2013) == "2013-cü"
    assert format_ordinal(2009) == "2009-cu"

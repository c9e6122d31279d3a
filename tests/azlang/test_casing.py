"""Azerbaijani casing and search keys."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctip.azlang import lower, search_key, title, upper

AZ_LETTERS = "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
az_text = st.text(alphabet=AZ_LETTERS + " -'.,0123456789\n", max_size=40)
mixed_text = st.text(
    alphabet=AZ_LETTERS + "äÄ АВЕКМНОРСТУХаеорсухіјәөүһӘӨҮҺдДжЖ\t\n  -.,!?0123456789éÉñçÇ\u0307ß",
    max_size=40,
)


@pytest.mark.parametrize(
    "word, low",
    [
        ("İSTANBUL", "istanbul"),
        ("IĞDIR", "ığdır"),
        ("İBRAHİMOV", "ibrahimov"),
        ("ŞİRVAN", "şirvan"),
        ("Əli", "əli"),
        ("DİN", "din"),
        ("Kİ", "ki"),
        ("BAKI", "bakı"),
    ],
)
def test_lower(word, low):
    assert lower(word) == low


@pytest.mark.parametrize(
    "word, up",
    [
        ("istanbul", "İSTANBUL"),
        ("ığdır", "IĞDIR"),
        ("şəki", "ŞƏKİ"),
        ("ölkə", "ÖLKƏ"),
        ("Bakı", "BAKI"),
        ("İnsan", "İNSAN"),
    ],
)
def test_upper(word, up):
    assert upper(word) == up


def test_no_combining_dot():
    assert "\u0307" not in lower("İİİ İnsan")
    assert lower("İ") == "i" and len(lower("İnsan")) == 5
    # text already damaged by str.lower() is repaired
    assert lower("İnsan".lower()) == "insan"
    assert upper("İnsan".lower()) == "İNSAN"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("insan alveri", "İnsan Alveri"),
        ("İSMAYIL İBRAHİMOV", "İsmayıl İbrahimov"),
        ("ıĞDIR", "Iğdır"),
        ("qeyri-hökumət təşkilatı", "Qeyri-Hökumət Təşkilatı"),
        ("2022-ci il", "2022-ci İl"),
        ("ƏLİ O'NEIL", "Əli O'neıl"),
    ],
)
def test_title(text, expected):
    assert title(text) == expected


@given(az_text)
def test_case_round_trips(s):
    assert lower(upper(s)) == lower(s)
    assert upper(lower(s)) == upper(s)
    assert len(lower(s)) == len(s) == len(upper(s))
    assert title(title(s)) == title(s)
    assert "\u0307" not in lower(s) + title(s)


@pytest.mark.parametrize(
    "text, key",
    [
        ("Şəxsİ", "sexsi"),
        ("Rüfət İbrahimov", "rufet ibrahimov"),
        ("ÇAĞRI  Mərkəzi\n(919)", "cagri merkezi (919)"),
        ("Özbəkistan", "ozbekistan"),
        ("Azärbaycan", "azerbaycan"),
        ("\u0410z\u0259rbayc\u0430n", "azerbaycan"),  # Cyrillic А and а inside Latin text
        ("ӘЛИ", "eли"),  # Cyrillic Ә folds like ə; Л and И have no Latin twin
        ("һава", "haba"),  # every letter has a Latin twin (in one of its cases)
        ("Кумар", "kymap"),
        ("  Kİ  ", "ki"),
        ("Café", "cafe"),
        ("COVİD-19", "covid-19"),
    ],
)
def test_search_key(text, key):
    assert search_key(text) == key


@given(mixed_text)
def test_search_key_idempotent_and_case_blind(s):
    key = search_key(s)
    assert search_key(key) == key
    assert search_key(upper(s)) == key == search_key(lower(s))
    assert key == key.strip() and "  " not in key and "\n" not in key
    assert not any(unicodedata.combining(c) for c in key)


@given(st.text(max_size=30))
def test_search_key_idempotent_on_any_text(s):
    assert search_key(search_key(s)) == search_key(s)

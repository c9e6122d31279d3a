"""Lemmatisation, search stems and search tokens."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctip.azlang import (
    EXCEPTIONS,
    lemma,
    lemma_candidates,
    lower,
    search_key,
    search_tokens,
    stem_key,
    upper,
)

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"

LEMMAS = {
    "şəxsin": "şəxs",
    "şəxsə": "şəxs",
    "şəxslərə": "şəxs",
    "tövsiyənin": "tövsiyə",
    "tövsiyə": "tövsiyə",
    "Kumarın": "Kumar",
    "oğlunun": "oğlu",
    "oğlu": "oğlu",
    "Rejepovun": "Rejepov",
    "Camalov": "Camalov",
    "Muhammadın": "Muhammad",
    "məktubla": "məktub",
    "məktublar": "məktub",
    "məktublarla": "məktub",
    "məktub": "məktub",
    "əməkdaşı": "əməkdaş",
    "əməkdaşının": "əməkdaş",
    "nəfər": "nəfər",
    "nəfərin": "nəfər",
    "halda": "hal",
    "işçi": "işçi",
    "işçiyə": "işçi",
    "vətəndaşı": "vətəndaş",
    "Nazirliyinin": "Nazirlik",
    "Nazirliyə": "Nazirlik",
    "Xidmətinin": "Xidmət",
    "Prokurorluğuna": "Prokurorluq",
    "Komissarlığının": "Komissarlıq",
    "Agentliyinə": "Agentlik",
    "Nümayəndəliyinin": "Nümayəndəlik",
    "alverinə": "alver",
    "alverindən": "alver",
    "Yunanıstanda": "Yunanıstan",
    "Özbəkistana": "Özbəkistan",
    "ABŞ-a": "ABŞ",
    "ABŞ-ın": "ABŞ",
    "DİN-in": "DİN",
    "TƏBİB-ə": "TƏBİB",
    "BMT-nin": "BMT",
    "təlim": "təlim",
    "təlimlərə": "təlim",
    "bukletlərin": "buklet",
    "Türkiyə": "Türkiyə",
    "Türkiyəyə": "Türkiyə",
    "Rusiyaya": "Rusiya",
    "Bakıda": "Bakı",
    "Bakıya": "Bakı",
    "Bakının": "Bakı",
    "Respublikasının": "Respublika",
    "Respublikasındakı": "Respublika",
    "qurbanlarının": "qurban",
    "ölkəmizə": "ölkə",
    "ölkələrinə": "ölkə",
    "ölkə": "ölkə",
    "Qadınlara": "Qadın",
    "qadın": "qadın",
    "köməyi": "kömək",
    "Sergeyin": "Sergey",
    "sahəsində": "sahə",
    "Şurasının": "Şura",
    "İbrahimovun": "İbrahimov",
    "alverçisi": "alverçi",
    "dillərində": "dil",
    "Şri-Lankaya": "Şri-Lanka",
    "Avropaya": "Avropa",
    "hüquqi": "hüquqi",
    "rəsmi": "rəsmi",
    "ictimai": "ictimai",
    "şəhərində": "şəhər",
    "ərazisindən": "ərazi",
    "quruma": "qurum",
    "nümayəndələri": "nümayəndə",
    "ilin": "il",
    "ayında": "ay",
    "Təşkilatının": "Təşkilat",
    "NAZİRLİYİNİN": "NAZİRLİK",
    "ailəsi": "ailə",
    "qızı": "qızı",
    "2022": "2022",
    "4.2.10-cu": "4.2.10",
    "COVİD-19": "COVİD-19",
    "Qeyri-Hökumət": "Qeyri-Hökumət",
    # a buffer n/s read as part of the stem, or not
    "Azərbaycanın": "Azərbaycan",
    "İranın": "İran",
    "Hindistanın": "Hindistan",
    "Akademiyanın": "Akademiya",
    "mübarizənin": "mübarizə",
    "sorğunun": "sorğu",
    "polisi": "polis",
    "prosesi": "proses",
    "mövzusunda": "mövzu",
    "işçisi": "işçi",
    # a stem in -xana (the place of) ends in its vowel: no buffer n in the stem
    "mehmanxananın": "mehmanxana",
    "xəstəxananın": "xəstəxana",
    "binanın": "bina",
    # k/y alternation: not in a name in -ey
    "Dəstəyi": "Dəstək",
    "dövründə": "dövr",
    "yeni": "yeni",
    "Təmiz": "Təmiz",
}


@pytest.mark.parametrize("word, expected", LEMMAS.items())
def test_lemma(word, expected):
    assert lemma(word) == expected


def test_exceptions_are_their_own_lemma():
    for word in EXCEPTIONS:
        assert lemma(word) == word


@pytest.mark.parametrize(
    "word, contains",
    [
        ("Nazirliyinin", ["Nazirliyinin", "Nazirliyi", "Nazirlik"]),
        ("Respublikasının", ["Respublikasının", "Respublikası", "Respublika"]),
        ("ABŞ-ın", ["ABŞ-ın", "ABŞ"]),
        ("Yunanıstanda", ["Yunanıstanda", "Yunanıstan"]),
    ],
)
def test_lemma_candidates(word, contains):
    cands = lemma_candidates(word)
    assert cands[0] == word
    assert all(c in cands for c in contains)
    assert [len(c) for c in cands] == sorted((len(c) for c in cands), reverse=True)
    assert lemma(word) in cands


az_word = st.text(alphabet="abcçdeəfgğhxıijkqlmnoöprsştuüvyzABÇƏĞIİÖŞÜ", min_size=1, max_size=14)


@given(az_word)
def test_lemma_is_a_candidate_and_a_prefix_up_to_alternation(word):
    result = lemma(word)
    assert result in lemma_candidates(word)
    assert lower(word).startswith(lower(result)[:-1])


# ---- search stems ------------------------------------------------------------------------
def matches(query: str, word: str) -> bool:
    """The documented search rule: the query stem is a prefix of the indexed stem."""
    return stem_key(word).startswith(stem_key(query))


@pytest.mark.parametrize(
    "query, words",
    [
        (
            "alver",
            ["alver", "alverinə", "alveri", "alverinin", "alverindən", "alverçisi", "ALVERİNƏ"],
        ),
        ("ibrahimov", ["İbrahimov", "İbrahimovun", "İBRAHİMOVA"]),
        ("rufet", ["Rüfət", "Rüfətin", "RÜFƏT"]),
        ("Rüfət", ["rufet", "Rufetin"]),
        ("nazirlik", ["Nazirliyinin", "Nazirliyə", "NAZİRLİYİ", "Nazirlikdə"]),
        ("Nazirliyi", ["Nazirlik", "Nazirliklər"]),
        ("prokurorluq", ["Prokurorluğuna", "Prokurorluqda"]),
        ("kumarin", ["Kumarın", "Kumar"]),
        ("ölkə", ["ölkəyə", "ölkələrin", "ölkəmizə", "olke"]),
        ("şəxsə", ["şəxs", "şəxslərin", "sexsin"]),
        ("Türkiyəyə", ["Türkiyə", "Türkiyənin"]),
        ("Bakı", ["Bakıda", "Bakının", "BAKI"]),
        ("ABŞ", ["ABŞ-a", "ABŞ-ın", "abs"]),
        ("tövsiyə", ["tövsiyələrin", "Tövsiyələrin", "tövsiyənin"]),
        ("Özbəkistana", ["Özbəkistan", "ozbekistanda"]),
    ],
)
def test_stem_key_matches_inflections(query, words):
    for word in words:
        assert matches(query, word), (query, stem_key(query), word, stem_key(word))


VOWELS = "aıoueəiöü"


def inflections(word: str) -> list[str]:
    """Common noun forms of a lowercase lemma, built independently of ctip.azlang."""
    last = next(c for c in reversed(word) if c in VOWELS)
    a = "a" if last in "aıou" else "ə"
    i = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}[
        last
    ]
    plural, pa, pi = word + "l" + a + "r", a, "ı" if a == "a" else "i"
    forms = [
        word,
        plural,
        plural + pi + "n",
        plural + pa,
        plural + pi + "n" + pi + "n",
        word + "d" + a,
        word + "d" + a + "n",
    ]
    if word[-1] in VOWELS:
        forms += [
            word + "n" + i + "n",
            word + "y" + a,
            word + "s" + i,
            word + "s" + i + "n" + i + "n",
            word + "s" + i + "nd" + a,
        ]
    else:
        stem = word
        if len([c for c in word if c in VOWELS]) > 1 and word[-1] in "kq" and word[-2] in VOWELS:
            stem = word[:-1] + ("y" if word[-1] == "k" else "ğ")
        forms += [
            stem + i + "n",
            stem + a,
            stem + i,
            stem + i + "n" + i + "n",
            stem + i + "nd" + a,
            stem + i + "n" + a,
        ]
    return forms


@pytest.mark.parametrize(
    "word",
    [
        "alver",
        "şəxs",
        "nazirlik",
        "prokurorluq",
        "agentlik",
        "xidmət",
        "azərbaycan",
        "özbəkistan",
        "respublika",
        "akademiya",
        "tövsiyə",
        "türkiyə",
        "ölkə",
        "məktub",
        "təlim",
        "qurban",
        "vətəndaş",
        "əməkdaş",
        "kumar",
        "ibrahimov",
        "rüfət",
        "muhammad",
        "rejepov",
        "camalov",
        "polis",
        "mübarizə",
        "cümlə",
        "bənd",
        "qeyd",
        "sorğu",
        "dövlət",
        "miqrant",
        "uşaq",
        "qadın",
    ],
)
def test_stem_key_is_consistent_across_inflections(word):
    forms = inflections(word)
    for query in forms:
        for indexed in forms + [upper(f) for f in forms] + [search_key(f) for f in forms]:
            assert matches(query, indexed), (query, stem_key(query), indexed, stem_key(indexed))


@pytest.mark.parametrize(
    "query, word",
    [
        ("alver", "alma"),
        ("məktub", "mərkəz"),
        ("Kumar", "Camalov"),
        ("nazirlik", "nəzarət"),
        ("ibrahimov", "İbrahim"),
        ("Rüfət", "Rauf"),
    ],
)
def test_stem_key_does_not_match_other_words(query, word):
    assert not matches(query, word)


@given(az_word)
def test_stem_key_is_blind_to_case_and_diacritics(word):
    key = stem_key(word)
    assert key == stem_key(upper(word)) == stem_key(lower(word)) == stem_key(search_key(word))
    assert key == search_key(key) and key
    assert search_key(word).startswith(key[:-1] if len(key) > 1 else key)


def test_search_tokens():
    text = "ABŞ-ın Qeyri-Hökumət  Təşkilatlarına 2022-ci il, Rüfət İbrahimov"
    tokens = search_tokens(text)
    assert [t[0] for t in tokens] == [
        "abs-in",
        "qeyri",
        "hokumet",
        "teskilatlarina",
        "2022-ci",
        "il",
        "rufet",
        "ibrahimov",
    ]
    for key, start, end in tokens:
        assert search_key(text[start:end]) == key
    assert text[tokens[0][1] : tokens[0][2]] == "ABŞ-ın"


@given(st.text(alphabet="abcəşçğıİIöü -'’\n.,0123456789ABŞ", max_size=40))
def test_search_tokens_spans_are_words(text):
    last = 0
    for key, start, end in search_tokens(text):
        assert last <= start < end <= len(text)
        assert key == search_key(text[start:end]) and key.strip()
        last = end


def test_seed_names_and_orgs():
    if not SEED.exists():
        pytest.skip(f"shared/seeds not present: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    words = {text[s:e] for _k, s, e in search_tokens(text)}
    assert {"Kumarın", "Rejepovun", "Muhammadın", "Prokurorluğuna", "Özbəkistana"} <= words
    lemmas = {lemma(w) for w in words}
    assert {
        "Kumar",
        "Rejepov",
        "Muhammad",
        "Prokurorluq",
        "Özbəkistan",
        "Yunanıstan",
        "ABŞ",
        "DİN",
        "TƏBİB",
        "Nazirlik",
        "Agentlik",
        "Xidmət",
        "İbrahimov",
        "Camalov",
    } <= lemmas
    index = {stem_key(w) for w in words}
    for query in ("alver", "ibrahimov", "rufet", "kumar", "nazirlik", "prokurorluq", "greta"):
        assert any(k.startswith(stem_key(query)) for k in index), query

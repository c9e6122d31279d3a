"""Matching sections to the plan's catalogue: by code, by title, or flagged for a person."""

from ctip.extraction import extract
from ctip.extraction.catalogue import match_catalogue, normalise_code

CATALOGUE = [
    ("4.1.1", "Qanunvericiliyin beynəlxalq standartlara uyğunlaşdırılması"),
    ("4.2.3", "Məktəblərdə insan alverinin riskləri barədə maarifləndirici dərslərin keçirilməsi"),
    ("4.2.4", "Kənd yerlərində qadınlar arasında maarifləndirici görüşlərin keçirilməsi"),
    ("4.3.1", "İnsan alveri qurbanlarına pulsuz hüquqi yardımın göstərilməsi"),
    ("4.3.2", "İnsan alveri qurbanlarına psixoloji yardımın göstərilməsi"),
]


def match(code, title):
    (result,) = match_catalogue([{"code": code, "title": title}], CATALOGUE)
    return result


def test_a_known_code_with_its_title_is_matched_by_code():
    m = match("4.3.1", "İnsan alveri qurbanlarına pulsuz hüquqi yardımın göstərilməsi")
    assert (m["match"], m["by"], m["flagged"]) == ("4.3.1", "code", False)
    assert m["score"] == 1.0


def test_a_code_without_title_is_matched_by_code():
    assert match("4.2.4", None)["match"] == "4.2.4"


def test_a_missing_or_foreign_code_is_matched_by_its_title_in_other_word_forms():
    m = match(None, "Məktəblərdə insan alveri riskləri haqqında maarifləndirici dərslər")
    assert (m["match"], m["by"], m["flagged"]) == ("4.2.3", "title", False)
    assert m["score"] >= 0.55
    old = match("2.6", "Kənd yerlərində yaşayan qadınlarla maarifləndirici görüşlər keçirilməsi")
    assert (old["match"], old["by"]) == ("4.2.4", "title")


def test_a_mistyped_code_whose_title_differs_is_flagged_not_attached():
    m = match("4.3.2", "Qanunvericiliyin beynəlxalq standartlara uyğunlaşdırılması")
    assert m["flagged"] and m["match"] is None and m["reason"] == "title_differs"
    assert m["candidates"][0]["code"] == "4.1.1"


def test_an_unrelated_title_is_flagged_with_candidates():
    m = match("9.9.9", "Sərhəddə avtomobillərin texniki baxışı")
    assert m["flagged"] and m["match"] is None and m["reason"] == "no_match"


def test_two_close_candidates_are_flagged_as_ambiguous():
    m = match(None, "İnsan alveri qurbanlarına yardımın göstərilməsi")
    assert m["flagged"] and m["reason"] == "ambiguous_title"
    assert {c["code"] for c in m["candidates"][:2]} == {"4.3.1", "4.3.2"}


def test_codes_are_normalised():
    assert normalise_code("4.2.10.") == "4.2.10"
    assert normalise_code("04,2,10") == "4.2.10"
    assert normalise_code(None) is None


def test_extract_reports_matches_and_flags_when_given_a_catalogue():
    text = (
        "Yarımbənd 4.3.1: İnsan alveri qurbanlarına pulsuz hüquqi yardımın göstərilməsi\n\n"
        "Yardım göstərilmişdir.\n\n"
        "Yarımbənd 7.7.7: Sərhəddə avtomobillərin texniki baxışı\n\nBaxış aparılmışdır."
    )
    result = extract(text, catalogue=CATALOGUE)
    assert [(m["code"], m["match"]) for m in result["matches"]] == [
        ("4.3.1", "4.3.1"),
        ("7.7.7", None),
    ]
    assert {
        "kind": "unmatched",
        "code": "7.7.7",
        "title": "Sərhəddə avtomobillərin texniki baxışı",
    } in result["flags"]
    assert "matches" not in extract(text)

"""The preview's corrections as pure edits of an extraction (ctip/plan/corrections.py)."""

from ctip.plan.corrections import apply_corrections


def _result():
    first = "Birinci abzas 5 mart.\n\nİkinci abzas 12 vərəqə."
    return {
        "items": [
            {"code": None, "title": None, "text": "Giriş.", "facts": [], "spans": [[0, 6]]},
            {
                "code": "4.1.2",
                "title": "Maarifləndirmə",
                "text": first,
                "facts": [
                    {"type": "date", "text": "5 mart", "span": [14, 20]},
                    {"type": "quantity", "text": "12 vərəqə", "span": [36, 45]},
                ],
                "spans": [[8, 70]],
                "pages": [1],
            },
            {
                "code": "4.1.3",
                "title": "Yoxlama",
                "text": "Üçüncü 3 iclas.",
                "facts": [{"type": "quantity", "text": "3 iclas", "span": [7, 14]}],
                "spans": [[72, 100]],
                "pages": [2],
            },
        ]
    }


def _fact_texts(item):
    return [(f["text"], item["text"][f["span"][0] : f["span"][1]]) for f in item["facts"]]


def test_split_moves_the_later_paragraphs_and_their_facts_to_a_new_section():
    out, skipped = apply_corrections(
        _result(), [{"op": "split", "index": 1, "was": "4.1.2", "at": 1, "code": "4.1.5"}]
    )
    assert not skipped
    head, new = out["items"][1], out["items"][2]
    assert head["text"] == "Birinci abzas 5 mart." and new["code"] == "4.1.5"
    assert new["text"] == "İkinci abzas 12 vərəqə."
    # every fact still points at its own words
    assert all(a == b for a, b in _fact_texts(head) + _fact_texts(new))
    assert [f["type"] for f in new["facts"]] == ["quantity"]


def test_merge_appends_text_and_shifts_facts():
    out, _ = apply_corrections(_result(), [{"op": "merge", "index": 2, "was": "4.1.3"}])
    assert [i["code"] for i in out["items"]] == [None, "4.1.2"]
    merged = out["items"][1]
    assert merged["text"].endswith("\n\nÜçüncü 3 iclas.") and merged["pages"] == [1, 2]
    assert all(a == b for a, b in _fact_texts(merged)) and len(merged["facts"]) == 3


def test_set_code_and_drop_fact_and_the_original_stays_untouched():
    original = _result()
    out, _ = apply_corrections(
        original,
        [
            {"op": "code", "index": 2, "was": "4.1.3", "code": "4.1.4"},
            {"op": "drop_fact", "index": 1, "was": "4.1.2", "type": "date", "span": [14, 20]},
        ],
    )
    assert out["items"][2]["code"] == "4.1.4"
    assert [f["type"] for f in out["items"][1]["facts"]] == ["quantity"]
    assert original["items"][2]["code"] == "4.1.3" and len(original["items"][1]["facts"]) == 2


def test_a_correction_that_no_longer_fits_is_skipped_not_applied_elsewhere():
    wrong = [
        {"op": "code", "index": 2, "was": "9.9.9", "code": "4.1.4"},  # the section changed
        {"op": "merge", "index": 7, "was": None},  # no such section
        {"op": "split", "index": 2, "was": "4.1.3", "at": 5},  # no such paragraph
        {"op": "code", "index": 1, "was": "4.1.2", "code": "abc"},  # not a code
    ]
    out, skipped = apply_corrections(_result(), wrong)
    assert skipped == wrong
    assert [i["code"] for i in out["items"]] == [None, "4.1.2", "4.1.3"]

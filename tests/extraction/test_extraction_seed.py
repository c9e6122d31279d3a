"""The real report: span integrity, sorted facts, and a hand-checked sample of every type."""

from collections import Counter

import pytest

from ctip.extraction import FACT_TYPES
from tests.extraction import seed_gold


def of(item, kind):
    return [f for f in item["facts"] if f["type"] == kind]


def test_every_fact_span_indexes_its_section_text(seed_result):
    n = 0
    for item in seed_result["items"]:
        starts = [f["span"][0] for f in item["facts"]]
        assert starts == sorted(starts)
        for f in item["facts"]:
            s, e = f["span"]
            assert item["text"][s:e] == f["text"]
            assert f["type"] in FACT_TYPES
            n += 1
    assert n > 200


def test_every_type_is_found(seed_result):
    counts = Counter(f["type"] for item in seed_result["items"] for f in item["facts"])
    assert set(counts) == set(FACT_TYPES) - {"age"}  # the seed names no age


def test_seed_dates(seed_items):
    dates = [(f["text"], f["start"], f["end"]) for f in of(seed_items["4.6.3"], "date")]
    assert ("27 iyul-3 avqust 2022-ci il", "2022-07-27", "2022-08-03") in dates
    assert ("5-12 noyabr 2022-ci il", "2022-11-05", "2022-11-12") in dates
    assert [f["text"] for f in of(seed_items["4.2.4"], "date")][1] == "7 sentyabr 2022-ci il"


def test_seed_documents(seed_items):
    docs = {
        d["number"]: d for item in seed_items.values() for d in of(item, "document") if d["number"]
    }
    assert (docs["377"]["kind"], docs["377"]["date"], docs["377"]["issuer"]) == (
        "decision",
        "2021-12-01",
        "NK",
    )
    assert (docs["06/2231"]["kind"], docs["06/2231"]["recipient"]) == ("letter", "BP")
    assert (docs["2/15-10742/05/22"]["issuer"], docs["2/15-10742/05/22"]["date"]) == (
        "XİN",
        "2022-10-24",
    )
    assert (docs["26"]["kind"], docs["26"]["issuer"], docs["26"]["date"]) == (
        "order",
        "DMX",
        "2018-03-05",
    )
    assert docs["4969/29644aid (2021)"]["kind"] == "resolution"
    assert (docs["02/416"]["issuer"], docs["02/416"]["recipient"]) == ("DMX", "NK")
    assert docs["02/270"]["recipient"] == "Ombudsman" and docs["02/272"]["recipient"] == "QHTDDA"
    unnumbered = [d for d in of(seed_items["4.3.5"], "document") if d["number"] is None]
    assert [d["date"] for d in unnumbered] == [
        "2022-10-18",
        "2022-10-20",
        "2022-11-16",
        "2022-11-22",
    ]
    (agreement,) = of(seed_items["4.6.6"], "document")[:1]
    assert (agreement["kind"], agreement["date"], agreement["number"]) == (
        "agreement",
        "2022-06-21",
        None,
    )


def test_seed_quantities(seed_items):
    q = [(f["value"], f["unit"]) for f in of(seed_items["4.4.9"], "quantity")]
    assert q == [
        (362, "şəxs"),
        (20, "şəxs"),
        (9, "məktub"),
        (10, "şəxs"),
        (6, "məktub"),
        (6, "şəxs"),
        (4, "məktub"),
    ]
    # Re-typed with the corpus conventions: approximations and kinds are `count` facts.
    (f,) = of(seed_items["4.8.3"], "count")[:1]
    assert (f["value"], f["unit"], f["qualifier"]) == (50, "nəfər", "more_than")
    assert of(seed_items["4.2.10"], "quantity") == []
    assert [(f["value"], f["unit"]) for f in of(seed_items["4.2.10"], "count")] == [(3, "dil")]
    assert [(f["value"], f["unit"]) for f in of(seed_items["4.2.9"], "duration")] == [(20, "il")]


def test_seed_organisations(seed_items):
    abbrs = {f["abbr"] for item in seed_items.values() for f in of(item, "organization")}
    assert abbrs >= {
        "DMX",
        "DİN",
        "İAMBİ",
        "BPQMİ",
        "DİN-PA",
        "BMCMİ",
        "DSX",
        "DTX",
        "DVX",
        "BP",
        "NK",
        "XİN",
        "ƏƏSMN",
        "ETN",
        "TƏBİB",
        "Ombudsman",
        "QHTDDA",
        "IOM",
        "BMT",
        "UNODC",
        "UNHCR",
        "CMW",
        "GRETA",
        "USAID",
        "DoS",
        "BUDAPEST",
        "ASAN",
        "TDQYİB",
        "AUİB",
        "PRİİB",
        "AMTPİB",
    }
    gr = of(seed_items["4.2.4"], "organization")[4]
    assert (gr["abbr"], gr["parent"]) == ("GRETA", "CoE")
    assert gr["text"].endswith("Ekspertlər Qrupu – GRETA")


def test_seed_countries(seed_items):
    codes = {f["code"] for item in seed_items.values() for f in of(item, "country")}
    assert codes == {"AZ", "TR", "IR", "GR", "AT", "UZ", "US", "PK", "IN", "PH", "LK", "MK", "TM"}
    # "Azərbaycan Respublikası" inside organisation names is not a country mention.
    assert of(seed_items["4.1.6"], "country") == []


def test_seed_persons(seed_items):
    names = [f["name"] for item in seed_items.values() for f in of(item, "person")]
    assert names == [
        "Rüfət İbrahimov",
        "Mikayılov Əbülfəz Adşirin oğlu",
        "Ağayev Rauf Tofiq oğlu",
        "Ravi Kumar",
        "Muhammad Amjad",
        "Hussain Abid",
        "Ramzan Muhammad",
        "Abid",
        "Batyr Rejepov",
        "Elçin Camalov",
    ]
    assert all(f["pii"] for item in seed_items.values() for f in of(item, "person"))


def key(code, f):
    t = f["type"]
    if t == "date":
        return (code, f["text"], f["start"], f["end"])
    if t == "document":
        return (code, f["kind"], f["number"], f["date"], f["issuer"], f["recipient"])
    if t in ("quantity", "duration", "age", "count"):
        return (code, f["value"], f["unit"], f.get("qualifier"))
    if t == "organization":
        return (code, f["abbr"], f["text"])
    if t == "country":
        return (code, f["code"], f["text"])
    return (code, f["name"])


def scores(seed_result, kind):
    gold = Counter(getattr(seed_gold, kind.upper()))
    found = Counter(
        key(i["code"], f) for i in seed_result["items"] for f in i["facts"] if f["type"] == kind
    )
    tp = sum((gold & found).values())
    if not gold and not found:
        return 1.0, 1.0, 1.0, gold, found  # nothing to find, nothing found
    p = tp / max(sum(found.values()), 1)
    r = tp / max(sum(gold.values()), 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, gold - found, found - gold


@pytest.mark.parametrize("kind", FACT_TYPES)
def test_gold_f1_per_type(seed_result, kind):
    p, r, f1, missed, spurious = scores(seed_result, kind)
    print(f"{kind}: P={p:.3f} R={r:.3f} F1={f1:.3f}")
    assert f1 >= 0.97, (
        f"{kind}: P={p:.3f} R={r:.3f}; missed={dict(missed)} spurious={dict(spurious)}"
    )

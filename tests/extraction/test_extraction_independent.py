"""Extractor quality against an INDEPENDENT gold annotation of the seed report.

The gold (tests/extraction/seed_gold_independent.py) was written from the seed alone, before
the extractor was run.  Facts are matched per sub-item as multisets on key fields:

- date: (start, end)
- document: (kind, number, date); issuer/recipient agreement is reported separately
- quantity, duration, age, count: (value, unit)
- organization: abbr
- country: code
- person: name

Micro-averaged precision/recall/F1 per type over all sub-items; the project's goal is F1 ≥ 0.97.
Run this file as a script for the full disagreement listing:
    .venv/bin/python -m tests.extraction.test_extraction_independent
"""

from collections import Counter

import pytest

from tests.extraction.seed_gold_independent import FUZZY_ORGS, GOLD, PERSON_ALIASES, QUALIFIERS

TYPES = (
    "date",
    "document",
    "quantity",
    "duration",
    "age",
    "count",
    "organization",
    "country",
    "person",
)
GOAL = 0.97


def fact_key(fact: dict):
    t = fact["type"]
    if t == "date":
        return (fact["start"], fact["end"])
    if t == "document":
        return (fact["kind"], fact["number"], fact["date"])
    if t in ("quantity", "duration", "age", "count"):
        return (fact["value"], fact["unit"])
    if t == "organization":
        return fact["abbr"]
    if t == "country":
        return fact["code"]
    if t == "person":
        return fact["name"]
    raise ValueError(t)


def gold_key(t: str, g):
    if t == "document":
        return (g["kind"], g["number"], g["date"])
    return g


def predicted(result: dict) -> dict:
    """{code: {type: [fact, ...]}} from the extractor's result (unknown codes kept)."""
    out: dict = {}
    for item in result["items"]:
        per = out.setdefault(item["code"], {t: [] for t in TYPES})
        for fact in item["facts"]:
            per[fact["type"]].append(fact)
    return out


def score(result: dict) -> dict:
    """Per type: tp/fp/fn counts, P/R/F1 and the list of disagreements."""
    pred = predicted(result)
    codes = list(GOLD) + [c for c in pred if c not in GOLD]
    report = {}
    for t in TYPES:
        tp = fp = fn = 0
        diffs = []
        for code in codes:
            gold = Counter(gold_key(t, g) for g in GOLD.get(code, {}).get(t, []))
            got = Counter(fact_key(f) for f in pred.get(code, {}).get(t, []))
            both = gold & got
            tp += sum(both.values())
            missing = gold - got
            extra = got - gold
            fn += sum(missing.values())
            fp += sum(extra.values())
            for k, n in missing.items():
                diffs.append((code, "missing", k, n))
            for k, n in extra.items():
                diffs.append((code, "extra", k, n))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        report[t] = {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1, "diffs": diffs}
    return report


def document_roles(result: dict) -> dict:
    """Issuer/recipient agreement over documents matched on (kind, number, date)."""
    pred = predicted(result)
    agree = total = 0
    diffs = []
    for code, gold in GOLD.items():
        pool = list(pred.get(code, {}).get("document", []))
        for g in gold["document"]:
            key = gold_key("document", g)
            match = next((f for f in pool if fact_key(f) == key), None)
            if match is None:
                continue
            pool.remove(match)
            for role in ("issuer", "recipient"):
                total += 1
                if match.get(role) == g[role]:
                    agree += 1
                else:
                    diffs.append((code, key, role, g[role], match.get(role)))
    return {"agree": agree, "total": total, "rate": agree / total if total else 1.0, "diffs": diffs}


def extras(result: dict) -> list:
    """Checks of attributes outside the F1 keys: qualifier, person alias, fuzzy flag."""
    pred = predicted(result)
    problems = []
    for (code, value, unit), qual in QUALIFIERS.items():
        facts = [
            f
            for f in pred.get(code, {}).get("count", [])
            if (f["value"], f["unit"]) == (value, unit)
        ]
        if not any(f.get("qualifier") == qual for f in facts):
            problems.append((code, "quantity qualifier", (value, unit), qual))
    for code, name in PERSON_ALIASES:
        facts = [f for f in pred.get(code, {}).get("person", []) if f["name"] == name]
        if not any(f.get("alias") for f in facts):
            problems.append((code, "person alias", name, True))
    for code, abbr in FUZZY_ORGS:
        facts = [f for f in pred.get(code, {}).get("organization", []) if f["abbr"] == abbr]
        if not any(f.get("fuzzy") for f in facts):
            problems.append((code, "organization fuzzy", abbr, True))
    return problems


_CACHE: dict = {}


@pytest.fixture
def independent_result(seed_path):
    """The extractor's result on the seed (`seed_path` from tests/conftest.py skips if absent);
    extracted once per session."""
    if seed_path not in _CACHE:
        from ctip.extraction import extract_file

        _CACHE[seed_path] = extract_file(seed_path)
    return _CACHE[seed_path]


def test_sections_match_gold(independent_result):
    assert [item["code"] for item in independent_result["items"]] == list(GOLD)


# Types whose F1 was below the goal when this test was written (see the report); the
# marks are non-strict so that a fix shows up as XPASS rather than a failure.
BELOW_GOAL: dict = {}


@pytest.mark.parametrize(
    "fact_type",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=False, reason=BELOW_GOAL[t]))
        if t in BELOW_GOAL
        else t
        for t in TYPES
    ],
)
def test_f1_per_type(independent_result, fact_type):
    s = score(independent_result)[fact_type]
    detail = "\n".join(f"  {c} {kind}: {k!r} x{n}" for c, kind, k, n in s["diffs"])
    assert s["f1"] >= GOAL, (
        f"{fact_type}: P={s['p']:.3f} R={s['r']:.3f} F1={s['f1']:.3f} < {GOAL}\n{detail}"
    )


def test_document_issuer_recipient(independent_result):
    roles = document_roles(independent_result)
    assert roles["rate"] >= GOAL, roles["diffs"]


def test_extra_attributes(independent_result):
    assert extras(independent_result) == []


def main():  # pragma: no cover - a reporting aid
    from ctip.extraction import extract_file
    from tests.conftest import SEED

    result = extract_file(SEED)
    rep = score(result)
    print(f"{'type':<13}{'gold':>5}{'pred':>5}{'tp':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for t in TYPES:
        s = rep[t]
        print(
            f"{t:<13}{s['tp'] + s['fn']:>5}{s['tp'] + s['fp']:>5}{s['tp']:>5}"
            f"{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}"
        )
    roles = document_roles(result)
    print(f"issuer/recipient agreement: {roles['agree']}/{roles['total']} = {roles['rate']:.3f}")
    for t in TYPES:
        for code, kind, k, n in rep[t]["diffs"]:
            print(f"{t:<13}{code:<8}{kind:<8}{k!r} x{n}")
    for d in roles["diffs"]:
        print("role", d)
    for d in extras(result):
        print("attr", d)


if __name__ == "__main__":  # pragma: no cover
    main()

"""Import the seed, generate DMX's 2022 report, extract it again: nothing is lost."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.slow

_WS = re.compile(r"\s+")


def ws(text):
    return _WS.sub(" ", text or "").strip()


def fact_keys(facts):
    keys = []
    for f in facts:
        extra = tuple(
            sorted((k, str(v)) for k, v in f.items() if k not in ("span", "text", "type"))
        )
        keys.append((f["type"], ws(f["text"]), extra))
    return sorted(keys)


def compare(original, generated):
    want = [i for i in original["items"] if i["code"]]
    got = [i for i in generated["items"] if i["code"]]
    assert len(want) == 23
    assert [i["code"] for i in got] == [i["code"] for i in want]
    for a, b in zip(want, got, strict=True):
        assert ws(b["title"]) == ws(a["title"]), a["code"]
        assert ws(b["text"]) == ws(a["text"]), a["code"]
        assert fact_keys(b["facts"]) == fact_keys(a["facts"]), a["code"]
    # Only the title page may come before the first heading.
    extra = [i for i in generated["items"] if not i["code"]]
    assert len(extra) <= 1 and (not extra or generated["items"][0] is extra[0])


def generate(tmp_path, fmt, *more):
    out = tmp_path / f"DMX.{fmt}"
    call_command(
        "report",
        "--plan",
        "NAP-2020-2024",
        "--period",
        "2022",
        "--agency",
        "DMX",
        "--format",
        fmt,
        "-o",
        str(out),
        "--no-progress",
        *more,
    )
    return out


def test_docx_round_trip_keeps_items_titles_text_and_facts(seeded, seed_path, tmp_path):
    from ctip.extraction import extract_file

    out = generate(tmp_path, "docx")  # with the statistics annex
    compare(extract_file(seed_path), extract_file(out))


def test_pdf_round_trip_keeps_items_titles_text_and_facts(seeded, seed_path, tmp_path):
    """With the annex and page numbers in the text layer: the extractor drops both."""
    from ctip.extraction import extract_file
    from ctip.extraction.readers import read_pdf

    out = generate(tmp_path, "pdf")
    assert "Statistika əlavəsi" in read_pdf(out)
    compare(extract_file(seed_path), extract_file(out))


def test_generating_reports_leaves_narratives_unchanged(seeded, tmp_path):
    from ctip.plan.models import ItemReport

    before = dict(ItemReport.objects.values_list("id", "narrative"))
    versions = dict(ItemReport.objects.values_list("id", "version"))
    for fmt in ("docx", "html"):
        generate(tmp_path, fmt)
    assert dict(ItemReport.objects.values_list("id", "narrative")) == before
    assert dict(ItemReport.objects.values_list("id", "version")) == versions

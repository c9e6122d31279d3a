"""The import summary speaks the active language, counter keys and fact types included."""

from collections import Counter

from django.utils import translation

from ctip.plan.services import ImportSummary


def _summary():
    return ImportSummary(
        plan="NAP-2020-2024",
        agency="DMX",
        period="2022",
        status="submitted",
        items=Counter(new=23),
        reports=Counter(new=22, refused=1),
        facts=Counter(country=47, date=42, organization=2),
    )


def test_summary_is_azerbaijani_by_default():
    with translation.override("az"):
        lines = _summary().lines()
    assert lines[0].endswith("Təqdim edilib")
    assert lines[1] == "bəndlər: yeni 23, yenilənmiş 0, dəyişməmiş 0"
    assert lines[2] == "hesabatlar: yeni 22, yenilənmiş 0, dəyişməmiş 0, rədd edilmiş 1"
    assert lines[3] == "faktlar: tarix 42, təşkilat 2, ölkə 47"


def test_summary_in_russian():
    with translation.override("ru"):
        lines = _summary().lines()
    assert "новые 23" in lines[1] and "без изменений 0" in lines[1]
    assert "страна 47" in lines[-1] and "country" not in lines[-1]


def test_preview_rows_carry_the_translated_outcome():
    summary = _summary()
    summary.changes = [
        {"code": "4.1.6", "title": "X", "report": "unchanged", "item_new": False, "facts": 0}
    ]
    with translation.override("az"):
        assert summary.change_rows()[0]["report_label"] == "dəyişməmiş"

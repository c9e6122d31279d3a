"""An agency's report kept in Excel imports through the same path as DOCX, PDF and text:
`ctip import-report FILE.xlsx` (extraction in the sandboxed child, then the plan's import)."""

import io

import pytest
from django.core.management import call_command

from ctip.plan.models import Fact, ItemReport, PlanItem

pytestmark = pytest.mark.django_db


def make_report_workbook(path):
    """An invented workbook: a merged title row, columns in an unusual order recognised by
    their headers, a sub-item whose report runs over two rows, and a statistics sheet."""
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hesabat"
    ws.append(["Dövlət Miqrasiya Xidmətinin 2023-cü il üzrə hesabatı"])
    ws.merge_cells("A1:D1")
    ws.append(["İcraçı", "Görülmüş işlər", "S/s", "Tədbirin adı"])
    ws.append(["1", "2", "3", "4"])  # a row of column numbers
    ws.append(
        [
            "DMX",
            "Mart ayının 14-də 35 əməkdaş üçün təlim keçirilmişdir.",
            "3.2.1",
            "Əməkdaşların təlimi",
        ]
    )
    ws.append(["", "Təlimin ikinci mərhələsində 18 iştirakçı olmuşdur.", "", ""])
    ws.append(
        ["DMX", "İl ərzində 240 vərəqə paylanmışdır.", "3.2.2", "Maarifləndirmə materialları"]
    )
    ws.append(["DMX", dt.date(2023, 6, 1), "3.2.3", "Tarixi hücrədə yazılmış iş"])
    stats = wb.create_sheet("Statistika")
    stats.append(["Rayon", "Təlim"])
    stats.append(["Gəncə", 3])
    wb.save(str(path))
    return path


def _import(path):
    out = io.StringIO()
    call_command(
        "import-report", str(path), "--plan", "NAP-2021-2025", "--agency", "DMX", "--period",
        "2023", stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_excel_report_lands_as_sub_items_reports_and_facts(agencies, tmp_path):
    path = make_report_workbook(tmp_path / "dmx-2023.xlsx")
    _import(path)
    items = PlanItem.objects.filter(plan__code="NAP-2021-2025", level=3).order_by("sort_key")
    assert [i.code for i in items] == ["3.2.1", "3.2.2", "3.2.3"]
    assert items[0].title_az == "Əməkdaşların təlimi"
    reports = {
        r.item.code: r
        for r in ItemReport.objects.filter(item__plan__code="NAP-2021-2025").select_related("item")
    }
    assert set(reports) == {"3.2.1", "3.2.2", "3.2.3"}
    first = reports["3.2.1"]
    assert first.agency.abbr == "DMX" and first.period.code == "2023"
    assert first.status == "submitted"
    # the continuation row belongs to the same sub-item's narrative
    assert "35 əməkdaş" in first.narrative and "18 iştirakçı" in first.narrative
    quantities = {
        (f.data.get("value"), f.data.get("unit"))
        for f in Fact.objects.filter(report=first, type="quantity")
    }
    assert (35, "əməkdaş") in quantities
    assert Fact.objects.filter(report=first, type="date").exists()
    assert "240 vərəqə" in reports["3.2.2"].narrative
    assert "2023-06-01" in reports["3.2.3"].narrative  # a date cell read as a date
    # the statistics sheet is no sub-item
    assert not PlanItem.objects.filter(
        plan__code="NAP-2021-2025", title_az__icontains="Gəncə"
    ).exists()


def test_importing_the_same_workbook_again_changes_nothing(agencies, tmp_path):
    path = make_report_workbook(tmp_path / "dmx-2023.xlsx")
    _import(path)
    before = list(ItemReport.objects.values_list("id", "version", "narrative"))
    _import(path)
    assert list(ItemReport.objects.values_list("id", "version", "narrative")) == before

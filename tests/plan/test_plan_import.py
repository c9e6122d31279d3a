"""Loading the action plan from its document: the gold reading, idempotence, the seed report
against the loaded catalogue, amended versions, the web upload with its preview."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ctip.audit.models import AuditEntry
from ctip.plan.catalogue.importer import import_plan
from ctip.plan.models import ActionPlan, ItemReport, PlanItem, PlanVersion
from tests.plan import documents as plan_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


AMENDING_ACT = "2022-ci il 14 mart tarixli 1590 nömrəli Sərəncamı ilə edilmiş dəyişikliklərlə"


def catalogue_as_gold(plan: ActionPlan) -> dict:
    """The loaded catalogue written in the gold file's shape, read back from the database."""
    items = []
    for item in PlanItem.objects.filter(plan=plan, level=3).order_by("sort_key"):
        start, end = item.deadline_start, item.deadline_end
        items.append(
            {
                "code": item.code,
                "direction": item.parent.code,
                "title": item.title_az,
                "executors": [e.name_in_plan for e in item.executors.order_by("position")],
                "executors_text": item.executors_text,
                "deadline_text": item.deadline,
                "deadline": {
                    "kind": item.deadline_kind,
                    "start": start.isoformat() if start else None,
                    "end": end.isoformat() if end else None,
                },
                "expected_result": item.expected_result,
            }
        )
    directions = [
        {"code": d.code, "title": d.title_az}
        for d in PlanItem.objects.filter(plan=plan, level=2).order_by("sort_key")
    ]
    return {
        "plan": {
            "title": plan.title,
            "approved_by": {
                "kind": plan.approved_by_kind,
                "number": plan.approved_by_number or None,
                "date": plan.approved_on.isoformat(),
            },
            "years": [plan.start_year, plan.end_year],
        },
        "directions": directions,
        "items": items,
    }


@pytest.mark.parametrize("which", ["docx", "pdf"])
def test_import_plan_command_gives_the_gold_reading(which, agencies, plan_gold, request):
    path = request.getfixturevalue(f"plan_{which}")
    out = io.StringIO()
    call_command("import-plan", str(path), stdout=out)
    plan = ActionPlan.objects.get(code="NAP-2020-2024")
    got = catalogue_as_gold(plan)
    assert got["plan"] == plan_gold["plan"]
    assert got["directions"] == plan_gold["directions"]
    assert len(got["items"]) == len(plan_gold["items"]) == 66
    for mine, gold in zip(got["items"], plan_gold["items"], strict=True):
        assert mine == gold, gold["code"]
    assert PlanItem.objects.get(plan=plan, code="4").title_az.startswith("Milli Fəaliyyət")
    assert plan.report_due_days == 20  # "hər il yanvarın 20-dək"
    assert "Version 1" in out.getvalue()


def test_loading_the_same_document_again_changes_nothing(loaded_plan, plan_docx, plan_pdf):
    audit = AuditEntry.objects.count()
    stamp = list(PlanItem.objects.order_by("pk").values_list("pk", "title_az", "deadline"))
    for path in (plan_docx, plan_pdf):  # the PDF is the same document
        again = import_plan(None, path)
        assert again.version is None and again.unchanged
    assert PlanVersion.objects.filter(plan=loaded_plan).count() == 1
    assert AuditEntry.objects.count() == audit
    assert list(PlanItem.objects.order_by("pk").values_list("pk", "title_az", "deadline")) == stamp


def test_the_seed_report_matches_all_23_sub_items_of_the_loaded_catalogue(loaded_plan, seed_path):
    before = set(PlanItem.objects.values_list("pk", flat=True))
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "import-report",
            str(seed_path),
            "--plan",
            "NAP-2020-2024",
            "--agency",
            "DMX",
            "--period",
            "2022",
            stdout=out,
        )
    assert set(PlanItem.objects.values_list("pk", flat=True)) == before
    assert "new 0" in out.getvalue() and "unchanged 23" in out.getvalue()
    reports = ItemReport.objects.filter(item__plan=loaded_plan, agency__abbr="DMX")
    assert reports.count() == 23
    assert not reports.filter(item__from_report=True).exists()
    # the catalogue's titles are the document's, and DMX is an executor of each
    for report in reports.select_related("item"):
        assert report.item.executors.filter(agency__abbr="DMX").exists(), report.item.code


def test_loading_the_plan_after_the_seed_takes_its_sub_items_into_the_catalogue(
    imported_seed, plan_docx
):
    assert PlanItem.objects.filter(level=3, from_report=True).count() == 23
    summary = import_plan(None, plan_docx)
    # the 8 directions and 23 sub-items the report made are changed, the other 43 added
    assert summary.version == 1
    assert summary.counts() == {"added": 66 - 23, "changed": 23 + 8, "removed": 0}
    assert not PlanItem.objects.filter(from_report=True).exists()
    plan = ActionPlan.objects.get(code="NAP-2020-2024")
    assert plan.title.startswith("İnsan alverinə qarşı mübarizəyə dair 2020–2024")
    assert plan.approved_on == dt.date(2020, 7, 22)
    assert ItemReport.objects.filter(item__plan=plan).count() == 23


def _amend(source, tmp_path, **extra):
    args = {
        "reword": "4.2.5",
        "new_title": "Risk qrupuna aid olan şəxslərin sosial müdafiəsinin gücləndirilməsi",
        "add_after": "4.2.11",
        "added_code": "4.2.12",
        "added_title": "Onlayn işə götürmə platformalarının monitorinqi",
        "act_line": AMENDING_ACT,
    }
    return plan_documents.amend_docx(source, tmp_path / "amended.docx", **(args | extra))


def test_an_amended_copy_loads_as_version_2_with_its_differences(
    loaded_plan, plan_docx, tmp_path, make_user
):
    item = PlanItem.objects.get(plan=loaded_plan, code="4.2.5")
    from ctip.plan.services import get_or_create_period

    period, _ = get_or_create_period(loaded_plan, "2021")
    report = ItemReport.objects.create(
        item=item, agency=item.executors.first().agency, period=period, narrative="Hesabat."
    )
    coordinator = make_user("coordinator", agency=None)
    summary = import_plan(coordinator, _amend(plan_docx, tmp_path))
    assert summary.version == 2
    assert summary.act["date"] == "2022-03-14" and summary.act["number"] == "1590"
    assert [(c["code"], c["change"], list(c.get("fields", {}))) for c in summary.changes] == [
        ("4.2.5", "changed", ["title"]),
        ("4.2.12", "added", []),
    ]
    version = PlanVersion.objects.get(plan=loaded_plan, number=2)
    assert version.act_date == dt.date(2022, 3, 14) and version.created_by == coordinator
    assert version.changes == summary.changes
    item.refresh_from_db()
    assert item.title_az.startswith("Risk qrupuna aid olan şəxslərin sosial")
    report.refresh_from_db()
    assert report.item_id == item.pk  # reports stay attached to their sub-items
    added = PlanItem.objects.get(plan=loaded_plan, code="4.2.12")
    assert added.added_in == version and added.parent.code == "4.2"
    assert import_plan(None, _amend(plan_docx, tmp_path)).version is None  # loaded once


def test_a_removed_sub_item_is_marked_not_deleted_and_keeps_its_reports(invented_plan, tmp_path):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.2")
    report = ItemReport.objects.create(
        item=item,
        agency=item.executors.first().agency,
        period=invented_plan.periods.get(code="2031"),
    )
    rows = [r for r in plan_documents.ROWS if r[0] != "7.1.2"]
    path = plan_documents.write_docx(tmp_path / "v2.docx", rows=rows)
    summary = import_plan(None, path, code="SINAQ-2031-2033", act_date=dt.date(2032, 1, 10))
    assert [(c["code"], c["change"]) for c in summary.changes] == [("7.1.2", "removed")]
    item.refresh_from_db()
    assert item.removed_in.number == 2 and item.removed_in.act_date == dt.date(2032, 1, 10)
    assert ItemReport.objects.filter(pk=report.pk, item=item).exists()


def test_an_amended_document_without_the_acts_date_is_refused_and_nothing_written(
    invented_plan, tmp_path
):
    rows = plan_documents.ROWS + [("7.2.3", ["Yeni tədbir"], ["DİN"], "Hər il", ["Nəticə"])]
    path = plan_documents.write_docx(tmp_path / "v2.docx", rows=rows)
    items = PlanItem.objects.count()
    with pytest.raises(CommandError, match="date of the amending act"):
        call_command("import-plan", str(path), "--code", "SINAQ-2031-2033")
    assert PlanItem.objects.count() == items
    assert invented_plan.versions.count() == 1
    call_command(
        "import-plan",
        str(path),
        "--code",
        "SINAQ-2031-2033",
        "--act-date",
        "2032-02-01",
        stdout=io.StringIO(),
    )
    assert invented_plan.versions.get(number=2).act_date == dt.date(2032, 2, 1)


def test_a_dry_run_writes_nothing(agencies, tmp_path):
    path = plan_documents.write_docx(tmp_path / "plan.docx")
    out = io.StringIO()
    call_command("import-plan", str(path), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue() and "+ 7.1.1" in out.getvalue()
    assert not ActionPlan.objects.exists() and not AuditEntry.objects.exists()


def test_a_bad_file_is_one_line_and_exit_status_2(agencies, tmp_path):
    bad = tmp_path / "plan.txt"
    bad.write_text("bir sətir", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import-plan", str(bad))
    assert info.value.returncode == 2 and "\n" not in str(info.value)
    assert "DOCX or PDF" in str(info.value)


@pytest.mark.parametrize("role", ["focal_point", "admin", "analyst", "auditor"])
def test_only_the_coordinator_loads_a_plan(role, agencies, tmp_path, make_user):
    path = plan_documents.write_docx(tmp_path / "plan.docx")
    with pytest.raises(PermissionDenied):
        import_plan(make_user(role), path)
    assert not ActionPlan.objects.exists()


def test_an_unknown_executor_can_be_mapped_in_the_preview(agencies, tmp_path, make_user):
    rows = [*plan_documents.ROWS[:2]]
    rows[1] = ("7.1.1", ["Tədbir"], ["Kosmik Tədqiqatlar Agentliyi, DİN"], "Daim", ["Nəticə"])
    path = plan_documents.write_docx(tmp_path / "plan.docx", rows=rows)
    preview = import_plan(None, path, dry_run=True)
    assert preview.unresolved == [{"code": "7.1.1", "text": "Kosmik Tədqiqatlar Agentliyi"}]
    import_plan(None, path, executor_map={"Kosmik Tədqiqatlar Agentliyi": "DTX"})
    item = PlanItem.objects.get(code="7.1.1")
    assert [e.agency.abbr for e in item.executors.order_by("position")] == ["DTX", "DİN"]


def test_a_code_without_years_needs_the_document_to_give_them(agencies, tmp_path):
    path = plan_documents.write_docx(tmp_path / "plan.docx")
    with pytest.raises(ValidationError):
        import_plan(None, tmp_path / "absent.docx")
    assert import_plan(None, path).code == "NAP-2031-2033"


# --- the web upload -----------------------------------------------------------------------------


def test_coordinator_uploads_previews_and_confirms(agencies, tmp_path, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    client.cookies["django_language"] = "en"
    path = plan_documents.write_docx(tmp_path / "plan.docx")
    with path.open("rb") as fh:
        response = client.post("/plan/plans/load/", {"file": fh, "code": "", "act_date": ""})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200 and "This will be version 1" in html
    assert "7.2.2" in html and not ActionPlan.objects.exists()  # nothing written yet
    confirm = client.post(response["Location"] + "confirm/", {"code": "SINAQ-2031-2033"})
    assert confirm.status_code == 302
    plan = ActionPlan.objects.get(code="SINAQ-2031-2033")
    assert confirm["Location"] == f"/plan/plans/{plan.pk}/"
    assert PlanItem.objects.filter(plan=plan, level=3).count() == 4
    page = client.get(confirm["Location"]).content.decode()
    assert "Version 1" in page and "Bələdçi kitabçaların hazırlanması" in page


def test_the_upload_page_is_the_coordinators_only(agencies, make_user, login_as):
    for role in ("focal_point", "admin"):
        assert login_as(make_user(role)).get("/plan/plans/load/").status_code == 403


def test_another_users_upload_is_not_found(agencies, tmp_path, make_user, client):
    first = make_user("coordinator", agency=None)
    client.force_login(first)
    path = plan_documents.write_docx(tmp_path / "plan.docx")
    with path.open("rb") as fh:
        location = client.post("/plan/plans/load/", {"file": fh})["Location"]
    client.force_login(make_user("coordinator", agency=None))
    assert client.get(location).status_code == 404

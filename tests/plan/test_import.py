import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.audit.models import AuditEntry
from ctip.plan import services
from ctip.plan.models import ActionPlan, Fact, ItemReport, PlanItem, ReportingPeriod

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_sync_agencies_is_idempotent(agencies):
    from ctip.plan.models import Agency

    n = Agency.objects.count()
    assert n >= 40
    assert services.sync_agencies() == {"unchanged": n}
    assert Agency.objects.get(abbr="İAMBİ").parent.abbr == "DİN"


def test_import_creates_items_reports_and_facts(imported_seed):
    subs = PlanItem.objects.filter(level=3)
    assert subs.count() == 23
    assert subs.filter(from_report=True).count() == 23
    item = PlanItem.objects.get(code="4.1.6")
    assert item.parent.code == "4.1" and item.parent.parent.code == "4"
    assert item.title_az.startswith("Xidmət sektorunda")
    assert item.responsible.filter(abbr="DMX").exists()
    assert ItemReport.objects.count() == 23
    report = ItemReport.objects.get(item=item)
    assert report.status == "submitted" and report.version == 1
    assert report.narrative.startswith("Bu bəndin icrası")
    assert report.facts.filter(type="document").exists()
    for fact in Fact.objects.all()[:200]:
        assert fact.report.narrative[fact.start : fact.end] == fact.text
    assert imported_seed.plan_created and imported_seed.period_created
    assert imported_seed.reports["new"] == 23
    plan = ActionPlan.objects.get(code="NAP-2020-2024")
    assert (plan.start_year, plan.end_year) == (2020, 2024)
    assert "2020–2024" in plan.title
    assert ReportingPeriod.objects.get(code="2022").end.isoformat() == "2022-12-31"


def test_second_import_changes_nothing(imported_seed, seed_path):
    facts = Fact.objects.count()
    versions = dict(ItemReport.objects.values_list("id", "version"))
    audit = AuditEntry.objects.count()
    again = services.import_report(
        None, seed_path, plan="NAP-2020-2024", agency="dmx", period="2022", status="submitted"
    )
    assert again.reports == {"unchanged": 23}
    assert again.items["new"] == 0
    assert PlanItem.objects.filter(level=3).count() == 23
    assert Fact.objects.count() == facts
    assert dict(ItemReport.objects.values_list("id", "version")) == versions
    assert AuditEntry.objects.count() == audit + 1  # the import itself is audited


def test_injected_failure_writes_nothing(agencies, seed_path, monkeypatch):
    calls = {"n": 0}
    real = Fact.objects.bulk_create

    def failing(objs, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise RuntimeError("disk full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Fact.objects, "bulk_create", failing)
    with pytest.raises(RuntimeError):
        services.import_report(None, seed_path, plan="NAP-2020-2024", agency="DMX", period="2022")
    assert calls["n"] == 10
    assert not ActionPlan.objects.exists()
    assert not PlanItem.objects.exists()
    assert not ItemReport.objects.exists()
    assert not Fact.objects.exists()


def test_dry_run_writes_nothing_but_reports_changes(agencies, seed_path):
    summary = services.import_report(
        None, seed_path, plan="NAP-2020-2024", agency="DMX", period="2022-H2", dry_run=True
    )
    assert summary.reports["new"] == 23 and summary.dry_run
    assert not ItemReport.objects.exists() and not ActionPlan.objects.exists()


def test_approved_report_is_not_overwritten_by_a_plain_import(imported_seed, seed_path, tmp_path):
    report = ItemReport.objects.get(item__code="4.1.6")
    report.status = "approved"
    report.save()
    changed = tmp_path / "changed.txt"
    changed.write_text(
        seed_path.read_text(encoding="utf-8").replace("Bu bəndin icrası", "Bu yarımbəndin icrası"),
        encoding="utf-8",
    )
    summary = services.import_report(
        None, changed, plan="NAP-2020-2024", agency="DMX", period="2022", status="submitted"
    )
    assert summary.reports["refused"] == 1
    assert any("4.1.6" in n for n in summary.notes)
    report.refresh_from_db()
    assert report.narrative.startswith("Bu bəndin") and report.status == "approved"
    # the coordinator's office may replace it with an approved import
    summary = services.import_report(
        None, changed, plan="NAP-2020-2024", agency="DMX", period="2022", status="approved"
    )
    report.refresh_from_db()
    assert report.narrative.startswith("Bu yarımbəndin") and report.version == 2


def test_focal_point_cannot_import_for_another_agency(agencies, seed_path, make_user):
    user = make_user("focal_point", agency="DİN")
    with pytest.raises(PermissionDenied):
        services.import_report(user, seed_path, plan="NAP-2020-2024", agency="DMX", period="2022")


@pytest.mark.parametrize("abbr", ["DMX", "dmx", "DİN", "DIN", "din"])
def test_agency_matches_case_and_diacritics(agencies, abbr):
    assert services.find_agency(abbr).abbr in ("DMX", "DİN")


def test_unknown_agency_lists_valid_ones(agencies):
    with pytest.raises(ValidationError, match="DMX"):
        services.find_agency("XYZ")


def test_period_outside_plan_is_refused(agencies, seed_path):
    with pytest.raises(ValidationError, match="outside"):
        services.import_report(None, seed_path, plan="NAP-2020-2024", agency="DMX", period="2019")
    assert not ActionPlan.objects.exists()


def test_command_prints_summary_and_fails_cleanly(agencies, seed_path, capsys):
    call_command(
        "import-report",
        str(seed_path),
        "--plan",
        "NAP-2020-2024",
        "--agency",
        "DMX",
        "--period",
        "2022",
        "--status",
        "approved",
    )
    out = capsys.readouterr().out
    assert "new 23" in out and "document" in out and "Plan NAP-2020-2024 created" in out
    with pytest.raises(CommandError) as exc:
        call_command(
            "import-report",
            str(seed_path),
            "--plan",
            "NAP-2020-2024",
            "--agency",
            "NOPE",
            "--period",
            "2022",
        )
    assert exc.value.returncode == 2


def test_section_without_code_is_noted(agencies, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(
        "Ümumi giriş mətni.\n\n2.1.1-ci yarımbənd üzrə (Maarifləndirmə):\n\n"
        "2022-ci il 3 may tarixində 40 nəfər iştirak etmişdir.\n",
        encoding="utf-8",
    )
    summary = services.import_report(None, f, plan="NAP-2020-2024", agency="DMX", period="2022")
    assert summary.reports["new"] == 1
    assert any("without a sub-item code" in n for n in summary.notes)


INVENTED_WITH_SECTIONS = """Sınaq Xidmətinin 2031-ci il üzrə hesabatı

4. Qurbanlara yardım və onların reabilitasiyası

4.2. Qurbanların sosial reabilitasiyası

4.2.1-ci yarımbənd üzrə (Qurbanların reabilitasiya mərkəzlərinə yerləşdirilməsi):
Hesabat dövründə 12 nəfər reabilitasiya mərkəzinə yerləşdirilmişdir.

4.2.2-ci yarımbənd üzrə (Qurbanlara hüquqi yardım göstərilməsi):
Hesabat dövründə 5 nəfərə hüquqi yardım göstərilmişdir.
"""


def test_sections_an_import_creates_take_the_titles_the_report_gives_them(agencies, tmp_path):
    path = tmp_path / "hesabat.txt"
    path.write_text(INVENTED_WITH_SECTIONS, encoding="utf-8")
    services.import_report(None, path, plan="SINAQ-2031-2033", agency="DMX", period="2031")
    titles = dict(
        PlanItem.objects.filter(plan__code="SINAQ-2031-2033").values_list("code", "title_az")
    )
    assert titles["4"] == "Qurbanlara yardım və onların reabilitasiyası"
    assert titles["4.2"] == "Qurbanların sosial reabilitasiyası"
    assert titles["4.2.1"] == "Qurbanların reabilitasiya mərkəzlərinə yerləşdirilməsi"


def test_a_section_title_from_a_report_never_replaces_the_plans_own(agencies, tmp_path):
    plan, _ = services.get_or_create_plan("SINAQ-2031-2033")
    PlanItem.objects.create(plan=plan, code="4", title_az="Planın öz başlığı", from_report=False)
    path = tmp_path / "hesabat.txt"
    path.write_text(INVENTED_WITH_SECTIONS, encoding="utf-8")
    services.import_report(None, path, plan="SINAQ-2031-2033", agency="DMX", period="2031")
    assert PlanItem.objects.get(plan=plan, code="4").title_az == "Planın öz başlığı"
    assert (
        PlanItem.objects.get(plan=plan, code="4.2").title_az == "Qurbanların sosial reabilitasiyası"
    )


def test_a_section_heading_without_a_number_gives_no_title(agencies, tmp_path):
    text = INVENTED_WITH_SECTIONS.replace("4.2. Qurbanların sosial", "III. Qurbanların sosial")
    path = tmp_path / "hesabat.txt"
    path.write_text(text, encoding="utf-8")
    services.import_report(None, path, plan="SINAQ-2031-2033", agency="DMX", period="2031")
    assert PlanItem.objects.get(plan__code="SINAQ-2031-2033", code="4.2").title_az == ""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def imported_seed(agencies, seed_path):
    """The real 2022 DMX report imported as submitted reports of NAP-2020-2024."""
    from ctip.plan.services import import_report

    return import_report(
        None, seed_path, plan="NAP-2020-2024", agency="DMX", period="2022", status="submitted"
    )


@pytest.fixture
def report_factory(agencies):
    """A draft report on a synthetic sub-item for an agency."""
    from ctip.plan.models import ItemReport
    from ctip.plan.services import ensure_item, get_or_create_period, get_or_create_plan

    def make(
        abbr="DMX",
        code="2.1.1",
        narrative="2022-ci il 5 mart tarixində 12 nəfər iştirak etmişdir.",
        status="draft",
        period="2022",
    ):
        from ctip.plan.models import Agency

        plan, _ = get_or_create_plan("NAP-2020-2024")
        item, _ = ensure_item(plan, code, "Sınaq yarımbəndi", from_report=False)
        per, _ = get_or_create_period(plan, period)
        agency = Agency.objects.get(abbr=abbr)
        report, _ = ItemReport.objects.get_or_create(
            item=item,
            agency=agency,
            period=per,
            defaults={"narrative": narrative, "status": status},
        )
        return report

    return make


# --- the plan itself (issue 15) --------------------------------------------------------------

PLAN_DIR = SHARED / "corpus" / "plan"


def _plan_file(name: str):
    path = PLAN_DIR / name
    if not path.exists():
        pytest.skip(f"the plan sample is not present at {path} (../shared/corpus is absent)")
    return path


@pytest.fixture
def plan_docx():
    return _plan_file("nap-2020-2024.docx")


@pytest.fixture
def plan_pdf():
    return _plan_file("nap-2020-2024.pdf")


@pytest.fixture
def plan_gold():
    import json

    return json.loads(_plan_file("nap-2020-2024.gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def loaded_plan(agencies, plan_docx):
    """NAP-2020-2024 loaded from the corpus sample of its document, as `ctip import-plan` does."""
    from ctip.plan.catalogue.importer import import_plan
    from ctip.plan.models import ActionPlan

    import_plan(None, plan_docx)
    return ActionPlan.objects.get(code="NAP-2020-2024")


@pytest.fixture
def invented_plan(agencies, tmp_path):
    """The invented plan of tests/plan/documents.py loaded as SINAQ-2031-2033 with two
    periods."""
    from ctip.plan.catalogue.importer import import_plan
    from ctip.plan.models import ActionPlan
    from ctip.plan.services import get_or_create_period
    from tests.plan import documents as plan_documents

    import_plan(None, plan_documents.write_docx(tmp_path / "plan.docx"), code="SINAQ-2031-2033")
    plan = ActionPlan.objects.get(code="SINAQ-2031-2033")
    for year in ("2031", "2032"):
        get_or_create_period(plan, year)
    return plan

import pytest


@pytest.fixture
def agencies(db):
    from ctip.plan.services import sync_agencies

    sync_agencies()


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

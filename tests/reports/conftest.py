import datetime as dt

import pytest


@pytest.fixture
def seeded(db, seed_path):
    """The seed report imported as DMX's approved 2022 report on NAP-2020-2024."""
    from django.core.management import call_command

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
        stdout=open("/dev/null", "w"),
    )
    from ctip.plan.models import ActionPlan

    return ActionPlan.objects.get(code="NAP-2020-2024")


@pytest.fixture
def small_plan(db, make_agency):
    """A synthetic plan: two sub-items, two agencies, approved and submitted reports."""
    from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportingPeriod

    plan = ActionPlan.objects.create(
        code="TEST-PLAN", title="Sınaq fəaliyyət planı", start_year=2020, end_year=2024
    )
    period = ReportingPeriod.objects.create(
        plan=plan, code="2022", year=2022, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)
    )
    a = make_agency("AAA", name_az="Birinci agentlik", name_en="First agency")
    b = make_agency("BBB", name_az="İkinci agentlik")
    i1 = PlanItem.objects.create(
        plan=plan, code="4.1.6", title_az="Təkliflərin hazırlanması", title_en="Preparing proposals"
    )
    i2 = PlanItem.objects.create(plan=plan, code="4.2.10", title_az="Turizm sahəsində işlər")
    PlanItem.objects.create(plan=plan, code="4.3.1", title_az="Hesabatı olmayan yarımbənd")
    S = ItemReport.Status
    ItemReport.objects.create(
        item=i1,
        agency=a,
        period=period,
        status=S.APPROVED,
        narrative="Birinci abzas ilə\nbaşlayır.\n\nİkinci abzas ğüşıöçə.",
    )
    ItemReport.objects.create(
        item=i1, agency=b, period=period, status=S.APPROVED, narrative="İkinci agentliyin işi."
    )
    ItemReport.objects.create(
        item=i2, agency=a, period=period, status=S.SUBMITTED, narrative="Baxılmaqda olan mətn."
    )
    ItemReport.objects.create(
        item=i2, agency=b, period=period, status=S.DRAFT, narrative="Gizli layihə mətni."
    )
    return plan

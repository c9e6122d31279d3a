"""The demo plan's reports read like real ones: a source a person understands, a return comment."""

import pytest

from ctip.plan.models import ItemReport, ReportTransition

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plan(db):
    from ctip.demo import plan as demo

    demo.load()
    return demo


def test_demo_reports_name_a_source_not_the_word_demo(demo_plan, make_user, login_as):
    assert not ItemReport.objects.filter(source="demo").exists()
    report = ItemReport.objects.select_related("agency", "period").filter(period__code="2022")[0]
    client = login_as(make_user("coordinator", agency=None))
    html = client.get(f"/plan/reports/{report.pk}/").content.decode()
    assert f"mənbə: {report.agency.abbr} hesabatı, 2022 (nümunə)" in html
    assert "mənbə: demo" not in html
    assert not ReportTransition.objects.filter(comment="demo").exists()


def test_a_returned_demo_report_carries_the_coordinators_comment(demo_plan):
    returned = ReportTransition.objects.filter(to_status="returned")
    assert returned.exists()
    assert {t.comment for t in returned} == {demo_plan.RETURN_COMMENT}
    assert set(
        ReportTransition.objects.exclude(to_status="returned").values_list("comment", flat=True)
    ) == {""}


def test_loading_the_demo_again_mends_reports_an_older_demo_wrote(demo_plan):
    ItemReport.objects.update(source="demo")
    ReportTransition.objects.update(comment="demo")
    demo_plan.load()
    assert not ItemReport.objects.filter(source="demo").exists()
    assert not ReportTransition.objects.filter(comment="demo").exists()
    report = ItemReport.objects.select_related("agency").filter(period__code="2021")[0]
    assert report.source == f"{report.agency.abbr} hesabatı, 2021 (nümunə)"

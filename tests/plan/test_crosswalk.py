"""Continuity between plans: a crosswalk suggested by title similarity, confirmed by the
coordinator, so that a sub-item's history reads across plans."""

import pytest
from django.core.exceptions import PermissionDenied

from ctip.plan.catalogue import selectors, services
from ctip.plan.models import ActionPlan, ItemLink, PlanItem
from ctip.plan.services import ensure_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages these tests read are asked for in English (Azerbaijani is the default)."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def previous_plan(invented_plan):
    old = ActionPlan.objects.create(
        code="SINAQ-2028-2030", title="Əvvəlki plan", start_year=2028, end_year=2030
    )
    for code, title in [
        ("5.1.1", "Bələdçi kitabçaların hazırlanması və yayılması"),
        ("5.1.2", "Sərhəd məntəqələrində plakatların asılması"),
        ("5.2.1", "Qaynar xəttin fəaliyyətinin təmin olunması"),
    ]:
        ensure_item(old, code, title, from_report=False)
    services.update_plan_settings(
        None, invented_plan, report_due_days=20, by_agreement_owes=False, previous=old
    )
    return old


def test_similar_titles_are_suggested(invented_plan, previous_plan):
    assert selectors.similarity("Qaynar xəttin fəaliyyəti", "qaynar xətlərin fəaliyyətinin") > 0.6
    rows = {r.item.code: r for r in selectors.crosswalk(invented_plan)}
    assert rows["7.1.1"].previous.code == "5.1.1" and rows["7.1.1"].score >= 0.5
    assert rows["7.2.2"].previous.code == "5.2.1"
    assert rows["7.1.2"].previous is None  # nothing alike in the previous plan


def test_the_coordinator_confirms_and_the_history_reads_across_plans(
    invented_plan, previous_plan, make_user, login_as
):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.1")
    old = PlanItem.objects.get(plan=previous_plan, code="5.1.1")
    with pytest.raises(PermissionDenied):
        services.link_items(make_user("focal_point"), item, old)
    client = login_as(make_user("coordinator", agency=None))
    page = client.get(f"/plan/plans/{invented_plan.pk}/crosswalk/").content.decode()
    assert "5.1.1" in page and 'id="crosswalk"' in page
    client.post(
        f"/plan/plans/{invented_plan.pk}/crosswalk/",
        {"item": item.pk, "previous": old.pk, "similarity": "0.7"},
    )
    client.post(
        f"/plan/plans/{invented_plan.pk}/crosswalk/", {"item": item.pk, "previous_code": "5.1.2"}
    )
    assert set(ItemLink.objects.values_list("previous__code", flat=True)) == {"5.1.1", "5.1.2"}
    new_page = client.get(f"/plan/items/{item.pk}/").content.decode()
    assert f'href="/plan/items/{old.pk}/">SINAQ-2028-2030 5.1.1' in new_page
    old_page = client.get(f"/plan/items/{old.pk}/").content.decode()
    assert f'href="/plan/items/{item.pk}/">SINAQ-2031-2033 7.1.1' in old_page
    rows = {r.item.code: r for r in selectors.crosswalk(invented_plan)}
    assert rows["7.1.1"].previous is None and len(rows["7.1.1"].confirmed) == 2
    link = ItemLink.objects.get(previous=old)
    client.post(f"/plan/plans/{invented_plan.pk}/crosswalk/", {"unlink": link.pk})
    assert not ItemLink.objects.filter(pk=link.pk).exists()

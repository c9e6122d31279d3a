"""Every records page renders with the demo data, with links both ways."""

import pytest

from ctip.records.models import Activity, Document, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(agencies):
    from ctip.demo import records as demo

    first = demo.load(None)
    again = demo.load(None)
    return first, again


def test_demo_is_idempotent(demo):
    first, again = demo
    assert "0 new documents" in again[0] and "0 new activities" in again[0]
    assert Document.objects.filter(due_date__isnull=False).count() >= 3
    assert Activity.objects.get(kind="awareness_material").languages.__len__() == 6
    assert Recommendation.objects.filter(source="un_cmw").exists()


def test_pages_render_with_demo_data(demo, make_user, login_as):
    client = login_as(make_user("coordinator", agency="MK"))
    doc = Document.objects.get(number="07/118")
    activity = Activity.objects.get(kind="visit_monitoring")
    rec = Recommendation.objects.get(reference="R1")
    pages = [
        "/records/",
        "/records/documents/",
        "/records/documents/?kind=letter&agency=DMX",
        "/records/documents/?item=2.2.1&q=monitorinq",
        "/records/activities/",
        "/records/activities/?kind=training&period=2022",
        "/records/recommendations/",
        "/records/recommendations/?source=greta",
        "/records/timeline/?period=2022",
        "/records/due/",
        "/records/stats/?period=2022&agency=DMX",
        f"/records/documents/{doc.pk}/",
        f"/records/activities/{activity.pk}/",
        f"/records/recommendations/{rec.pk}/",
        "/records/activities/new/",
        f"/records/activities/{activity.pk}/edit/",
        f"/records/recommendations/{rec.pk}/edit/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'style="' not in response.content.decode(), url
    doc_page = client.get(f"/records/documents/{doc.pk}/").content.decode()
    assert f"/records/activities/{activity.pk}/" in doc_page
    assert f"/records/recommendations/{rec.pk}/" in doc_page
    item = doc.plan_items.get()
    assert f"/plan/items/{item.pk}/" in doc_page
    act_page = client.get(f"/records/activities/{activity.pk}/").content.decode()
    assert f"/records/documents/{doc.pk}/" in act_page and "2.2.1" in act_page
    assert f"/records/recommendations/{rec.pk}/" in act_page
    due = client.get("/records/due/").content.decode()
    assert "due-overdue" in due and "DEMO-1201" in due


def test_api_lists(demo, make_user, login_as):
    client = login_as(make_user("auditor", agency="MK"))  # the API asks the second factor too
    acts = client.get("/api/v1/activities/", {"kind": "training"}).json()
    assert acts["count"] == 5
    assert all(a["kind"] == "training" for a in acts["results"])
    recs = client.get("/api/v1/recommendations/", {"source": "greta"}).json()
    assert recs["count"] == 2 and recs["results"][0]["history"]
    rec = Recommendation.objects.get(reference="R1")
    response = client.post(
        f"/api/v1/recommendations/{rec.pk}/status/",
        {"status": "implemented"},
        content_type="application/json",
    )
    assert response.status_code == 404  # read-only role
    rec.refresh_from_db()
    assert rec.status == "in_progress"


def test_agencies_are_named_not_only_abbreviated(demo, make_user, login_as):
    """A reader outside the coordinator's office may not know every abbreviation: detail pages
    name each agency in full, lists keep the abbreviation with the name on hover, and the
    agency filters show both."""
    client = login_as(make_user("coordinator", agency="MK"))
    doc = Document.objects.filter(recipients__isnull=False).select_related("agency").first()
    page = client.get(f"/records/documents/{doc.pk}/").content.decode()
    assert f"{doc.agency.name} ({doc.agency.abbr})" in page
    recipient = doc.recipients.first()
    assert f"{recipient.name} ({recipient.abbr})" in page
    listing = client.get("/records/documents/").content.decode()
    assert f'<abbr title="{recipient.name}">{recipient.abbr}</abbr>' in listing
    assert f">{recipient.abbr} — {recipient.name}</option>" in listing
    rec = Recommendation.objects.filter(responsible__isnull=False).first()
    body = rec.responsible.first()
    page = client.get(f"/records/recommendations/{rec.pk}/").content.decode()
    assert f"{body.name} ({body.abbr})" in page

"""Who may create, edit and read records (role matrix); another agency's object is a 404."""

import datetime as dt

import pytest

from ctip.records import permissions
from ctip.records.models import Document

pytestmark = pytest.mark.django_db

ROLES = ["focal_point", "coordinator", "admin", "analyst", "auditor", "case_worker", "supervisor"]
WRITERS = {"focal_point", "coordinator", "admin"}


def _form(**extra):
    data = {
        "agency": "",
        "kind": "letter",
        "direction": "outgoing",
        "number": "09/77",
        "date": "2022-04-01",
        "subject": "Sınaq məktubu",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_create_document_page_by_role(role, agencies, make_user, login_as):
    from ctip.plan.models import Agency

    user = make_user(role)
    client = login_as(user)
    response = client.get("/records/documents/new/")
    assert response.status_code == (200 if role in WRITERS else 403)
    dmx = Agency.objects.get(abbr="DMX")
    response = client.post("/records/documents/new/", _form(agency=dmx.pk, issuer=dmx.pk))
    assert response.status_code == (302 if role in WRITERS else 403)
    assert Document.objects.filter(number="09/77").exists() == (role in WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_registry_but_only_writers_edit(
    role, make_document, make_user, login_as
):
    doc = make_document("05/5")
    client = login_as(make_user(role))
    assert client.get("/records/documents/").status_code == 200
    assert client.get(f"/records/documents/{doc.pk}/").status_code == 200
    assert client.get(f"/records/documents/{doc.pk}/edit/").status_code == (
        200 if role in WRITERS else 404
    )
    assert client.get("/records/").status_code == 200
    assert client.get("/records/stats/?period=2022").status_code == 200


def test_focal_point_of_another_agency_gets_404_on_edit(
    make_document, make_activity, make_user, login_as
):
    doc = make_document("05/6", agency="DMX")
    activity = make_activity(agency="DMX")
    client = login_as(make_user("focal_point", agency="DİN"))
    assert client.get(f"/records/documents/{doc.pk}/edit/").status_code == 404
    assert client.post(f"/records/documents/{doc.pk}/edit/", {"number": "X"}).status_code == 404
    assert client.get(f"/records/activities/{activity.pk}/edit/").status_code == 404
    assert (
        client.post(
            f"/records/documents/{doc.pk}/complete/", {"completed_on": "2022-05-01"}
        ).status_code
        == 404
    )
    doc.refresh_from_db()
    assert doc.number == "05/6" and doc.completed_on is None


def test_focal_point_cannot_create_for_another_agency(agencies, make_user, login_as):
    from ctip.plan.models import Agency

    client = login_as(make_user("focal_point", agency="DMX"))
    din = Agency.objects.get(abbr="DİN")
    response = client.post("/records/documents/new/", _form(agency=din.pk, issuer=din.pk))
    assert response.status_code == 200  # the form refuses the choice
    assert "agency" in response.context["form"].errors
    assert not Document.objects.exists()


def test_coordinator_edits_any_agency(make_document, make_user, login_as):
    doc = make_document("05/7", agency="DİN")
    client = login_as(make_user("coordinator", agency="MK"))
    data = _form(number="05/7", issuer=doc.issuer_id, subject="Yenilənmiş mövzu")
    response = client.post(f"/records/documents/{doc.pk}/edit/", data)
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.subject == "Yenilənmiş mövzu"


def test_recommendation_status_by_responsible_focal_point_only(agencies, make_user, login_as):
    from ctip.plan.models import Agency
    from ctip.records.models import Recommendation

    rec = Recommendation.objects.create(source="greta", year=2022, text="Sınaq tövsiyəsi")
    rec.responsible.set([Agency.objects.get(abbr="DMX")])
    other = login_as(make_user("focal_point", agency="DİN"))
    assert (
        other.post(
            f"/records/recommendations/{rec.pk}/status/", {"status": "implemented"}
        ).status_code
        == 404
    )
    client = login_as(make_user("focal_point", agency="DMX"))
    assert (
        client.post(
            f"/records/recommendations/{rec.pk}/status/",
            {"status": "in_progress", "note": "başlanıb"},
        ).status_code
        == 302
    )
    rec.refresh_from_db()
    assert rec.status == "in_progress"
    change = rec.history.get()
    assert (change.from_status, change.to_status, change.note) == (
        "open",
        "in_progress",
        "başlanıb",
    )


def test_download_is_limited(make_document, make_user):
    doc = make_document("05/8", agency="DMX")
    assert permissions.can_download(make_user("analyst", agency="MK"), doc)
    assert permissions.can_download(make_user("focal_point", agency="DMX"), doc)
    assert not permissions.can_download(make_user("focal_point", agency="DİN"), doc)
    assert not permissions.can_download(make_user("case_worker", agency="DMX"), doc)


@pytest.mark.parametrize(
    "role,allowed",
    [("focal_point", True), ("analyst", False), ("auditor", False), ("case_worker", False)],
)
def test_api_document_create_by_role(role, allowed, agencies, make_user, client):
    client.force_login(make_user(role))
    response = client.post(
        "/api/v1/documents/",
        {"kind": "letter", "number": "11/1", "date": "2022-06-01", "issuer": "DMX"},
        content_type="application/json",
    )
    assert response.status_code == (201 if allowed else 403)
    if allowed:
        again = client.post(
            "/api/v1/documents/",
            {"kind": "letter", "number": "11/1", "date": "2022-06-01", "issuer": "DMX"},
            content_type="application/json",
        )
        assert again.status_code == 200 and again.json()["id"] == response.json()["id"]
        assert Document.objects.filter(number="11/1").count() == 1


def test_api_requires_authentication(db, client):
    assert client.get("/api/v1/documents/").status_code in (401, 403)
    assert client.get("/api/v1/activities/").status_code in (401, 403)


def test_due_list_per_agency(make_document, make_user, login_as):
    today = dt.date.today()
    make_document(
        "D/1",
        kind="resolution",
        date=today - dt.timedelta(days=60),
        due_date=today - dt.timedelta(days=3),
    )
    make_document(
        "D/2",
        kind="resolution",
        date=today - dt.timedelta(days=10),
        due_date=today + dt.timedelta(days=10),
        agency="DİN",
    )
    client = login_as(make_user("coordinator", agency="MK"))
    page = client.get("/records/due/").content.decode()
    assert "D/1" in page and "D/2" in page and "due-overdue" in page and "due-soon" in page
    page = client.get("/records/due/?agency=DİN").content.decode()
    assert "D/2" in page and "D/1" not in page


def test_file_referral_letter_registers_once_for_the_actors_agency(agencies, make_user):
    from ctip.plan.models import Agency
    from ctip.records.services import file_referral_letter

    worker = make_user("case_worker", agency="DMX")
    din = Agency.objects.get(abbr="DİN")
    doc = file_referral_letter(
        worker, number="06/12", date=dt.date(2022, 7, 1), recipient=din, subject="NRM-DEMO-0001"
    )
    again = file_referral_letter(worker, number="06/12", date=dt.date(2022, 7, 1), recipient=din)
    assert doc.pk == again.pk
    assert (doc.agency.abbr, doc.issuer.abbr, doc.direction) == ("DMX", "DMX", "outgoing")
    assert doc.recipients.get() == din
    assert file_referral_letter(worker, number="  ") is None

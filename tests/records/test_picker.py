"""Forms that link documents and activities: only what the user may list, only what is picked.

The pickers (records.forms' PickedDocumentsField, PickedActivitiesField) render the selected
items as checkboxes plus a search box; /records/pick/<what>/ returns candidates to add.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from ctip.records import permissions
from ctip.records.models import Activity, Document, Recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def focal(agencies, make_user, login_as):
    user = make_user("focal_point", agency="DMX")
    return user, login_as(user)


@pytest.fixture
def own_agency_only(monkeypatch):
    """Every role lists every record today (permissions.visible_q); these tests narrow the rule to
    the user's own agency to prove the forms ask it rather than the whole table."""

    def own(user):
        return Q(agency_id=getattr(user, "agency_id", None))

    monkeypatch.setattr(permissions, "visible_q", own)


def _activity_data(user, period, **extra):
    data = {
        "agency": user.agency_id,
        "kind": "training",
        "title": "Təlim",
        "start": "2022-05-10",
        "end": "2022-05-11",
        "period": period.pk,
        "narrative_az": "Təlim keçirilmişdir.",
        "p-TOTAL_FORMS": "0",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def _recommendation_data(**extra):
    data = {"source": "greta", "year": "2022", "text": "Tövsiyə mətni.", "priority": "medium"}
    data.update(extra)
    return data


def _checkboxes(html: str, name: str) -> list[str]:
    """The values of the checkboxes named `name`, checked ones marked with a trailing '*'."""
    found = []
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and 'type="checkbox"' in tag:
            value = re.search(r'value="([^"]*)"', tag).group(1)
            found.append(value + ("*" if " checked" in tag else ""))
    return found


# --- 1. only what the user may list -------------------------------------------------------------


def test_activity_form_refuses_a_document_the_user_may_not_list(
    focal, plan_2022, make_document, own_agency_only
):
    user, client = focal
    hidden = make_document(number="7/7", agency="DİN")
    response = client.post(
        "/records/activities/new/", _activity_data(user, plan_2022, documents=[hidden.pk])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["form"].errors["documents"])
    assert not Activity.objects.exists()


def test_recommendation_form_refuses_what_the_user_may_not_list(
    focal, make_document, make_activity, own_agency_only
):
    _user, client = focal
    doc = make_document(number="7/7", agency="DİN")
    activity = make_activity(agency="DİN")
    response = client.post(
        "/records/recommendations/new/",
        _recommendation_data(documents=[doc.pk], activities=[activity.pk]),
    )
    errors = response.context["form"].errors
    assert "Select a valid choice" in str(errors["documents"])
    assert "Select a valid choice" in str(errors["activities"])
    assert not Recommendation.objects.exists()


def test_a_visible_document_is_linked(focal, plan_2022, make_document, own_agency_only):
    user, client = focal
    doc = make_document(number="8/8", agency="DMX")
    response = client.post(
        "/records/activities/new/", _activity_data(user, plan_2022, documents=[doc.pk])
    )
    assert response.status_code == 302
    assert list(Activity.objects.get().documents.all()) == [doc]


def test_an_edit_keeps_the_links_the_user_may_not_list(
    focal, plan_2022, make_document, make_activity, own_agency_only
):
    user, client = focal
    unseen = make_document(number="7/7", agency="DİN")
    seen = make_document(number="8/8", agency="DMX")
    activity = make_activity(period=plan_2022)
    activity.documents.add(unseen, seen)
    html = client.get(f"/records/activities/{activity.pk}/edit/").content.decode()
    assert _checkboxes(html, "documents") == [f"{seen.pk}*"]
    data = _activity_data(user, plan_2022, title="Təlim (düzəliş)")
    data.pop("agency")
    response = client.post(f"/records/activities/{activity.pk}/edit/", data)
    assert response.status_code == 302
    assert list(activity.documents.all()) == [unseen]  # "seen" was unticked, "unseen" never shown


def test_a_recommendation_edit_keeps_the_links_the_user_may_not_list(
    focal, make_document, make_activity, own_agency_only
):
    user, client = focal
    doc, activity = make_document(number="7/7", agency="DİN"), make_activity(agency="DİN")
    rec = Recommendation.objects.create(source="greta", year=2022, text="T", agency=user.agency)
    rec.documents.add(doc)
    rec.activities.add(activity)
    response = client.post(f"/records/recommendations/{rec.pk}/edit/", _recommendation_data())
    assert response.status_code == 302
    assert list(rec.documents.all()) == [doc] and list(rec.activities.all()) == [activity]


# --- 2. the picker: the selected items, a search, numbers typed -------------------------------


def test_edit_page_shows_only_the_linked_documents_checked_with_a_label(
    focal, plan_2022, make_document, make_activity
):
    _user, client = focal
    linked = make_document(number="02/416", subject="Rəy göndərilməsi haqqında")
    make_document(number="99/1")
    activity = make_activity(period=plan_2022)
    activity.documents.add(linked)
    html = client.get(f"/records/activities/{activity.pk}/edit/").content.decode()
    assert _checkboxes(html, "documents") == [f"{linked.pk}*"]
    assert "02/416" in html and "Rəy göndərilməsi" in html
    assert "99/1" not in html
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Documents", html)
    assert 'hx-get="/records/pick/documents/"' in html
    assert 'aria-live="polite"' in html


def test_bound_form_keeps_the_selected_documents_after_an_error(focal, plan_2022, make_document):
    user, client = focal
    doc = make_document(number="02/416")
    make_document(number="99/1")
    response = client.post(
        "/records/activities/new/",
        _activity_data(user, plan_2022, title="", documents=[doc.pk]),
    )
    html = response.content.decode()
    assert _checkboxes(html, "documents") == [f"{doc.pk}*"]


def test_pick_returns_matching_documents_unchecked_and_no_more_than_20(focal, make_document):
    _user, client = focal
    for i in range(25):
        make_document(number=f"55/{i}", date=dt.date(2022, 1, 1) + dt.timedelta(days=i))
    other = make_document(number="12/3")
    html = client.get("/records/pick/documents/", {"q": "55/"}).content.decode()
    found = _checkboxes(html, "documents")
    assert len(found) == 20
    assert not any(v.endswith("*") for v in found)
    assert str(other.pk) not in found


def test_pick_keeps_the_checked_ones_first_and_does_not_repeat_them(focal, make_document):
    _user, client = focal
    picked = make_document(number="55/1")
    candidate = make_document(number="55/2")
    html = client.get(
        "/records/pick/documents/", {"q": "55/", "documents": [picked.pk]}
    ).content.decode()
    assert _checkboxes(html, "documents") == [f"{picked.pk}*", str(candidate.pk)]


def test_pick_activities_by_title(focal, make_activity):
    _user, client = focal
    found = make_activity(title="Sərhəd təlimi")
    make_activity(title="Başqa tədbir")
    html = client.get("/records/pick/activities/", {"q": "Sərhəd"}).content.decode()
    assert _checkboxes(html, "activities") == [str(found.pk)]
    assert "Sərhəd təlimi" in html and "DMX" in html


def test_pick_lists_only_what_the_user_may_list(focal, make_document, own_agency_only):
    _user, client = focal
    make_document(number="55/1", agency="DİN")
    html = client.get("/records/pick/documents/", {"q": "55/"}).content.decode()
    assert _checkboxes(html, "documents") == []


def test_pick_ignores_values_that_are_not_ids(focal, make_document):
    _user, client = focal
    doc = make_document(number="55/1")
    html = client.get(
        "/records/pick/documents/", {"q": "55/", "documents": ["x", "9" * 30, "-1"]}
    ).content.decode()
    assert _checkboxes(html, "documents") == [str(doc.pk)]


def test_pick_needs_a_login(client, make_document):
    make_document(number="55/1")
    response = client.get("/records/pick/documents/", {"q": "55/"})
    assert response.status_code == 302
    assert "55/1" not in response.content.decode()


def test_documents_added_by_number_are_linked(focal, plan_2022, make_document):
    user, client = focal
    first = make_document(number="02/416")
    second = make_document(number="03/1")
    data = _activity_data(user, plan_2022, documents_numbers="02/416,\n 03/1")
    assert client.post("/records/activities/new/", data).status_code == 302
    assert set(Activity.objects.get().documents.all()) == {first, second}


def test_a_number_not_found_is_a_form_error_and_the_typed_text_stays(
    focal, plan_2022, make_document
):
    user, client = focal
    make_document(number="02/416")
    data = _activity_data(user, plan_2022, documents_numbers="02/416, 5/55")
    response = client.post("/records/activities/new/", data)
    errors = str(response.context["form"].errors["documents"])
    assert "5/55" in errors and "not found" in errors
    assert "02/416, 5/55" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_ambiguous_number_is_a_form_error_listing_the_matches(focal, plan_2022, make_document):
    user, client = focal
    make_document(number="1/2", date=dt.date(2021, 2, 3))
    make_document(number="1/2", date=dt.date(2022, 4, 5))
    data = _recommendation_data(documents_numbers="1/2")
    response = client.post("/records/recommendations/new/", data)
    errors = str(response.context["form"].errors["documents"])
    assert "1/2" in errors and "2021" in errors and "2022" in errors
    assert not Recommendation.objects.exists()


# --- 3. rendering cost independent of the registry's size -------------------------------------


def _many(make_document, make_activity, n, start):
    for i in range(n):
        make_document(number=f"{start + i}/x")
        make_activity(title=f"Tədbir {start + i}")


@pytest.mark.parametrize("page", ["activity_new", "activity_edit", "rec_new", "rec_edit"])
def test_form_pages_cost_the_same_with_three_times_the_registry(
    focal, plan_2022, make_document, make_activity, page
):
    _user, client = focal
    doc = make_document(number="1/keep")
    activity = make_activity(title="Saxlanan", period=plan_2022)
    activity.documents.add(doc)
    rec = Recommendation.objects.create(source="greta", year=2022, text="T", agency=_user.agency)
    rec.documents.add(doc)
    rec.activities.add(activity)
    url = {
        "activity_new": "/records/activities/new/",
        "activity_edit": f"/records/activities/{activity.pk}/edit/",
        "rec_new": "/records/recommendations/new/",
        "rec_edit": f"/records/recommendations/{rec.pk}/edit/",
    }[page]
    seen = []
    for n in (10, 20):  # 10, then 30 in all
        _many(make_document, make_activity, n, start=len(seen) * 1000)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        seen.append(len(queries))
        picked = _checkboxes(html, "documents") + _checkboxes(html, "activities")
        assert all(v.endswith("*") for v in picked)
        assert len(picked) == {"activity_new": 0, "activity_edit": 1, "rec_new": 0}.get(page, 2)
        assert not re.search(r"\d+/x\b", html), "an unpicked document is drawn"
        assert "Tədbir " not in html, "an unpicked activity is drawn"
    assert Document.objects.count() == 31
    assert seen[0] == seen[1]

"""The case forms ask for what people know, in their language (issue 12)."""

import re

import pytest
from django.utils import timezone


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_intake_form_defaults_to_today_lists_countries_by_name_and_marks_required(
    worker, login_as, client_en
):
    html = login_as(worker).get("/cases/intake/new/").content.decode()
    today = timezone.localdate().isoformat()
    assert f'name="received_on" value="{today}"' in html
    select = html[html.index('name="p-0-citizenship"') :]
    select = select[: select.index("</select>")]
    assert '<option value="AZ">Azerbaijan</option>' in select
    assert '<option value="TR">Turkey</option>' in select or "Türkiye" in select
    assert re.search(r'<label[^>]*class="required"[^>]*>Channel', html)


@pytest.mark.django_db
def test_countries_are_named_in_azerbaijani_for_an_azerbaijani_user(worker, login_as, client):
    html = login_as(worker).get("/cases/intake/new/").content.decode()
    assert '<option value="AZ">Azərbaycan</option>' in html


@pytest.mark.django_db
def test_screening_groups_indicators_and_chooses_no_outcome(make_case, worker, login_as, client_en):

    case = make_case()
    person = case.persons.get()
    client = login_as(worker)
    client.post(
        f"/cases/{case.code}/purpose/",
        {"purpose": "screening interview", "next": f"/cases/{case.code}/"},
    )
    html = client.get(f"/cases/{case.code}/persons/{person.uid}/screen/").content.decode()
    assert html.count('<fieldset class="indicators">') >= 2
    assert "<legend>Forced labour</legend>" in html
    outcome = html[html.index('name="outcome"') :]
    outcome = outcome[: outcome.index("</select>")]
    assert " selected" not in outcome.replace('value="" selected', "")
    response = client.post(f"/cases/{case.code}/persons/{person.uid}/screen/", {"notes": ""})
    assert response.status_code == 200  # no outcome chosen: the form asks again


@pytest.mark.django_db
def test_referral_targets_are_national_bodies_by_full_name(make_case, worker, login_as, client_en):
    case = make_case()
    html = login_as(worker).get(f"/cases/{case.code}/refer/").content.decode()
    targets = html[html.index('name="to_agency"') :]
    targets = targets[: targets.index("</select>")]
    assert "State Migration Service" in targets or "(DMX)" in targets
    assert "GRETA" not in targets and "USAID" not in targets


@pytest.mark.django_db
def test_closing_is_never_the_primary_button(make_case, worker, login_as, client_en):
    case = make_case()
    html = login_as(worker).get(f"/cases/{case.code}/close/").content.decode()
    assert '<button type="submit" class="danger">' in html
    detail = login_as(worker).get(f"/cases/{case.code}/").content.decode()
    assert 'class="button danger"' in detail and 'class="button" href' not in detail.replace(
        'class="button" href="/cases/' + case.code + '/purpose/"', ""
    )


@pytest.mark.django_db
def test_intake_summary_is_shown_with_a_purpose_and_audited(
    worker, intake_data, login_as, client_en
):
    from ctip.audit.models import AuditEntry
    from ctip.cases import services

    intake = services.register_intake(worker, **intake_data)
    client = login_as(worker)
    html = client.get(f"/cases/intake/{intake.pk}/").content.decode()
    assert intake_data["summary"] in html
    assert AuditEntry.objects.filter(action="cases.intake.view").count() == 1
    case = services.triage_intake(worker, intake, open_case=True)
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert intake_data["summary"] not in page  # no purpose stated yet
    client.post(f"/cases/{case.code}/purpose/", {"purpose": "preparing the referral", "next": ""})
    assert intake_data["summary"] in client.get(f"/cases/{case.code}/").content.decode()
    assert AuditEntry.objects.filter(
        action="cases.intake.view", purpose="preparing the referral"
    ).exists()


@pytest.mark.django_db
def test_every_column_of_the_case_page_has_a_header_for_screen_readers(
    make_case, worker, login_as, client_en
):
    case = make_case()
    html = login_as(worker).get(f"/cases/{case.code}/").content.decode()
    assert html.count("<table>") >= 3
    assert not re.findall(r"<th[^>]*>\s*</th>", html)
    assert '<th><span class="visually-hidden">Actions</span></th>' in html


@pytest.mark.django_db
def test_the_case_page_names_the_body_referred_to_in_full(make_case, worker, login_as, client_en):
    import datetime

    from django.utils.html import escape

    from ctip.cases import services

    case = make_case()
    police = services.ensure_agency("BP")
    services.refer_case(
        worker, case, to_agency=police, letter_number="T-1", letter_date=datetime.date(2026, 3, 3)
    )
    html = login_as(worker).get(f"/cases/{case.code}/").content.decode()
    referrals = html[html.index("<h2>Referrals</h2>") :]
    referrals = referrals[: referrals.index("</table>")]
    assert escape(f"{police.name_en} (BP)") in referrals  # not the bare abbreviation

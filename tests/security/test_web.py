import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client

from tests.security.urlwalk import all_routes, fill

XSS = "<script>alert(1)</script>"
SQL_META = ["' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE plan_itemreport; --", "%%_\\'\""]
# text search and filter parameters (numeric ones such as limit/offset may answer 400)
FILTER_PARAMS = [
    "q",
    "search",
    "status",
    "agency",
    "period",
    "item",
    "type",
    "kind",
    "plan",
    "topic",
    "ordering",
    "role",
    "tag",
]


def html_pages(world):
    """Concrete GET pages (not the admin's, not the API) for a baked world."""
    urls = []
    for route in all_routes():
        t = route.template
        if t.startswith(("/admin/", "/api/", "/i18n/", "/accounts/log")) or route.name in (
            "logout_everywhere",
            "backup_codes",
        ):
            continue
        urls.append(fill(route, world))
    return urls


def bake_with_text(payload: str) -> dict:
    """One instance of each ctip model with `payload` in every free-text field that can hold it."""
    from django.apps import apps
    from model_bakery import baker

    world = {}
    for model in apps.get_models():
        if not model.__module__.startswith("ctip.") or model._meta.app_label == "audit":
            continue
        values = {}
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, (models.CharField, models.TextField))
                and not field.choices
                and not field.primary_key
                and field.editable
                and (field.max_length is None or field.max_length >= len(payload))
                and not isinstance(field, (models.EmailField, models.URLField, models.SlugField))
            ):
                values[field.name] = payload
        for attempt in (values, {}):
            try:
                with transaction.atomic():
                    world[model] = baker.make(model, **attempt)
                break
            except Exception:  # noqa: BLE001 - a model whose invariants refuse the payload
                continue
    return world


@pytest.fixture
def xss_world(db, make_agency):
    make_agency("DMX")
    return bake_with_text(XSS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "coordinator", "case_worker"])
def test_stored_script_in_free_text_is_escaped_everywhere(role, xss_world, client_for):
    client = client_for(role)
    raw = []
    for url in html_pages(xss_world):
        response = client.get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if XSS.encode() in body:
            raw.append(url)
    assert not raw, "payload rendered unescaped on:\n" + "\n".join(raw)


@pytest.mark.django_db
def test_report_narrative_payload_is_shown_escaped(make_user, make_agency, client_for):
    from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportingPeriod

    plan = ActionPlan.objects.create(code="NAP-X", title="x", start_year=2020, end_year=2024)
    period = ReportingPeriod.objects.create(
        plan=plan, code="2022", year=2022, start="2022-01-01", end="2022-12-31"
    )
    item = PlanItem.objects.create(plan=plan, code="4.1.6", title_az=XSS)
    report = ItemReport.objects.create(
        item=item,
        agency=make_agency("DMX"),
        period=period,
        narrative=f"Təlim keçirildi {XSS} sonra",
        status="submitted",
    )
    client = client_for("coordinator")
    for url in (f"/plan/reports/{report.pk}/", f"/plan/items/{item.pk}/"):
        response = client.get(url)
        if response.status_code == 404:
            pytest.skip(f"{url} does not exist yet")
        body = response.content.decode()
        assert XSS not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url


@pytest.mark.django_db
@pytest.mark.parametrize("value", SQL_META)
def test_sql_metacharacters_in_search_and_filters_are_harmless(value, world, client_for):
    client = client_for("coordinator")
    pages = [
        fill(r, world)
        for r in all_routes()
        if "<" not in r.template
        and not r.template.startswith(("/admin/", "/i18n/"))
        and r.name not in ("logout", "logout_everywhere", "backup_codes", "login")
    ]
    problems = []
    for url in pages:
        baseline = client.get(url).status_code
        if baseline != 200:
            continue
        response = client.get(url, dict.fromkeys(FILTER_PARAMS, value))
        if url.startswith("/api/") and response.status_code == 400:
            # The API refuses parameters it does not take or values it cannot read (issue 16):
            # an answer naming them, not an error of the database.
            assert response.json()["errors"], url
            continue
        if response.status_code != 200:
            problems.append(f"{url} → {response.status_code}")
    assert not problems, "\n".join(problems)
    from ctip.plan.models import ItemReport

    ItemReport.objects.count()  # the table is still there


@pytest.mark.django_db
def test_every_state_change_needs_a_csrf_token(world, make_user):
    user = make_user("admin", is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user)
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=user, name="t")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    accepted = []
    for route in all_routes():
        if route.template.startswith("/admin/") and route.template not in (
            "/admin/",
            "/admin/accounts/user/<object_id>/change/",
        ):
            continue
        url = fill(route, world)
        for method in (client.post, client.put, client.patch, client.delete):
            response = method(url, {})
            if response.status_code != 403:
                accepted.append(f"{method.__name__.upper()} {url} → {response.status_code}")
    assert not accepted, "state change without CSRF token:\n" + "\n".join(accepted)


@pytest.fixture
def other_agency_reports(make_agency):
    from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportingPeriod

    plan = ActionPlan.objects.create(code="NAP-Y", title="y", start_year=2020, end_year=2024)
    period = ReportingPeriod.objects.create(
        plan=plan, code="2022", year=2022, start="2022-01-01", end="2022-12-31"
    )
    item = PlanItem.objects.create(plan=plan, code="2.1.1", title_az="Bənd")
    other = make_agency("DİN")
    draft = ItemReport.objects.create(
        item=item, agency=other, period=period, narrative="başqa qurumun qaralaması", status="draft"
    )
    item2 = PlanItem.objects.create(plan=plan, code="2.1.2", title_az="Bənd 2")
    submitted = ItemReport.objects.create(
        item=item2,
        agency=other,
        period=period,
        narrative="başqa qurumun hesabatı",
        status="submitted",
    )
    return draft, submitted


def _require(client, url):
    from django.urls import Resolver404, resolve

    try:
        resolve(url)
    except Resolver404:
        pytest.skip(f"{url} does not exist yet")


@pytest.mark.django_db
def test_another_agencys_draft_is_not_found_by_id(other_agency_reports, client_for):
    draft, _ = other_agency_reports
    client = client_for("focal_point", agency="DMX")
    for url in (
        f"/plan/reports/{draft.pk}/",
        f"/plan/reports/{draft.pk}/edit/",
        f"/api/v1/item-reports/{draft.pk}/",
    ):
        _require(client, url)
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/plan/reports/{draft.pk}/edit/", {"narrative": "dəyişdirildi", "version": draft.version}
    )
    assert response.status_code == 404
    response = client.patch(
        f"/api/v1/item-reports/{draft.pk}/",
        {"narrative": "dəyişdirildi", "version": draft.version},
        content_type="application/json",
    )
    assert response.status_code in (404, 405)
    draft.refresh_from_db()
    assert draft.narrative == "başqa qurumun qaralaması"


@pytest.mark.django_db
def test_another_agencys_report_cannot_be_edited(other_agency_reports, client_for):
    _, submitted = other_agency_reports
    client = client_for("focal_point", agency="DMX")
    url = f"/plan/reports/{submitted.pk}/edit/"
    _require(client, url)
    response = client.post(url, {"narrative": "dəyişdirildi", "version": submitted.version})
    assert response.status_code in (403, 404)
    submitted.refresh_from_db()
    assert submitted.narrative == "başqa qurumun hesabatı"


@pytest.mark.django_db
def test_request_bodies_over_the_upload_limit_are_refused(client_for, settings, tmp_path):
    settings.CTIP_MAX_UPLOAD_BYTES = 300 * 1024
    client = client_for("focal_point")
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4 " + b"x" * (settings.CTIP_MAX_UPLOAD_BYTES + 300 * 1024)
    )
    for url in ("/records/documents/new/", "/plan/import/", "/accounts/"):
        response = client.post(url, {"file": big})
        big.seek(0)
        assert response.status_code == 413, url
    assert not any(p.is_file() for p in tmp_path.rglob("big*"))


@pytest.mark.django_db
def test_uploads_without_a_declared_length_stop_at_the_limit(settings):
    from django.core.exceptions import RequestDataTooBig

    from ctip.core.middleware import LimitedUploadHandler

    settings.CTIP_MAX_UPLOAD_BYTES = 1000
    handler = LimitedUploadHandler()
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x" * 600, 600)


@pytest.mark.django_db
def test_uploads_under_the_limit_pass_the_limit(client_for, settings):
    settings.CTIP_MAX_UPLOAD_BYTES = 300 * 1024
    client = client_for("focal_point")
    small = SimpleUploadedFile("small.txt", b"x" * 1000)
    assert client.post("/accounts/", {"file": small}).status_code != 413

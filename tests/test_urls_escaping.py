"""Free text is escaped on every page: a script stored in any text field of any model is never
rendered as markup, for any of the roles that see the most pages (the URL configuration walked)."""

import pytest
from django.db import models, transaction

from tests.urlwalk import all_routes, fill

XSS = "<script>alert(1)</script>"


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

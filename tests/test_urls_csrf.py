"""Every state change of every page and API call needs a CSRF token in a browser session."""

import pytest
from django.test import Client

from tests.urlwalk import all_routes, fill


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

import pytest
from django.core.management import call_command


def test_openapi_schema_validates_without_warnings(tmp_path):
    """`ctip spectacular --validate --fail-on-warn` passes: every resource is typed and named."""
    out = tmp_path / "openapi.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(out),
    )
    assert '"/api/v1/item-reports/"' in out.read_text()


@pytest.mark.django_db
def test_openapi_json_is_json_and_needs_login(client, make_user, login_as):
    assert client.get("/api/v1/openapi.json").status_code in (401, 403)
    response = login_as(make_user("analyst", agency="MK")).get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/documents/" in response.json()["paths"]


@pytest.mark.django_db
def test_interactive_docs_load_under_a_strict_policy(make_user, login_as):
    client = login_as(make_user("analyst", agency="MK"))
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    policy = page["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "'sha256-" in policy
    assert "<script>" not in page.content.decode()  # the init script is a separate request
    assert client.get("/api/v1/docs/", {"script": ""}).status_code == 200

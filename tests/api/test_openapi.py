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


@pytest.mark.django_db
def test_the_schema_is_generated_once_per_language_not_per_request(
    make_user, login_as, monkeypatch
):
    """The schema is a function of the code and the language: generating it took ~100 ms of
    every request. Each language's is made once per process and served again."""
    from drf_spectacular.generators import SchemaGenerator

    from ctip.api.schema_view import SchemaView

    SchemaView.made.clear()
    made = []
    generate = SchemaGenerator.get_schema
    monkeypatch.setattr(
        SchemaGenerator, "get_schema", lambda self, **kw: made.append(1) or generate(self, **kw)
    )
    client = login_as(make_user("analyst", agency="MK"))
    first = client.get("/api/v1/openapi.json").json()
    assert client.get("/api/v1/openapi.json").json() == first
    assert len(made) == 1
    english = client.get("/api/v1/openapi.json", {"lang": "en"})
    assert english.status_code == 200 and len(made) == 2

"""Issue 16: a Python client generated from the schema with openapi-python-client builds
without warnings and works: it takes an item report through submit -> return -> resubmit ->
approve and registers a document, against a live server. A schema change that breaks real
clients fails here."""

import datetime
import importlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ctip.accounts.models import ApiToken, User
from ctip.plan.models import ItemReport
from ctip.records.models import Document

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def ctip_client(tmp_path):
    """Generate the client package into tmp_path and import it."""
    schema = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    config = tmp_path / "generator.yaml"
    config.write_text("post_hooks: []\n")  # no formatter run: the code as generated
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "ctip_client"),
            "--config",
            str(config),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Warning" not in output, output
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("ctip_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "ctip_client" or m.startswith("ctip_client.")]:
            del sys.modules[name]


def token_for(username: str) -> str:
    return ApiToken.issue(User.objects.get(username=username), second_factor=True)[1]


def test_generated_client_runs_the_review_workflow_and_registers_a_document(
    ctip_client, live_server
):
    call_command("load-demo", stdout=io.StringIO())
    from ctip_client import AuthenticatedClient
    from ctip_client.api.documents import documents_create
    from ctip_client.api.item_reports import (
        item_reports_approve_create,
        item_reports_list,
        item_reports_retrieve,
        item_reports_return_create,
        item_reports_submit_create,
    )
    from ctip_client.models import (
        ActionInputRequest,
        DocumentKindEnum,
        DocumentRequest,
        ItemReportDetail,
        ItemReportsListStatus,
    )

    focal = AuthenticatedClient(base_url=live_server.url, token=token_for("dmx_fokal"))
    coordinator = AuthenticatedClient(base_url=live_server.url, token=token_for("koordinator"))

    drafts = item_reports_list.sync(client=focal, status=ItemReportsListStatus.DRAFT, limit=50)
    report = next(r for r in drafts.results if r.agency == "DMX")
    etag = item_reports_retrieve.sync_detailed(client=focal, id=report.id).headers["etag"]

    def step(module, client, etag, comment=""):
        response = module.sync_detailed(
            client=client, id=report.id, body=ActionInputRequest(comment=comment), if_match=etag
        )
        assert isinstance(response.parsed, ItemReportDetail), response.content
        return response.parsed, response.headers["etag"]

    done, etag = step(item_reports_submit_create, focal, etag)
    assert done.status.value == "submitted"  # an enum in the client, not a string
    done, etag = step(item_reports_return_create, coordinator, etag, comment="Rəqəmləri yazın.")
    assert done.status.value == "returned"
    done, etag = step(item_reports_submit_create, focal, etag)
    done, etag = step(item_reports_approve_create, coordinator, etag)
    assert done.status.value == "approved"
    assert [t.to_status for t in done.transitions][-4:] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]
    assert ItemReport.objects.get(pk=report.id).status == "approved"

    body = DocumentRequest(
        kind=DocumentKindEnum.LETTER,
        number="16/77",
        date=datetime.date(2026, 2, 3),
        subject="Client test",
    )
    created = documents_create.sync_detailed(client=focal, body=body, idempotency_key="c-1")
    assert created.status_code == 201 and created.parsed.kind == DocumentKindEnum.LETTER
    assert Document.objects.filter(number="16/77", agency__abbr="DMX").count() == 1

"""Issue 16: the API keeps its published contract. Schemathesis generates requests from
/api/v1/openapi.json for every operation — reads and writes, valid and invalid input, and the
stateful phase following the schema's links (create -> read -> update -> workflow) — against a
live test server holding the demo data, once per role with that role's token. Zero failures.

The run is reproducible (fixed seed, deterministic generation) and bounded (MAX_EXAMPLES cases
per operation and phase). On failure the output names each failing case with a curl line.
"""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ctip.accounts.models import ApiToken, User

pytestmark = [pytest.mark.contract, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SEED = 16
MAX_EXAMPLES = int(os.environ.get("CTIP_CONTRACT_EXAMPLES", "8"))
PHASES = "examples,coverage,fuzzing,stateful"
# Demo users, one per role that calls the API differently.
ROLES = {
    "coordinator": "koordinator",  # plan catalogue, review workflow, indicators, obligations
    "focal_point": "dmx_fokal",  # own agency's reports and documents
    "case_worker": "isci",  # cases and persons (personal data, with a purpose)
    "analyst": "analitik",  # reads, masked
}
# Checks deliberately left out, each with its reason.
EXCLUDED_CHECKS = {
    # "Valid" data by the schema can still be refused by rules a schema cannot state: a slug must
    # name an agency that exists, a report must be in the right state for a workflow step,
    # "return" needs a comment. Those are 400/409 with the error body, documented per operation.
    "positive_data_acceptance": "semantic rules beyond the schema (existing agencies, states)",
    # Needs two users' tokens in one run; object access is tested by tests/security.
    "object_level_authorization": "needs two identities per run; covered by tests/security",
}
ST = Path(sys.executable).with_name("st")


@pytest.fixture
def demo_tokens(live_server):
    call_command("load-demo", stdout=io.StringIO())
    tokens = {}
    for role, username in ROLES.items():
        user = User.objects.get(username=username)
        tokens[role] = ApiToken.issue(user, second_factor=True, name="contract test")[1]
    return tokens


def schemathesis(
    schema: Path, base_url: str, token: str, report: Path
) -> subprocess.CompletedProcess:
    command = [
        str(ST),
        "run",
        str(schema),
        "--url",
        base_url,
        "-H",
        f"Authorization: Bearer {token}",
        "-H",
        "X-Access-Purpose: contract test",
        "--phases",
        PHASES,
        "--checks",
        "all",
        "--exclude-checks",
        ",".join(EXCLUDED_CHECKS),
        "--seed",
        str(SEED),
        "--generation-deterministic",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--workers",
        "1",
        "--no-color",
        "--suppress-health-check",
        "all",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=900, cwd=report.parent
    )


def cases_run(output: str) -> int:
    m = re.search(r"(\d+) generated", output)
    return int(m.group(1)) if m else 0


@pytest.mark.parametrize("role", list(ROLES))
def test_every_operation_keeps_the_contract(role, demo_tokens, live_server, tmp_path):
    schema = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    operations = sum(
        1 for ops in json.loads(schema.read_text())["paths"].values() for _method in ops
    )
    result = schemathesis(schema, live_server.url, demo_tokens[role], tmp_path / "events.ndjson")
    output = result.stdout + result.stderr
    print(output)  # shown by pytest on failure: each failing case with its curl line
    assert result.returncode == 0, f"{role}: schemathesis found failures (see output)"
    assert f"{operations} selected" in output or "operations" in output
    assert cases_run(output) > operations  # every operation got several cases

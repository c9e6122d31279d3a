"""Issue 16: the API keeps its published contract. Schemathesis generates requests from
/api/v1/openapi.json for every operation — reads and writes, valid and invalid input, and the
stateful phase following the schema's links (create -> read -> update -> workflow) — against a
live test server holding the demo data, with the token of a role that may call each operation;
then the reads again with the tokens of the other roles (masked views). Zero failures.

The runs are reproducible (fixed seed, deterministic generation) and bounded (MAX_EXAMPLES cases
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
MAX_EXAMPLES = int(os.environ.get("CTIP_CONTRACT_EXAMPLES", "5"))
STATEFUL_EXAMPLES = int(os.environ.get("CTIP_CONTRACT_SCENARIOS", "25"))
# The coverage phase (every boundary value of every parameter: thousands of requests, ~10
# minutes on a loaded CI machine) runs when asked: CTIP_CONTRACT_PHASES=examples,coverage,...
PHASES = os.environ.get("CTIP_CONTRACT_PHASES", "examples,fuzzing,stateful").split(",")
# Demo users, one per role that calls the API differently.
USERS = {
    "coordinator": "koordinator",  # plan catalogue, review workflow, indicators, obligations
    "focal_point": "dmx_fokal",  # own agency's reports and documents
    "case_worker": "isci",  # cases and persons (personal data, with a purpose)
    "analyst": "analitik",  # reads, with persons masked
}
# Who calls which operations in the full run (the first match wins; the rest: the coordinator).
CALLERS = [
    ("case_worker", {"include-path-regex": "^/api/v1/(cases|persons)/"}),
    (
        "focal_point",
        {
            "include-operation-id-regex": "^(item_reports_(partial_update|submit_create)|documents_create)$"
        },
    ),
]
# Checks deliberately left out, each with its reason.
EXCLUDED_CHECKS = {
    # Data valid by the schema can still be refused by rules a schema cannot state: a slug must
    # name an agency that exists, a report must be in the right state for a workflow step,
    # "return" needs a comment. Those answer 400/409 with the error body, documented per operation.
    "positive_data_acceptance": "semantic rules beyond the schema (existing agencies, states)",
    # Needs two identities on the same objects in one run; object access is what
    # the apps' permission tests (tests/cases/test_permissions*.py, tests/plan/test_permissions.py,
    # tests/records/test_permissions.py) test.
    "object_level_authorization": "needs two identities per object; covered by the apps' tests",
}
ST = Path(sys.executable).with_name("st")


@pytest.fixture
def demo(live_server, tmp_path):
    """The demo data, a token per role and the schema (in a file)."""
    call_command("load-demo", stdout=io.StringIO())
    tokens = {}
    for role, username in USERS.items():
        user = User.objects.get(username=username)
        tokens[role] = ApiToken.issue(user, second_factor=True, name="contract test")[1]
    schema = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    return tokens, schema


def toml_value(value) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items()) + " }"
    return json.dumps(value)  # strings, numbers, booleans and lists read the same in TOML


def write_config(path: Path, tokens: dict, *, default_role: str, callers: list) -> Path:
    """schemathesis.toml: the token per operation, the excluded checks, the coverage phase
    limited to the unexpected methods a client could plausibly send."""
    tables = {
        "": {"seed": SEED, "workers": 1, "suppress-health-check": ["all"]},
        "[generation]": {"deterministic": True, "max-examples": MAX_EXAMPLES},
        "[phases]": {},
        "[phases.coverage]": {
            "enabled": "coverage" in PHASES,
            "generate-duplicate-query-parameters": False,
            "unexpected-methods": ["PUT", "DELETE"],
        },
        "[phases.stateful]": {"max-steps": 12},
        "[phases.stateful.generation]": {"max-examples": STATEFUL_EXAMPLES},
        "[headers]": {
            "Authorization": f"Bearer {tokens[default_role]}",
            "X-Access-Purpose": "contract test",
        },
        **{f"[checks.{check}]": {"enabled": False} for check in EXCLUDED_CHECKS},
    }
    text = []
    for name, values in tables.items():
        text += [name, *(f"{k} = {toml_value(v)}" for k, v in values.items()), ""]
    for role, selector in callers:
        headers = {"Authorization": f"Bearer {tokens[role]}", "X-Access-Purpose": "contract test"}
        text += ["[[operations]]", *(f"{k} = {toml_value(v)}" for k, v in selector.items())]
        text += [f"headers = {toml_value(headers)}", ""]
    path.write_text("\n".join(text) + "\n")
    return path


def schemathesis(config: Path, schema: Path, base_url: str, *extra: str):
    command = [str(ST), "--config-file", str(config), "run", str(schema), "--url", base_url]
    command += ["--no-color", "--report", "ndjson", "--report-dir", str(config.parent), *extra]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=1200, cwd=config.parent
    )
    output = result.stdout + result.stderr
    print(output)  # shown by pytest on failure: each failing case with a curl line
    return result.returncode, output


def generated(output: str) -> int:
    m = re.search(r"(\d+) generated", output)
    return int(m.group(1)) if m else 0


def operation_count(schema: Path) -> int:
    return sum(len(ops) for ops in json.loads(schema.read_text())["paths"].values())


def test_every_operation_keeps_the_contract(demo, live_server, tmp_path):
    """All phases, every operation, each called with the token of a role that may call it."""
    tokens, schema = demo
    config = write_config(
        tmp_path / "schemathesis.toml", tokens, default_role="coordinator", callers=CALLERS
    )
    code, output = schemathesis(config, schema, live_server.url, "--phases", ",".join(PHASES))
    assert code == 0, "schemathesis found failures (see the output above)"
    operations = operation_count(schema)
    assert f"Tested: {operations}" in output  # every operation was called
    assert generated(output) >= 2 * operations
    assert re.search(r"Stateful.*\n\s*\n\s*Scenarios:\s+[1-9]", output), "no stateful scenario ran"


@pytest.mark.parametrize("role", ["analyst", "focal_point"])
def test_reads_keep_the_contract_for_other_roles(role, demo, live_server, tmp_path):
    """The reads again as roles that see less (masked persons, own agency's drafts)."""
    tokens, schema = demo
    config = write_config(tmp_path / "schemathesis.toml", tokens, default_role=role, callers=[])
    code, output = schemathesis(
        config, schema, live_server.url, "--include-method", "GET", "--phases", "examples,fuzzing"
    )
    assert code == 0, f"{role}: schemathesis found failures (see the output above)"
    assert generated(output) > 0

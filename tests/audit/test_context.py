"""Entries without an actor name the operator's command that wrote them."""

import pytest

from ctip.audit.context import running_command
from ctip.audit.services import record

pytestmark = pytest.mark.django_db


def test_an_entry_written_by_a_command_names_the_command():
    with running_command("ctip retention"):
        entry = record(None, "cases.retention.applied")
    assert entry.actor_name == "system"
    assert entry.details["command"] == "ctip retention"


def test_an_entry_outside_a_command_names_no_command():
    assert "command" not in record(None, "cases.retention.applied").details

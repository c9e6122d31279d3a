"""refer_case with an outgoing letter: the registry's entry names who acted."""

import pytest

from ctip.audit.models import AuditEntry
from ctip.cases import services

pytestmark = pytest.mark.django_db


def test_a_case_workers_referral_letter_is_registered_in_their_name(make_case, worker, make_agency):
    case = make_case()
    police = make_agency("BP")
    services.refer_case(worker, case, to_agency=police, letter_number="ÇX-17/2026")
    entry = AuditEntry.objects.get(action="records.document.register")
    assert entry.actor_id == worker.pk
    assert entry.actor_name == worker.username

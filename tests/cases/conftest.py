import datetime

import pytest


@pytest.fixture
def worker(case_worker):
    """The cases tests' name for the usual case worker (tests/conftest.py)."""
    return case_worker


@pytest.fixture
def intake_data():
    return {
        "channel": "hotline_919",
        "received_on": datetime.date(2026, 3, 2),
        "language": "az",
        "summary": "Zəng edən şəxs xaricdə iş vədi ilə aldadıldığını bildirir (uydurma).",
        "persons": [
            {
                "given_name": "Zümrüd",
                "surname": "Qəribəliyeva",
                "patronymic": "Testqızı",
                "date_of_birth": datetime.date(1999, 5, 1),
                "sex": "female",
                "citizenship": "AZ",
                "documents": ["AZE-TEST-0001"],
                "contacts": ["+994 00 000 00 00"],
                "address": "Uydurma küçəsi 1",
            }
        ],
    }


@pytest.fixture
def make_case(worker, intake_data):
    from ctip.cases import services

    def make(actor=None, **overrides):
        data = {**intake_data, **overrides}
        intake = services.register_intake(actor or worker, **data)
        return services.triage_intake(actor or worker, intake, open_case=True)

    return make

"""The registry kind of every kind the extractor gives."""

import pytest

from ctip.records.services import document_kind


@pytest.mark.parametrize(
    "extracted, kind",
    [
        ("letter", "letter"),
        ("decision", "decision"),
        ("resolution", "resolution"),
        ("order", "order"),
        ("decree", "decree"),
        ("agreement", "agreement"),
        ("law", "law"),
        ("instruction", "resolution"),
        ("protocol", "agreement"),
    ],
)
def test_every_extracted_kind_has_a_registry_kind(extracted, kind):
    assert document_kind(extracted) == kind

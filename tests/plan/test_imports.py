"""ctip.plan.imports.import_files: the one bulk-import loop of the command and the web job."""

from pathlib import Path

import pytest

from ctip.plan import imports
from ctip.plan.models import Agency, ItemReport
from tests.plan.test_import_reports import _report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def test_import_files_yields_one_outcome_per_file_in_order_with_the_names_given(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(_report("Dövlət Miqrasiya Xidməti", 2022, ["4.1.3"]), encoding="utf-8")
    letter = tmp_path / "b.txt"
    letter.write_text("Hörmətli həmkarlar,\n\nməktubunuz alınmışdır.\n", encoding="utf-8")
    broken = tmp_path / "c.docx"
    broken.write_bytes(b"PK\x03\x04 not really a document")
    assert not Agency.objects.exists()  # loaded by the loop on an empty installation
    done = imports.import_files([good, letter, broken], dry_run=False, names={good: "dmx-2022.txt"})
    outcomes = list(done)
    assert [o.file for o in outcomes] == ["dmx-2022.txt", str(letter), str(broken)]
    assert outcomes[0].ok and outcomes[0].agency == "DMX" and outcomes[0].status == "imported"
    assert outcomes[1].refused and not outcomes[1].failed
    assert outcomes[2].failed and outcomes[2].status.startswith("failed")
    assert ItemReport.objects.get().item.code == "4.1.3"


def test_refused_file_is_refused_not_failed():
    outcome = imports.refused_file("README.md")
    assert outcome.refused and not outcome.failed
    assert outcome.status == "refused: not a report file"
    assert not imports.is_report_file(Path("README.md"))
    assert imports.is_report_file(Path("hesabat.DOCX"))

"""Issue 11, point 7: untrusted files are read outside the web worker, within limits.

The attack: a 61 KB crafted PDF or a 6 MB DOCX uploaded to the web import made a server worker
grow to 2 GB and time out, and every reload of the preview read the file again. The crafted files
are generated here (see crafted.py); nothing big is committed.
"""

import resource
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.translation import gettext, override

from tests.core.crafted_documents import (
    entity_bomb_docx,
    huge_docx,
    pdf_with_content,
    text_bomb_pdf,
)
from tests.uploads import preview_url, run_upload_job

TOO_COMPLEX = "This file is too complex to read."
REPORT = (
    "4.1.6-cı yarımbənd üzrə (Sınaq yarımbəndi):\n"
    "2022-ci il ərzində 14 uydurma maarifləndirmə tədbiri keçirilmişdir.\n"
)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture
def coordinator_client(db, make_user, login_as):
    from ctip.plan.services import sync_agencies

    sync_agencies()
    return login_as(make_user("coordinator", "DMX"))


@pytest.fixture
def nothing_read_here(monkeypatch):
    """Any attempt to read an uploaded file in this (the web worker's) process fails the test."""
    import ctip.extraction.core as core
    import ctip.extraction.readers as readers

    def refuse(*args, **kwargs):
        raise AssertionError("an uploaded file was read inside the web worker")

    for name in ("read_any", "read_document", "read_pdf", "read_docx", "read_text"):
        monkeypatch.setattr(readers, name, refuse)
    monkeypatch.setattr(core, "read_document", refuse)


def _upload(client, name: str, data: bytes):
    return client.post(
        "/plan/import/",
        {
            "file": SimpleUploadedFile(name, data),
            "plan": "NAP-2020-2024",
            "agency": "DMX",
            "period": "2022",
            "status": "submitted",
        },
    )


@pytest.mark.django_db
@pytest.mark.slow
@pytest.mark.parametrize(
    "name, make",
    [("report.pdf", text_bomb_pdf), ("report.docx", huge_docx), ("laughs.docx", entity_bomb_docx)],
)
def test_crafted_upload_is_refused_clearly_and_the_worker_stays_small(
    name, make, coordinator_client, nothing_read_here, settings
):
    data = make()
    settings.CTIP_MAX_UPLOAD_BYTES = max(settings.CTIP_MAX_UPLOAD_BYTES, len(data) + 1)
    before = _maxrss_mb()
    job = run_upload_job(_upload(coordinator_client, name, data))
    assert job.status == "failed" and not job.result_url
    body = coordinator_client.get(f"/jobs/{job.pk}/").content.decode()
    with override("az"):
        assert escape(gettext(TOO_COMPLEX)) in body
    assert _maxrss_mb() - before < 150, "the web process grew while the file was read"
    assert "/confirm/" not in body
    assert coordinator_client.get("/plan/").status_code == 200


@pytest.mark.django_db
def test_preview_reads_the_stored_result_and_never_extracts_again(coordinator_client, monkeypatch):
    from ctip.plan.models import ItemReport

    preview = preview_url(_upload(coordinator_client, "report.txt", REPORT.encode()))

    def no_child(*args, **kwargs):
        raise AssertionError("the preview started a process to read the file again")

    monkeypatch.setattr(subprocess, "Popen", no_child)
    import ctip.extraction.core as core

    monkeypatch.setattr(core, "read_document", no_child)
    for _reload in range(2):
        page = coordinator_client.get(preview)
        assert page.status_code == 200
        assert "4.1.6" in page.content.decode() and "/confirm/" in page.content.decode()
    done = coordinator_client.post(preview.rstrip("/") + "/confirm/")
    assert done.status_code == 302
    assert ItemReport.objects.filter(item__code="4.1.6", agency__abbr="DMX").exists()


@pytest.fixture
def tight(settings):
    settings.CTIP_EXTRACT_MEMORY_MB = 384
    settings.CTIP_EXTRACT_CPU_SECONDS = 3
    settings.CTIP_EXTRACT_TIMEOUT_SECONDS = 15
    settings.CTIP_EXTRACT_OUTPUT_BYTES = 1024 * 1024


@pytest.mark.slow
def test_a_file_that_passes_the_structure_checks_still_hits_the_limits(tight, tmp_path):
    from ctip.core import sandbox

    heavy = tmp_path / "heavy.pdf"
    heavy.write_bytes(pdf_with_content(b"BT /F1 1 Tf 0 0 Td (" + b"A" * 3_000_000 + b") Tj ET"))
    with pytest.raises(sandbox.TooComplex):
        sandbox.extract_file(heavy)


@pytest.mark.parametrize(
    "mode, wall, broken",
    [
        ("memory", 60, "memory"),
        ("cpu", 60, "signal"),
        ("output", 60, "output"),
        ("sleep", 2, "timeout"),
    ],
)
def test_each_limit_stops_a_misbehaving_child(mode, wall, broken, tight, settings):
    from ctip.core import sandbox

    settings.CTIP_EXTRACT_CPU_SECONDS = 1
    settings.CTIP_EXTRACT_TIMEOUT_SECONDS = wall
    with pytest.raises(sandbox.TooComplex) as stopped:
        sandbox.run_child("tests.core.misbehaving_child", [mode], sandbox.Limits.from_settings())
    assert stopped.value.reason == broken


def test_a_well_behaved_child_returns_its_output(tight):
    from ctip.core import sandbox

    out = sandbox.run_child("tests.core.misbehaving_child", ["ok"], sandbox.Limits.from_settings())
    assert out == b'{"ok": true}'


def test_the_child_s_progress_lines_reach_on_line_whole_beside_its_output(tight):
    from ctip.core import sandbox

    heard = []
    out = sandbox.run_child(
        "tests.core.misbehaving_child",
        ["progress"],
        sandbox.Limits.from_settings(),
        on_line=heard.append,
    )
    assert heard == ["ocr 1 2", "ocr 2 2"]
    assert out == b'{"ok": true}'


def test_a_child_that_cannot_start_leaves_no_pipe_open(tight, monkeypatch):
    import os

    from ctip.core import sandbox

    def cannot_start(*args, **kwargs):
        raise OSError("no such interpreter")

    monkeypatch.setattr(sandbox.subprocess, "Popen", cannot_start)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        with pytest.raises(OSError):
            sandbox.run_child(
                "tests.core.misbehaving_child",
                ["ok"],
                sandbox.Limits.from_settings(),
                on_line=lambda line: None,
            )
    assert len(os.listdir("/proc/self/fd")) == before


def test_the_child_gets_no_secrets(tight, monkeypatch, settings):
    from ctip.core import sandbox

    env = sandbox.child_environment()
    assert not any(k.startswith("CTIP_") or k.startswith("DJANGO") for k in env)
    assert settings.SECRET_KEY not in "".join(env.values())


def test_only_well_formed_page_lines_from_the_child_move_the_progress():
    from ctip.core.sandbox import _ocr_lines

    heard = []
    on_line = _ocr_lines(lambda done, total: heard.append((done, total)))
    for line in ["ocr 0 3", "ocr 1 3", "ocr 4 3", "ocr -1 3", "ocr x 3", "hello 2 3", "ocr 2 3 9"]:
        on_line(line)
    assert heard == [(0, 3), (1, 3)]


def test_progress_lines_past_the_cap_are_ignored():
    from ctip.core.sandbox import PROGRESS_BYTES, _Lines

    heard = []
    lines = _Lines(-1, heard.append)
    lines.feed(b"ocr 1 2\nocr 2")
    lines.feed(b" 2\n")
    lines.feed(b"x" * PROGRESS_BYTES + b"\nocr 3 3\n")
    assert heard == ["ocr 1 2", "ocr 2 2"]

"""Issue 11, point 9: the database, uploads, logs and keys are private to ctip's own user, even
when the service manager leaves the usual umask of 022 (world-readable files)."""

import os
import stat
import subprocess

import pytest

from tests.security.installation import CTIP, Installation

pytestmark = pytest.mark.slow

SAVE_UPLOAD_AND_LOG = (
    "import logging; from django.core.files.base import ContentFile; "
    "from django.core.files.storage import default_storage; "
    "print(default_storage.save('records/2026/akt.pdf', ContentFile(b'%PDF-1.4 x'))); "
    "logging.getLogger('ctip').warning('a line for the log')"
)


def run_with_umask_022(inst: Installation, *args) -> None:
    result = subprocess.run(
        [*CTIP, *args],
        env=inst.env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_ctip_creates_are_private_to_its_user(tmp_path):
    inst = Installation(tmp_path / "data")
    inst.root.rmdir()  # ctip creates the data directory itself
    run_with_umask_022(inst, "migrate", "--noinput")
    run_with_umask_022(inst, "shell", "--no-imports", "-c", SAVE_UPLOAD_AND_LOG)
    created = [inst.root, *inst.root.rglob("*")]
    assert inst.db in created and (inst.root / "logs" / "ctip.log") in created
    assert (inst.root / "uploads" / "records" / "2026" / "akt.pdf") in created
    loose = [f"{p} {oct(mode(p))}" for p in created if mode(p) & 0o077]
    assert not loose, "readable by others:\n" + "\n".join(loose)

import os
import subprocess
import sys
from pathlib import Path

import pytest

CTIP = [sys.executable, "-m", "ctip"]


class Installation:
    """A separate ctip installation (SQLite in a temp data dir) driven through the `ctip` command."""

    def __init__(self, root: Path):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.db = root / "ctip.sqlite3"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("CTIP_") and k != "DJANGO_SETTINGS_MODULE"
        }
        self.env.update(
            CTIP_DATA_DIR=str(root),
            CTIP_DATABASE_URL=f"sqlite:///{self.db}",
            CTIP_BACKUP_PASSPHRASE="a long test passphrase",
        )

    def run(self, *args, check=True, **env) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*CTIP, *args], env={**self.env, **env}, capture_output=True, text=True, timeout=300
        )
        if check and result.returncode != 0:
            raise AssertionError(f"ctip {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def popen(self, *args, **env) -> subprocess.Popen:
        return subprocess.Popen(
            [*CTIP, *args],
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def shell(self, code: str) -> str:
        return self.run("shell", "--no-imports", "-c", code).stdout


@pytest.fixture
def installation(tmp_path):
    """Factory: `installation("a")` is a fresh installation under tmp_path/a (not migrated)."""
    return lambda name: Installation(tmp_path / name)


@pytest.fixture(scope="module")
def module_installation(tmp_path_factory):
    """Factory for installations shared by the tests of one module (read-only use)."""
    return lambda name: Installation(tmp_path_factory.mktemp(name))

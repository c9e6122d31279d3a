"""A separate ctip installation (SQLite in its own data dir) driven through the `ctip` command,
for tests that need a process of their own: missing keys, file modes, killed backups, restore,
concurrent writers, the server. The fixtures that make them live in tests/core/conftest.py."""

import os
import subprocess
import sys
from pathlib import Path

CTIP = [sys.executable, "-m", "ctip"]


class Installation:
    """One data directory and the environment its processes get: the runner's, without any
    CTIP_ variable, DJANGO_SETTINGS_MODULE or TMPDIR (a test that watches temporary files
    names its own), with this installation's data dir, database and backup passphrase."""

    def __init__(self, root: Path):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.db = root / "ctip.sqlite3"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("CTIP_") and k not in ("DJANGO_SETTINGS_MODULE", "TMPDIR")
        }
        self.env.update(
            CTIP_DATA_DIR=str(root),
            CTIP_DATABASE_URL=f"sqlite:///{self.db}",
            CTIP_BACKUP_PASSPHRASE="a long test passphrase",
        )

    def run(self, *args, check=True, **env) -> subprocess.CompletedProcess:
        """`ctip ARGS` to its end; a failure fails the test unless `check=False`."""
        return self._run([*CTIP, *args], f"ctip {' '.join(args)}", check, env)

    def python(self, code: str, *args, check=True, **env) -> subprocess.CompletedProcess:
        """Python `code` (with `args` as sys.argv[1:]) in a fresh process of this installation."""
        env = {"DJANGO_SETTINGS_MODULE": "ctip.settings", **env}
        return self._run([sys.executable, "-c", code, *args], "python", check, env)

    def popen(self, *args, **env) -> subprocess.Popen:
        """`ctip ARGS` started and left running (a server, a writer to race), text pipes."""
        return subprocess.Popen(
            [*CTIP, *args],
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def shell(self, code: str) -> str:
        """The output of `code` run by `ctip shell`."""
        return self.run("shell", "--no-imports", "-c", code).stdout

    def _run(
        self, argv: list[str], what: str, check: bool, env: dict
    ) -> subprocess.CompletedProcess:
        result = subprocess.run(
            argv, env={**self.env, **env}, capture_output=True, text=True, timeout=300
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{what} failed:\n{result.stdout}\n{result.stderr}")
        return result

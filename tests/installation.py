"""A separate ctip installation (SQLite in its own data dir) driven through the `ctip` command,
for attacks that need a process of their own: missing keys, file modes, killed backups."""

import os
import subprocess
import sys
from pathlib import Path

CTIP = [sys.executable, "-m", "ctip"]


class Installation:
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
        result = subprocess.run(
            [*CTIP, *args], env={**self.env, **env}, capture_output=True, text=True, timeout=300
        )
        if check and result.returncode != 0:
            raise AssertionError(f"ctip {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def python(self, code: str, check=True, **env) -> subprocess.CompletedProcess:
        """Run Python code in a fresh process with this installation's environment."""
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "ctip.settings", **env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"python failed:\n{result.stdout}\n{result.stderr}")
        return result

    def shell(self, code: str) -> str:
        return self.run("shell", "--no-imports", "-c", code).stdout

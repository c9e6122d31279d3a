"""`ctip serve`: run ctip under gunicorn with several workers; WhiteNoise serves static files."""

import hashlib
import importlib.util
import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    return settings.CTIP_WORKERS or min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = "Serve ctip with gunicorn (collects static files first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=settings.CTIP_BIND,
            help="address:port to listen on (default 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default 2 × CPUs + 1, at most 9)",
        )
        parser.add_argument("--timeout", type=int, default=60)
        parser.add_argument(
            "--access-log", action="store_true", help="log each request to standard output"
        )
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args, bind, workers, timeout, access_log, no_collectstatic, **options):
        if workers is not None and workers < 1:
            raise CommandError("--workers must be at least 1", returncode=2)
        if not no_collectstatic:
            collect_static_if_needed(self.stdout)
        gunicorn = [sys.executable, "-m", "gunicorn"]
        if shutil.which("gunicorn") is None and not _has_gunicorn():
            raise CommandError("gunicorn is not installed", returncode=2)
        argv = [
            *gunicorn,
            "ctip.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers or default_workers()),
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "20",
            "--max-requests",
            "2000",
            "--max-requests-jitter",
            "200",
            "--no-control-socket",
            "--worker-tmp-dir",
            "/dev/shm" if os.path.isdir("/dev/shm") else str(settings.DATA_DIR),
        ]
        if access_log:
            argv += ["--access-logfile", "-"]
        self.stdout.write(
            f"serving ctip on http://{bind}/ with {workers or default_workers()} workers"
        )
        self.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
        os.execv(sys.executable, argv)


def static_fingerprint() -> str:
    """A digest of every static source file's path, size and time: changes when any file does."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_needed(stdout) -> None:
    """Run collectstatic unless STATIC_ROOT already holds exactly the current static files."""
    stamp = Path(settings.STATIC_ROOT) / ".ctip-collected"
    fingerprint = static_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    stdout.write("collecting static files…")
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)


def _has_gunicorn() -> bool:
    return importlib.util.find_spec("gunicorn") is not None

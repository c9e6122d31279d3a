"""The installation's secret keys, found, checked and — only for a new installation — made.

Three keys protect stored data: the field keys seal personal data (ctip.cases.crypto), the
blind-index key makes names searchable (ctip.cases.blindindex), the audit key chains the audit
log (ctip.audit). Each comes from its environment variable (read by settings.py) or from its file
in the data directory.

A key file that is missing is made only while no stored data depends on that key (an empty or
new database): this keeps `make run` and a first `ctip migrate` simple. Once data depends on a key,
a missing, unreadable or damaged file stops ctip with one line saying what is missing and how to
restore it; a new key would silently make the old data unreadable (or the audit log unverifiable).
The apps that own the data register what "depends" means (`register`, from their AppConfig).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection


class KeyConfigError(Exception):
    """A key that ctip cannot use; the message is one line for the operator."""


@dataclass(frozen=True)
class KeySpec:
    name: str  # "field", "blind_index", "audit"
    label: str  # for messages: "the field keys of personal data"
    setting: str  # settings attribute holding a value from the environment (or None)
    file_setting: str  # settings attribute holding the file's path
    env: str  # the environment variable that can hold the key instead of the file
    tables: tuple[str, ...]  # tables whose rows depend on the key
    validate: Callable[[str], str | None]  # an error text, or None when the value is usable
    extra_check: Callable[[], bool] | None = None  # further condition for "data depends on it"


_specs: dict[str, KeySpec] = {}
_cache: dict[str, str] = {}


def register(spec: KeySpec) -> None:
    _specs[spec.name] = spec


def new_secret() -> str:
    """32 random bytes, urlsafe base64: the form of every key ctip makes."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def key_path(name: str) -> Path:
    return Path(getattr(settings, _specs[name].file_setting))


def get(name: str) -> str:
    """The key's text: from the environment (settings) if given, else from its file."""
    spec = _specs[name]
    configured = getattr(settings, spec.setting, None)
    if configured:
        return ",".join(configured) if isinstance(configured, list | tuple) else configured
    path = key_path(name)
    cached = _cache.get(str(path))
    if cached is None:
        cached = _cache[str(path)] = _read_or_make(spec, path)
    return cached


def _advice(spec: KeySpec) -> str:
    return (
        f"restore it from your key backup (docs/operations.md, Keys) or set {spec.env}; "
        "`ctip keys generate` is only for a new installation"
    )


def _read_or_make(spec: KeySpec, path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        if data_depends_on(spec):
            raise KeyConfigError(
                f"{path} is missing ({spec.label}), and stored data depends on it: {_advice(spec)}"
            ) from None
        return write_new_key(spec, path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise KeyConfigError(f"{path} cannot be read ({reason}): {_advice(spec)}") from None
    problem = spec.validate(text)
    if problem:
        raise KeyConfigError(f"{path} is damaged ({spec.label}: {problem}): {_advice(spec)}")
    return text


def write_new_key(spec: KeySpec, path: Path) -> str:
    """Make the key file (mode 0600, never over an existing one) and return the key."""
    value = new_secret()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it a moment ago: use theirs
        return _read_or_make(spec, path)
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return value


def data_depends_on(spec: KeySpec) -> bool:
    """True when a table that needs this key has rows (or when that cannot be told)."""
    try:
        existing = set(connection.introspection.table_names())
        for table in spec.tables:
            if table not in existing:
                continue
            with connection.cursor() as cur:
                cur.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cur.fetchone() is not None:
                    return spec.extra_check() if spec.extra_check else True
    except DatabaseError as exc:
        raise KeyConfigError(
            f"{key_path(spec.name)} is missing ({spec.label}) and the database cannot be asked "
            f"whether data depends on it ({_first_line(exc)}): {_advice(spec)}"
        ) from None
    return False


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def missing() -> list[str]:
    """Names of the registered keys given neither in the environment nor by an existing file."""
    return [
        n
        for n, s in _specs.items()
        if not getattr(settings, s.setting, None) and not key_path(n).exists()
    ]


def ensure_all() -> None:
    """Load every registered key (making the files of a new installation); KeyConfigError else."""
    for name in _specs:
        get(name)


def generate_for_new_installation() -> list[Path]:
    """`ctip keys generate`: write the missing key files; refuse where data depends on a key."""
    written = []
    for name in missing():
        spec = _specs[name]
        path = key_path(name)
        if data_depends_on(spec):
            raise KeyConfigError(
                f"{path} is missing ({spec.label}), but stored data depends on it, so this is "
                f"not a new installation and a new key would not fit that data: {_advice(spec)}"
            )
        write_new_key(spec, path)
        written.append(path)
    return written


def forget_cache() -> None:
    """For tests that replace key files: read them again on next use."""
    _cache.clear()

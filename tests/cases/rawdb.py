"""Shared by the privacy tests: the forms a name may take, and the whole database as raw bytes."""

from django.db import connection

from ctip.cases import blindindex


def name_forms(*names: str) -> set[str]:
    """A name as typed, lower/upper case, folded (search key) and its folded tokens (4+ chars)."""
    out = set()
    for n in names:
        out |= {n, n.lower(), n.upper(), blindindex.normalize(n)}
        out |= set(blindindex.normalize(n).split())
    return {f for f in out if len(f) >= 4}


def raw_database(tmp_path) -> tuple[str, bytes]:
    """(SQL dump, bytes of a VACUUM INTO copy plus any WAL) of the SQLite test database."""
    dump = "\n".join(connection.connection.iterdump())
    raw_file = tmp_path / "copy.sqlite3"
    with connection.cursor() as cur:
        cur.execute("VACUUM INTO %s", [str(raw_file)])
    raw = raw_file.read_bytes()
    wal = raw_file.with_name(raw_file.name + "-wal")
    if wal.exists():
        raw += wal.read_bytes()
    return dump, raw


def assert_absent(secrets: set[str], dump: str, raw: bytes) -> None:
    for s in secrets:
        assert s not in dump, s
        assert s.encode("utf-8") not in raw, s
        assert s.encode("utf-16-le") not in raw, s

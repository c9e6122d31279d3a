"""Encrypted, consistent backups of a ctip installation: the database plus uploaded files.

File format (all integers big-endian):

    b"CTIPBAK1" | salt (16) | scrypt n-log2 (1) | check (32) | chunk*
    chunk = length (4) | AES-256-GCM ciphertext of up to 1 MiB of the tar stream (+16-byte tag)

The key comes from a passphrase through scrypt with the salt. `check` is the GCM encryption of a
fixed text under the key, so a wrong passphrase is told apart from a damaged file. Each chunk's
nonce is its index; its associated data is the header, the index and a final flag, so chunks cannot
be reordered, dropped or the file truncated without detection.

The tar inside holds `manifest.json`, the database (`database.sqlite3`, made with SQLite's online
backup API, or `database.pgdump`, PostgreSQL's custom format from pg_dump) and `uploads/…`.
Personal-data encryption keys (CTIP_FIELD_KEYS / field.keys) and the secret key are NOT included.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CTIPBAK1"
CHUNK = 1024 * 1024
SCRYPT_LOG_N = 15
_CHECK_TEXT = b"ctip backup key check"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one clear line for the operator."""


# --- Encryption -------------------------------------------------------------------------------


def derive_key(passphrase: str, salt: bytes, log_n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log_n, r=8, p=1).derive(passphrase.encode())


def _nonce(index: int) -> bytes:
    return struct.pack(">IQ", 0, index)


class EncryptingWriter(io.RawIOBase):
    """A write-only stream that encrypts what is written to it into `out` in chunks."""

    def __init__(self, out, passphrase: str):
        self.out = out
        salt = os.urandom(16)
        self.key = AESGCM(derive_key(passphrase, salt, SCRYPT_LOG_N))
        self.header = MAGIC + salt + bytes([SCRYPT_LOG_N])
        check = self.key.encrypt(b"\xff" * 12, _CHECK_TEXT, self.header)
        out.write(self.header + check)
        self.buffer = bytearray()
        self.index = 0

    def writable(self):
        return True

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._emit(bytes(self.buffer[:CHUNK]), final=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, *, final: bool):
        aad = self.header + struct.pack(">QB", self.index, final)
        sealed = self.key.encrypt(_nonce(self.index), plain, aad)
        self.out.write(struct.pack(">I", len(sealed)) + sealed)
        self.index += 1

    def close(self):
        if not self.closed:
            self._emit(bytes(self.buffer), final=True)
            self.buffer.clear()
        super().close()


def decrypt_to(src: Path, passphrase: str, dest) -> None:
    """Decrypt and authenticate the whole file `src` into the writable `dest`."""
    with open(src, "rb") as fh:
        header = fh.read(len(MAGIC) + 17)
        if len(header) < len(MAGIC) + 17 or not header.startswith(MAGIC):
            raise BackupError(f"{src} is not a ctip backup (or it is damaged)")
        salt, log_n = header[len(MAGIC) : -1], header[-1]
        if not 10 <= log_n <= 22:
            raise BackupError(f"{src} is damaged (bad header)")
        key = AESGCM(derive_key(passphrase, salt, log_n))
        check = fh.read(len(_CHECK_TEXT) + 16)
        try:
            if key.decrypt(b"\xff" * 12, check, header) != _CHECK_TEXT:
                raise InvalidTag
        except InvalidTag:
            raise BackupError(
                "wrong passphrase for this backup (or its header is damaged)"
            ) from None
        index, final = 0, False
        while True:
            size_bytes = fh.read(4)
            if not size_bytes:
                break
            if final:
                raise BackupError(f"{src} is damaged (data after the last chunk)")
            (size,) = struct.unpack(">I", size_bytes.rjust(4, b"\0"))
            sealed = fh.read(size)
            if len(size_bytes) < 4 or len(sealed) != size or size > CHUNK + 16:
                raise BackupError(f"{src} is damaged or truncated")
            for flag in (False, True):
                try:
                    plain = key.decrypt(
                        _nonce(index), sealed, header + struct.pack(">QB", index, flag)
                    )
                except InvalidTag:
                    continue
                final = flag
                break
            else:
                raise BackupError(f"{src} is damaged (chunk {index} fails authentication)")
            dest.write(plain)
            index += 1
        if not final:
            raise BackupError(f"{src} is truncated (the last chunk is missing)")


# --- Passphrase ---------------------------------------------------------------------------------


def read_passphrase(passphrase_file: str | None) -> str:
    if passphrase_file:
        try:
            value = Path(passphrase_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise BackupError(f"cannot read the passphrase file: {exc.strerror}") from None
    else:
        value = os.environ.get("CTIP_BACKUP_PASSPHRASE", "").strip()
    if not value:
        raise BackupError(
            "no passphrase: set CTIP_BACKUP_PASSPHRASE or pass --passphrase-file FILE"
        )
    if len(value) < 12:
        raise BackupError("the backup passphrase must be at least 12 characters long")
    return value


# --- Database snapshot ------------------------------------------------------------------------


def _pg_env(db: dict) -> tuple[list[str], dict]:
    env = {**os.environ}
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} is not installed (Debian: apt-get install postgresql-client); "
            "it must match the server's major version"
        )
    return path


def snapshot_database(workdir: Path, connection) -> str:
    """Write a consistent copy of the live database into workdir; return its file name."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = workdir / "database.sqlite3"
        source = sqlite3.connect(db["NAME"], timeout=60)
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)  # online and consistent, even while others write
        finally:
            dest.close()
            source.close()
        return target.name
    if connection.vendor == "postgresql":
        target = workdir / "database.pgdump"
        args, env = _pg_env(db)
        cmd = [
            _need("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
            *args,
            db["NAME"],
        ]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(
                "pg_dump failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]
            )
        return target.name
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def create_backup(path: Path, passphrase: str, *, connection, media_root: Path) -> dict:
    """Snapshot the database and uploads into an encrypted file at `path` (written atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ctip-backup-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o700)
        db_file = snapshot_database(work, connection)
        files = (
            sorted(p for p in Path(media_root).rglob("*") if p.is_file())
            if Path(media_root).is_dir()
            else []
        )
        manifest = {
            "format": 1,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "vendor": connection.vendor,
            "database": db_file,
            "uploads": len(files),
        }
        partial = path.with_name(path.name + ".partial")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                writer = EncryptingWriter(out, passphrase)
                with tarfile.open(fileobj=writer, mode="w|") as tar:
                    data = json.dumps(manifest, indent=1).encode()
                    info = tarfile.TarInfo("manifest.json")
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
                    tar.add(work / db_file, arcname=db_file)
                    for file in files:
                        tar.add(file, arcname="uploads/" + file.relative_to(media_root).as_posix())
                writer.close()
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, path)
        finally:
            if partial.exists():
                partial.unlink()
    return manifest


# --- Restore ------------------------------------------------------------------------------------


def unpack_backup(path: Path, passphrase: str, workdir: Path) -> dict:
    """Decrypt, authenticate and unpack the backup into workdir; return its manifest."""
    plain = workdir / "backup.tar"
    fd = os.open(plain, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        decrypt_to(Path(path), passphrase, out)
    try:
        with tarfile.open(plain, mode="r:") as tar:
            tar.extractall(workdir / "x", filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"the backup's contents are unreadable: {exc}") from None
    finally:
        plain.unlink()
    try:
        manifest = json.loads((workdir / "x" / "manifest.json").read_text())
    except (OSError, ValueError):
        raise BackupError("the backup has no readable manifest") from None
    if manifest.get("format") != 1 or not (workdir / "x" / manifest.get("database", "?")).is_file():
        raise BackupError("the backup is incomplete (no database inside)")
    return manifest


def restore_database(unpacked: Path, manifest: dict, connection) -> None:
    db = connection.settings_dict
    source = unpacked / manifest["database"]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"this backup is of a {manifest['vendor']} database; the installation "
            f"uses {connection.vendor}"
        )
    if connection.vendor == "sqlite":
        target = Path(db["NAME"])
        check = sqlite3.connect(source)
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("the database inside the backup fails SQLite's integrity check")
        finally:
            check.close()
        connection.close()
        staged = target.with_name(target.name + ".restoring")
        shutil.copyfile(source, staged)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
        return
    if connection.vendor == "postgresql":
        args, env = _pg_env(db)
        connection.close()
        cmd = [
            _need("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            *args,
            "--dbname",
            db["NAME"],
            str(source),
        ]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(
                "pg_restore failed (nothing was changed): "
                + (result.stderr.strip().splitlines() or ["?"])[-1]
            )
        return
    raise BackupError(f"restoring into {connection.vendor} is not supported")


def restore_uploads(unpacked: Path, media_root: Path, *, keep_old: bool) -> int:
    """Move the restored uploads into place; the old directory is kept aside if asked."""
    media_root = Path(media_root)
    source = unpacked / "uploads"
    if not source.is_dir():
        source.mkdir()
    count = sum(1 for p in source.rglob("*") if p.is_file())
    if media_root.exists():
        if keep_old and any(media_root.iterdir()):
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{stamp}"))
        else:
            shutil.rmtree(media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(source), str(media_root))
    return count

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
No plaintext copy of the database or of an upload is ever written under a name on disk, so a
backup or restore killed half-way (`kill -9`) leaves none behind.
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
from typing import IO

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
        key, header = _read_header(fh, src, passphrase)
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
            plain, final = _open_chunk(key, header, index, sealed, src)
            dest.write(plain)
            index += 1
        if not final:
            raise BackupError(f"{src} is truncated (the last chunk is missing)")


def _read_header(fh, src: Path, passphrase: str) -> tuple[AESGCM, bytes]:
    """Read the header and the passphrase check; the key and the header (each chunk's
    associated data starts with it). A damaged header or a wrong passphrase is a BackupError."""
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
        raise BackupError("wrong passphrase for this backup (or its header is damaged)") from None
    return key, header


def _open_chunk(
    key: AESGCM, header: bytes, index: int, sealed: bytes, src: Path
) -> tuple[bytes, bool]:
    """Chunk `index` decrypted, and whether it is sealed as the last one."""
    for flag in (False, True):
        try:
            plain = key.decrypt(_nonce(index), sealed, header + struct.pack(">QB", index, flag))
        except InvalidTag:
            continue
        return plain, flag
    raise BackupError(f"{src} is damaged (chunk {index} fails authentication)")


# --- Passphrase ---------------------------------------------------------------------------------


def read_passphrase(passphrase_file: str | None, configured: str = "") -> str:
    """The passphrase from `passphrase_file` if given, else the configured one
    (settings.CTIP_BACKUP_PASSPHRASE, which the commands pass)."""
    if passphrase_file:
        try:
            value = Path(passphrase_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise BackupError(f"cannot read the passphrase file: {exc.strerror}") from None
    else:
        value = configured.strip()
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


def _sqlite_image(path: str) -> bytes:
    """A consistent copy of a live SQLite database, made in memory (SQLite's online backup API,
    even while others write): nothing is written to disk in plain."""
    source = sqlite3.connect(path, timeout=60)
    memory = sqlite3.connect(":memory:")
    try:
        source.backup(memory)
        return memory.serialize()
    finally:
        memory.close()
        source.close()


def snapshot_database(connection) -> tuple[str, IO[bytes], int]:
    """A consistent copy of the live database: (name in the backup, readable file, size).

    The copy never has a name on disk: SQLite's is held in memory, pg_dump's goes into an
    unnamed temporary file — so a backup killed half-way (`kill -9`) leaves no plaintext behind."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        image = _sqlite_image(db["NAME"])
        return "database.sqlite3", io.BytesIO(image), len(image)
    if connection.vendor == "postgresql":
        args, env = _pg_env(db)
        cmd = [_need("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args]
        dump = tempfile.TemporaryFile()  # unnamed: gone with the process, whatever happens
        result = subprocess.run([*cmd, db["NAME"]], env=env, stdout=dump, stderr=subprocess.PIPE)
        if result.returncode != 0:
            dump.close()
            stderr = result.stderr.decode(errors="replace").strip().splitlines() or ["?"]
            raise BackupError("pg_dump failed: " + stderr[-1])
        size = dump.seek(0, os.SEEK_END)  # pg_dump ends by rewriting its table of contents
        dump.seek(0)
        return "database.pgdump", dump, size
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def _write_tar(out, passphrase: str, manifest: dict, database, media_root: Path, files) -> None:
    writer = EncryptingWriter(out, passphrase)
    name, fileobj, size = database
    with tarfile.open(fileobj=writer, mode="w|") as tar:
        data = json.dumps(manifest, indent=1).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo(name)
        info.size, info.mode = size, 0o600
        tar.addfile(info, fileobj)
        for file in files:
            tar.add(file, arcname="uploads/" + file.relative_to(media_root).as_posix())
    writer.close()


def create_backup(path: Path, passphrase: str, *, connection, media_root: Path) -> dict:
    """Snapshot the database and uploads into an encrypted file at `path` (written atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(media_root)
    database = snapshot_database(connection)
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
    manifest = {
        "format": 1,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "database": database[0],
        "uploads": len(files),
    }
    partial = path.with_name(path.name + ".partial")  # encrypted from its first byte
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            _write_tar(out, passphrase, manifest, database, media_root, files)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    finally:
        database[1].close()
        if partial.exists():
            partial.unlink()
    return manifest


# --- Restore ------------------------------------------------------------------------------------
#
# The backup is decrypted into an unnamed temporary file (it has no name on disk, so a restore
# killed half-way leaves no plaintext copy) and read from there as a tar. SQLite is restored
# through its backup API into the live file (all or nothing), PostgreSQL by pg_restore reading
# the dump from the unnamed file; uploads go straight to their place.


def unpack_backup(path: Path, passphrase: str, plain) -> tuple[dict, tarfile.TarFile]:
    """Decrypt and authenticate the whole backup into `plain` (an unnamed temporary file);
    return its manifest and the tar to read the rest from."""
    decrypt_to(Path(path), passphrase, plain)
    plain.flush()
    plain.seek(0)
    try:
        tar = tarfile.open(fileobj=plain, mode="r:")
        manifest = json.loads(tar.extractfile("manifest.json").read())
    except (tarfile.TarError, KeyError, AttributeError, OSError, ValueError):
        raise BackupError("the backup has no readable manifest") from None
    try:
        database = tar.getmember(str(manifest.get("database", "?")))
    except KeyError:
        database = None
    if manifest.get("format") != 1 or database is None or not database.isfile():
        raise BackupError("the backup is incomplete (no database inside)")
    return manifest, tar


def _restore_sqlite(image: bytes, target: Path) -> None:
    image = bytearray(image)
    if image[18:20] == b"\x02\x02":
        image[18:20] = b"\x01\x01"  # a WAL-mode header cannot be opened in memory
    memory = sqlite3.connect(":memory:")
    try:
        try:
            memory.deserialize(bytes(image))
            ok = memory.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            raise BackupError("the database inside the backup fails SQLite's integrity check")
        live = sqlite3.connect(target, timeout=60)
        try:
            memory.backup(live)  # one transaction: the live file is replaced all or nothing
        finally:
            live.close()
    finally:
        memory.close()


def _restore_postgresql(tar: tarfile.TarFile, member: str, db: dict, workdir: Path) -> None:
    args, env = _pg_env(db)
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
    ]
    with tempfile.TemporaryFile(dir=workdir) as dump:  # unnamed
        shutil.copyfileobj(tar.extractfile(member), dump)
        dump.flush()
        dump.seek(0)
        # pg_restore needs to seek in a custom-format archive, which it does not on standard
        # input: it opens the unnamed file through /dev/fd instead.
        fd = dump.fileno()
        result = subprocess.run(
            [*cmd, f"/dev/fd/{fd}"], env=env, pass_fds=(fd,), capture_output=True, text=True
        )
    if result.returncode != 0:
        raise BackupError(
            "pg_restore failed (nothing was changed): "
            + (result.stderr.strip().splitlines() or ["?"])[-1]
        )


def restore_database(tar: tarfile.TarFile, manifest: dict, connection, workdir: Path) -> None:
    db = connection.settings_dict
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"this backup is of a {manifest['vendor']} database; the installation "
            f"uses {connection.vendor}"
        )
    connection.close()
    if connection.vendor == "sqlite":
        _restore_sqlite(tar.extractfile(manifest["database"]).read(), Path(db["NAME"]))
        return
    if connection.vendor == "postgresql":
        _restore_postgresql(tar, manifest["database"], db, workdir)
        return
    raise BackupError(f"restoring into {connection.vendor} is not supported")


def _upload_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        if member.name.startswith("uploads/") and member.isfile():
            yield member


def restore_uploads(tar: tarfile.TarFile, media_root: Path, *, keep_old: bool) -> int:
    """Put the backup's uploads in place; the old directory is kept aside if asked."""
    media_root = Path(media_root)
    if media_root.exists():
        if keep_old and any(media_root.iterdir()):
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{stamp}"))
        else:
            shutil.rmtree(media_root)
    media_root.mkdir(mode=0o700, parents=True)
    members = list(_upload_members(tar))

    def strip_prefix(member, dest):
        return tarfile.data_filter(member.replace(name=member.name[len("uploads/") :]), dest)

    try:
        tar.extractall(media_root, members=members, filter=strip_prefix)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"the backup's uploaded files are unreadable: {exc}") from None
    return len(members)

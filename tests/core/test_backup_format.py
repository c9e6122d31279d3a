import io
import struct

import pytest

from ctip.core import backup


def encrypt(data: bytes, passphrase="a long test passphrase") -> bytes:
    out = io.BytesIO()
    writer = backup.EncryptingWriter(out, passphrase)
    writer.write(data)
    writer.close()
    return out.getvalue()


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 64)
    monkeypatch.setattr(backup, "SCRYPT_LOG_N", 10)


def decrypt(blob: bytes, tmp_path, passphrase="a long test passphrase") -> bytes:
    path = tmp_path / "b"
    path.write_bytes(blob)
    out = io.BytesIO()
    backup.decrypt_to(path, passphrase, out)
    return out.getvalue()


def chunks(blob: bytes):
    """Split an encrypted blob into (prefix, [chunk records])."""
    pos = len(backup.MAGIC) + 17 + len(backup._CHECK_TEXT) + 16
    prefix, records = blob[:pos], []
    while pos < len(blob):
        (size,) = struct.unpack(">I", blob[pos : pos + 4])
        records.append(blob[pos : pos + 4 + size])
        pos += 4 + size
    return prefix, records


def test_round_trip_over_many_chunks(tmp_path):
    data = bytes(range(256)) * 3 + b"tail"
    blob = encrypt(data)
    assert len(chunks(blob)[1]) > 5
    assert decrypt(blob, tmp_path) == data


def test_empty_payload_round_trips(tmp_path):
    assert decrypt(encrypt(b""), tmp_path) == b""


def test_reordered_chunks_are_detected(tmp_path):
    prefix, records = chunks(encrypt(bytes(300)))
    records[0], records[1] = records[1], records[0]
    with pytest.raises(backup.BackupError, match="damaged"):
        decrypt(prefix + b"".join(records), tmp_path)


def test_dropping_the_last_chunk_is_detected(tmp_path):
    prefix, records = chunks(encrypt(bytes(300)))
    with pytest.raises(backup.BackupError, match="truncated"):
        decrypt(prefix + b"".join(records[:-1]), tmp_path)


def test_wrong_passphrase_is_named(tmp_path):
    with pytest.raises(backup.BackupError, match="wrong passphrase"):
        decrypt(encrypt(b"x" * 100), tmp_path, passphrase="not the right one")


def test_short_passphrases_are_refused():
    with pytest.raises(backup.BackupError, match="at least 12"):
        backup.read_passphrase(None, "short")

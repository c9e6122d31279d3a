"""The arithmetic of the keyed audit chain, shared by the model, the services and the migration
that keyed the old chain.

Each entry's hash is HMAC-SHA256, under the audit key, of its canonical payload — its sequence
number, time, actor, action, object, purpose, details and the previous entry's hash. Someone who
can write to the database but does not hold the key cannot make an edited entry, or a recomputed
chain, fit again. The key lives outside the database (ctip.core.keys: `CTIP_AUDIT_KEY` or the
data directory's `audit.key`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from ctip.core import keys

GENESIS = "0" * 64


@dataclass
class Problem:
    """Something wrong with the chain: at an entry, or (entry_id None) with the chain as a whole."""

    entry_id: int | None
    message: str


@dataclass
class ChainEnd:
    """What the walk saw: how many entries, the last one's number and hash."""

    count: int = 0
    seq: int = 0
    hash: str = GENESIS


def canonical(values) -> str:
    return json.dumps(
        values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )


def entry_payload(
    *, seq, at, actor_id, actor_name, action, object_type, object_id, purpose, details, prev_hash
) -> str:
    """The text an entry's hash covers (everything but the hash itself and the row id)."""
    return canonical(
        [
            seq,
            at.isoformat(),
            actor_id,
            actor_name,
            action,
            object_type,
            object_id,
            purpose,
            details,
            prev_hash,
        ]
    )


def mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def plain_sha256(text: str) -> str:
    """The unkeyed hash of the old chain; verify uses it to recognise a chain recomputed
    without the key."""
    return hashlib.sha256(text.encode()).hexdigest()


def head_mac(key: bytes, seq: int, last_hash: str) -> str:
    return mac(key, f"head|{seq}|{last_hash}")


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(str(a), str(b))


def audit_key() -> bytes:
    return keys.get("audit").encode()

"""Field-level authenticated encryption for personal data (AES-256-GCM).

A sealed value is text: ``e1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>``.

* keys come from ``CTIP_FIELD_KEYS`` or the data directory's ``field.keys`` (ctip.core.keys;
  urlsafe-base64 32-byte keys, newest first, separated by commas or lines);
  the key id is the first 8 hex digits of SHA-256 over the key, so a value sealed under an
  older key still opens while that key is listed;
* the nonce is 96 random bits, fresh for every sealing;
* the associated data binds a value to its table, column and the row's stable uuid, so a
  ciphertext copied into another row or another column fails to open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from ctip.core import keys

PREFIX = "e1"


class KeyError_(Exception):
    """The key configuration is unusable (bad base64, wrong length, empty)."""


class DecryptionError(Exception):
    """A sealed value could not be opened: unknown key, tampered, or moved between rows."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def parse_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode() + b"=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise KeyError_("a field key is not valid urlsafe base64") from exc
    if len(key) != 32:
        raise KeyError_(f"a field key must be 32 bytes, got {len(key)}")
    return key


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def split_keys(text: str) -> list[str]:
    return [k.strip() for k in text.replace("\n", ",").split(",") if k.strip()]


def keyring_problem(text: str) -> str | None:
    """Why `text` is not a usable list of field keys, or None."""
    try:
        if not split_keys(text):
            raise KeyError_("no key")
        for token in split_keys(text):
            parse_key(token)
    except KeyError_ as exc:
        return str(exc)
    return None


def keyring() -> list[tuple[str, bytes]]:
    """(key id, key) pairs, newest (the one used for sealing) first."""
    raw = split_keys(keys.get("field"))
    if not raw:
        raise KeyError_("CTIP_FIELD_KEYS is empty")
    return [(key_id(k), k) for k in (parse_key(t) for t in raw)]


def current_key_id() -> str:
    return keyring()[0][0]


def seal(plaintext: str, aad: str) -> str:
    kid, key = keyring()[0]
    nonce = os.urandom(12)
    ct = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), aad.encode("utf-8"))
    return f"{PREFIX}.{kid}.{base64.urlsafe_b64encode(nonce + ct).decode().rstrip('=')}"


def sealed_key_id(token: str) -> str | None:
    parts = token.split(".", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def open_sealed(token: str, aad: str) -> str:
    parts = token.split(".", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("not a sealed value")
    keys = dict(keyring())
    key = keys.get(parts[1])
    if key is None:
        raise DecryptionError(f"sealed under key {parts[1]}, which is not in CTIP_FIELD_KEYS")
    blob = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
    try:
        return AESGCM(key).decrypt(blob[:12], blob[12:], aad.encode("utf-8")).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("sealed value failed authentication (tampered or moved)") from exc


# --- model fields --------------------------------------------------------------------------------


class Sealed(str):
    """The stored ciphertext as read from the database (not yet opened)."""

    __slots__ = ()


class EncryptedAttribute(DeferredAttribute):
    """Opens the sealed value on first access, with the row's uuid as associated data."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            value = self.field.open_value(instance, value)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        # A data descriptor, so reads always pass through __get__ (and open sealed values).
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Text sealed with AES-GCM. The model must have a `uid` UUID field (the associated data).

    Never filter on it: the database holds only ciphertext. Empty values are stored empty.
    """

    descriptor_class = EncryptedAttribute

    def aad(self, instance) -> str:
        uid = getattr(instance, "uid", None)
        if not uid:
            raise ValueError(f"{type(instance).__name__} needs a uid to seal {self.name}")
        return f"{instance._meta.db_table}.{self.column}.{uid}"

    def to_plain(self, value):
        return "" if value is None else str(value)

    def from_plain(self, text: str):
        return text

    def empty(self):
        return ""

    def open_value(self, instance, token: Sealed):
        if not token:
            return self.empty()
        return self.from_plain(open_sealed(str(token), self.aad(instance)))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.empty()
        return Sealed(value)

    def pre_save(self, model_instance, add):
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, Sealed):
            return str(value)
        text = self.to_plain(value)
        if text == "":
            return ""
        return seal(text, self.aad(model_instance))

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            return str(value)
        if isinstance(value, str) and (value == "" or value.startswith(PREFIX + ".")):
            return value
        raise TypeError("encrypted fields are sealed in pre_save and cannot be used in lookups")

    def to_python(self, value):
        return value

    def value_to_string(self, obj):  # serialization (dumpdata) keeps the ciphertext
        return obj.__dict__.get(self.attname) or ""


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (list/dict) sealed like EncryptedTextField."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def to_plain(self, value):
        if value in (None, "", [], {}):
            return ""
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_plain(self, text):
        return json.loads(text)

    def empty(self):
        return None

    def get_default(self):
        return None

    def formfield(self, **kwargs):
        return forms.JSONField(**{"required": False, **kwargs})


def encrypted_fields(model) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]

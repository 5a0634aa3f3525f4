"""Sole traders' personal identity numbers, encrypted with AES-GCM (ADR 0003).

Stored as `version ‖ 96-bit nonce ‖ ciphertext+tag`. The application's id is authenticated as
associated data, so a ciphertext copied onto another row does not decrypt.
"""

import base64
import binascii
import hashlib
import logging
import os
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from identity.config import IdentitySettings
from servicekit.serve import ConfigurationError

_VERSION = b"\x01"
_NONCE_BYTES = 12
# Outside production only: a fixed, public key, so local data survives restarts. Never protects real data.
_DEV_KEY = hashlib.sha256(b"installer-portal identity development personal-number key").digest()
_log = logging.getLogger(__name__)
_warned = False


class PersonalNumberCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the personal-number key must be 32 bytes")
        self._aead = AESGCM(key)

    def encrypt(self, personal_number: str, *, context: uuid.UUID) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, personal_number.encode(), context.bytes)

    def decrypt(self, sealed: bytes, *, context: uuid.UUID) -> str:
        if sealed[:1] != _VERSION:
            raise ValueError("unknown personal-number ciphertext version")
        nonce, ciphertext = sealed[1 : 1 + _NONCE_BYTES], sealed[1 + _NONCE_BYTES :]
        return self._aead.decrypt(nonce, ciphertext, context.bytes).decode()


def personal_number_cipher(settings: IdentitySettings) -> PersonalNumberCipher:
    """From IDENTITY_PERSONAL_NUMBER_KEY; without one (never in production) the development key."""
    if settings.personal_number_key is None:
        _warn_dev_key_once()
        return PersonalNumberCipher(_DEV_KEY)
    try:
        key = base64.b64decode(settings.personal_number_key.get_secret_value(), validate=True)
        return PersonalNumberCipher(key)
    except (binascii.Error, ValueError):
        raise ConfigurationError(
            "IDENTITY_PERSONAL_NUMBER_KEY must be 32 random bytes, base64-encoded"
        ) from None


def _warn_dev_key_once() -> None:
    global _warned
    if not _warned:
        _warned = True
        _log.warning(
            "IDENTITY_PERSONAL_NUMBER_KEY is not set: personal numbers are encrypted with the public "
            "development key (never acceptable in production)"
        )

"""Sealed values: personal data that must pass through Kafka (a project import's rows) travels as a
Fernet token (AES-128-CBC with HMAC-SHA256, timestamped) under keys only the producing and consuming
services hold. Brokers, dead-letter topics and logs see ciphertext only.

Keys rotate: the first key seals, every key opens, so a new key is added first everywhere, then moved to
the front, and the old one dropped once no sealed event older than the topics' retention remains."""

import json
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from pydantic import SecretStr

# For development and tests only; production refuses it (ServiceSettings' placeholder check names it).
DEVELOPMENT_SEALING_KEYS = "EyWO4BHi-fSUOYShy0vSjb2WX5kz2k5rQH8UWlLxJ10="


class SealBroken(ValueError):
    """The token was not sealed by any of our keys, or was altered."""


class Sealer:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("a sealer needs at least one key")
        self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])

    @classmethod
    def from_setting(cls, keys: SecretStr) -> "Sealer":
        """From a comma-separated setting: the first key seals, all open."""
        return cls([key for key in keys.get_secret_value().split(",") if key.strip()])

    def seal(self, value: Any) -> str:
        return self._fernet.encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()

    def open(self, token: str) -> Any:
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken:
            raise SealBroken("the sealed value was not made with any of this service's keys") from None

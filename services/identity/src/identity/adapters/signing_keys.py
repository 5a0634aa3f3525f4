"""Identity's Ed25519 signing keys: sign access tokens with the current one, publish all in the JWKS.

The current key comes from a PEM file (a mounted Secret in production); previous keys stay published
until every token they signed has expired, so a rotation logs nobody out (ADR 0003).
"""

import base64
import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: uuid.UUID
    role: str
    team_id: uuid.UUID | None
    dso_id: str | None
    language: str
    session_id: uuid.UUID | None
    name: str = ""  # shown as who acted (histories, notes) without asking identity


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def create_private_key_file(path: Path) -> Ed25519PrivateKey:
    """Development only: a new key written with owner-only permissions."""
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    path.chmod(0o600)
    return key


class TokenSigner:
    def __init__(
        self,
        current: Ed25519PrivateKey,
        previous: list[Ed25519PublicKey],
        *,
        issuer: str,
        audience: str,
        lifetime: timedelta,
    ) -> None:
        self._key = current
        self._kid = key_id(current.public_key())
        self._published = [current.public_key(), *previous]
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime

    def sign(self, claims: AccessClaims, now: datetime | None = None) -> str:
        issued = now or datetime.now(UTC)
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": str(claims.user_id),
            "role": claims.role,
            "team": str(claims.team_id) if claims.team_id else None,
            "dso": claims.dso_id,
            "lang": claims.language,
            "name": claims.name,
            "sid": str(claims.session_id) if claims.session_id else None,
            "iat": issued,
            "exp": issued + self.lifetime,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(payload, self._key, algorithm="EdDSA", headers={"kid": self._kid})

    def jwks(self) -> dict[str, Any]:
        return {
            "keys": [
                {
                    "kty": "OKP",
                    "crv": "Ed25519",
                    "alg": "EdDSA",
                    "use": "sig",
                    "kid": key_id(public),
                    "x": _b64(
                        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
                    ),
                }
                for public in self._published
            ]
        }

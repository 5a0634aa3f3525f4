"""Access tokens for testing a service on its own: a key pair of the test's, tokens shaped exactly as
identity issues them, and the key set to install in the service under test (`app.state.jwks_verifier`)."""

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

from servicekit.auth import JwksVerifier


@dataclass
class TestTokenIssuer:
    issuer: str = "installer-portal-identity"
    audience: str = "installer-portal"
    key_id: str = "test-key"
    _key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    __test__ = False  # not a test class, whatever its name says

    def jwks(self) -> dict[str, Any]:
        public = OKPAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.key_id, "use": "sig", "alg": "EdDSA"}]}

    def trusted_by(self, verifier: JwksVerifier) -> None:
        verifier.use_keys(self.jwks())

    def token(
        self,
        role: str,
        *,
        dso_id: str | None = None,
        team_id: uuid.UUID | None = None,
        user_id: uuid.UUID | None = None,
        seconds: int = 300,
        name: str = "",
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "sub": str(user_id or uuid.uuid4()),
            "role": role,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "exp": now + seconds,
            "lang": "sv",
            "name": name,
        }
        if dso_id:
            claims["dso"] = dso_id
        if team_id:
            claims["team"] = str(team_id)
        return jwt.encode(claims, self._key, algorithm="EdDSA", headers={"kid": self.key_id})

    def headers(self, role: str, **claims: Any) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token(role, **claims)}"}

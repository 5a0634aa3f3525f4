"""Services follow identity's published keys over real HTTP: a key withdrawn from the JWKS (a leak, the
end of a rotation) stops being accepted once the held set is older than its maximum age; an identity
that does not answer neither logs anyone out (the held keys stay) nor leaves a service without keys for
longer than it is down."""

import asyncio
import time
import uuid
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, Response
from jwt.algorithms import OKPAlgorithm

from servicekit.auth import JwksVerifier
from servicekit.problems import ServiceUnavailable, Unauthorized
from servicekit.testing.server import running_app

pytestmark = pytest.mark.integration

ISSUER, AUDIENCE = "installer-portal-identity", "installer-portal"
OLD, NEW = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
MAX_AGE = 0.5


class Identity:
    """Publishes a JWKS that the test changes, or answers 503 as if it were down."""

    def __init__(self) -> None:
        self.published = {"old": OLD, "new": NEW}
        self.down = False
        self.app = FastAPI()
        self.app.get("/.well-known/jwks.json")(self.jwks)

    async def jwks(self) -> Any:
        if self.down:
            return Response(status_code=503)
        return {"keys": [_public(key_id, key) for key_id, key in self.published.items()]}


def _public(key_id: str, key: Ed25519PrivateKey) -> dict[str, Any]:
    return {**OKPAlgorithm.to_jwk(key.public_key(), as_dict=True), "kid": key_id, "alg": "EdDSA"}


def _token(key_id: str, key: Ed25519PrivateKey) -> str:
    now = int(time.time())
    claims = {"sub": str(uuid.uuid4()), "role": "installer", "iss": ISSUER, "aud": AUDIENCE}
    claims |= {"iat": now, "exp": now + 300}
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": key_id})


def _verifier(base_url: str, min_refetch: float = 0.05) -> JwksVerifier:
    return JwksVerifier(
        f"{base_url}/.well-known/jwks.json",
        issuer=ISSUER,
        audience=AUDIENCE,
        min_refetch_seconds=min_refetch,
        max_age_seconds=MAX_AGE,
    )


async def test_a_withdrawn_key_is_refused_once_the_held_set_has_aged() -> None:
    identity = Identity()
    async with running_app(identity.app, ready_path="/.well-known/jwks.json") as base_url:
        verifier = _verifier(base_url)
        old_token, new_token = _token("old", OLD), _token("new", NEW)
        await verifier.verify(old_token)
        await verifier.verify(new_token)

        del identity.published["old"]
        await asyncio.sleep(MAX_AGE + 0.2)

        with pytest.raises(Unauthorized, match="unknown key"):
            await verifier.verify(old_token)
        assert (await verifier.verify(new_token)).role == "installer"


async def test_an_identity_that_does_not_answer_logs_nobody_out() -> None:
    identity = Identity()
    async with running_app(identity.app, ready_path="/.well-known/jwks.json") as base_url:
        verifier = _verifier(base_url)
        token = _token("new", NEW)
        await verifier.verify(token)

        identity.down = True
        await asyncio.sleep(MAX_AGE + 0.2)
        assert (await verifier.verify(token)).role == "installer"  # the held keys, not a 503


async def test_a_service_without_keys_tries_again_as_soon_as_identity_answers() -> None:
    identity = Identity()
    identity.down = True
    async with running_app(identity.app, ready_path=None) as base_url:
        verifier = _verifier(base_url, min_refetch=30.0)
        token = _token("new", NEW)
        with pytest.raises(ServiceUnavailable):
            await verifier.verify(token)

        identity.down = False
        assert (await verifier.verify(token)).role == "installer"  # no 30 s of refusals after the outage

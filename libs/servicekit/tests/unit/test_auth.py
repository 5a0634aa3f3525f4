"""Access tokens are checked against identity's key set: signature, issuer, audience, expiry, role."""

import time
import uuid
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from jwt.algorithms import OKPAlgorithm

from servicekit.auth import CurrentPrincipal, JwksVerifier, Principal, Role, require_roles
from servicekit.problems import Unauthorized, install_problem_handlers

ISSUER, AUDIENCE = "installer-portal-identity", "installer-portal"
KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()


def _jwks() -> dict[str, Any]:
    public = OKPAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
    return {"keys": [{**public, "kid": "k1", "use": "sig", "alg": "EdDSA"}]}


def _token(key: Ed25519PrivateKey = KEY, **overrides: Any) -> str:
    now = int(time.time())
    claims = {
        "sub": str(uuid.uuid4()),
        "role": "installer",
        "team": str(uuid.uuid4()),
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 300,
        **overrides,
    }
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": "k1"})


def _verifier() -> JwksVerifier:
    verifier = JwksVerifier("http://127.0.0.1:9/unused", issuer=ISSUER, audience=AUDIENCE)
    verifier.use_keys(_jwks())
    return verifier


async def test_a_valid_token_gives_the_principal() -> None:
    principal = await _verifier().verify(_token(role="team_admin", dso=None))
    assert principal.role is Role.TEAM_ADMIN and principal.team_id is not None


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (lambda: _token(exp=int(time.time()) - 5), "expired"),
        (lambda: _token(key=OTHER_KEY), "not valid"),
        (lambda: _token(aud="someone-else"), "not valid"),
        (lambda: _token(iss="evil"), "not valid"),
        (lambda: _token(role="superuser"), "not valid"),
        (lambda: "not-a-token", "malformed"),
    ],
)
async def test_bad_tokens_are_refused(token: Any, reason: str) -> None:
    with pytest.raises(Unauthorized, match=reason):
        await _verifier().verify(token())


def test_routes_check_the_role() -> None:
    app = FastAPI()
    app.state.jwks_verifier = _verifier()
    install_problem_handlers(app)

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"role": principal.role}

    @app.get("/dso-only")
    async def dso_only(principal: Principal = Depends(require_roles(Role.DSO_ADMIN))) -> dict[str, str]:  # noqa: B008
        return {"ok": "yes"}

    client = TestClient(app)
    assert client.get("/me").status_code == 401
    headers = {"Authorization": f"Bearer {_token()}"}
    assert client.get("/me", headers=headers).json() == {"role": "installer"}
    forbidden = client.get("/dso-only", headers=headers)
    assert forbidden.status_code == 403 and "dso_admin" in forbidden.json()["detail"]

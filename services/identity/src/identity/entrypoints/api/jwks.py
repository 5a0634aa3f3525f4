"""The public keys that verify identity's access tokens."""

from typing import Any

from fastapi import APIRouter, Request, Response

router = APIRouter(tags=["tokens"])


@router.get("/.well-known/jwks.json")
async def jwks(request: Request, response: Response) -> dict[str, Any]:
    """Current and previous signing keys (JWKS, RFC 7517); cache for five minutes."""
    response.headers["cache-control"] = "public, max-age=300"
    keys: dict[str, Any] = request.app.state.token_signer.jwks()
    return keys

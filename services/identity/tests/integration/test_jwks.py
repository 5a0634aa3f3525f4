"""Every service can verify identity's tokens from the published JWKS alone."""

from collections.abc import Callable

import httpx
import pytest

from identity.domain.user import Role, User
from servicekit.auth import JwksVerifier
from servicekit.auth import Role as PrincipalRole
from servicekit.problems import Unauthorized

from .conftest import MakeTeam, MakeUser

pytestmark = pytest.mark.integration


async def test_a_token_verifies_against_the_published_keys(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, token_for: Callable[[User], str]
) -> None:
    team = await make_team()
    user = await make_user(Role.TEAM_ADMIN, team=team)
    async with httpx.AsyncClient(base_url=identity_url) as client:
        jwks = (await client.get("/.well-known/jwks.json")).json()
    assert [key["kty"] for key in jwks["keys"]] == ["OKP"]
    assert all("d" not in key for key in jwks["keys"])  # never the private part

    verifier = JwksVerifier(
        f"{identity_url}/.well-known/jwks.json",
        issuer="installer-portal-identity",
        audience="installer-portal",
    )
    principal = await verifier.verify(token_for(user))
    assert principal.user_id == user.id
    assert principal.role is PrincipalRole.TEAM_ADMIN
    assert principal.team_id == team.id
    assert principal.dso_id == "sundkraft"

    forged = token_for(user)[:-4] + "AAAA"
    with pytest.raises(Unauthorized):
        await verifier.verify(forged)

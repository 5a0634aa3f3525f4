"""Every authentication and every refused authorisation leaves a log line an operator can follow, and no
log line holds a password, a personal identity number or an e-mail address."""

import logging
from collections.abc import Iterator

import httpx
import pytest

from identity.domain.user import Role

from .application_helpers import PERSONAL_NUMBER, application_data, certificate, submit
from .conftest import TEST_PASSWORD, MakeTeam, MakeUser, bearer
from .login_helpers import fresh_ip, log_in

pytestmark = pytest.mark.integration


class LogLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def having(self, *words: str) -> list[str]:
        return [line for line in self.lines if all(word in line for word in words)]


@pytest.fixture
def logs(identity_url: str) -> Iterator[LogLines]:
    """What identity logs during the test (listening after the service set up its logging)."""
    handler = LogLines()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


async def test_logins_and_refusals_are_logged_without_secrets(
    identity_url: str, make_team: MakeTeam, make_user: MakeUser, logs: LogLines
) -> None:
    team = await make_team()
    installer = await make_user(Role.INSTALLER, team=team)
    ip = fresh_ip()
    async with httpx.AsyncClient(base_url=identity_url) as client:
        assert (await log_in(client, installer.email, "Fel lösenord 12345", ip)).status_code == 401
        assert (await log_in(client, "ingen@example.com", "Fel lösenord 67890", ip)).status_code == 401
        signed_in = await log_in(client, installer.email, TEST_PASSWORD, ip)
        assert signed_in.status_code == 201
        token = signed_in.json()["access_token"]
        refused = await client.get(f"/teams/{team.id}/resources", headers=bearer(token))
        assert refused.status_code == 403
        applied = await submit(
            client,
            application_data(sole_trader="true", personal_number=PERSONAL_NUMBER),
            certificate(),
        )
        assert applied.status_code == 201, applied.text

    assert len(logs.having("login failed", ip)) == 2
    assert logs.having("login succeeded", str(installer.id), ip)
    assert [line for line in logs.lines if "refused" in line and str(installer.id) in line]
    everything = "\n".join(logs.lines)
    for secret in (
        "Fel lösenord",
        TEST_PASSWORD,
        PERSONAL_NUMBER,
        PERSONAL_NUMBER.replace("-", ""),
        installer.email,
        "ingen@example.com",
        token,
    ):
        assert secret not in everything, f"a log line holds {secret!r}"

"""Installer names come from identity's user events: on new cases, on earlier ones once the event arrives,
and after a rename, in what the free text finds."""

import uuid

import pytest

from cases.entrypoints.consumers.people import people_handlers
from contracts import EventEnvelope
from contracts.events.identity import UserCreatedV1, UserUpdatedV1
from contracts.payload import EventPayload

from .case_helpers import addresses_in, create_case
from .conftest import CasesApi, Team, UowFactory

pytestmark = pytest.mark.integration


async def _deliver(uow_factory: UowFactory, payload: EventPayload) -> None:
    envelope = EventEnvelope.wrap(payload, key=str(uuid.uuid4()), source="identity", tenant="sundkraft")
    handler = people_handlers()[envelope.type]
    async with uow_factory() as uow:
        await handler(envelope, uow)
        await uow.commit()


def _created(team: Team, user_id: uuid.UUID, name: str) -> UserCreatedV1:
    return UserCreatedV1(
        user_id=user_id,
        role="installer",
        team_id=team.id,
        dso_id=team.dso_id,
        name=name,
        email=f"{user_id.hex[:8]}@example.com",
        language="sv",
        authorisations=["electricity"],
    )


async def test_names_follow_identitys_events(api: CasesApi, uow_factory: UowFactory) -> None:
    team = Team("sundkraft")
    early, later = addresses_in(api.gis.network, "sundkraft", 2)
    before = await create_case(api, team.installer(), at=early)  # identity's event has not arrived yet
    assert before["installer_name"] == ""

    await _deliver(uow_factory, _created(team, team.installer_id, "Erik Elström"))
    after = await create_case(api, team.installer(), at=later)
    assert after["installer_name"] == "Erik Elström"
    refreshed = (await api.client.get(f"/cases/{before['id']}", headers=team.installer())).json()
    assert refreshed["installer_name"] == "Erik Elström" and refreshed["version"] == before["version"]

    await _deliver(
        uow_factory,
        UserUpdatedV1(
            user_id=team.installer_id,
            team_id=team.id,
            name="Erik Ström",
            email="erik@example.com",
            authorisations=["electricity"],
        ),
    )
    drafts = (await api.client.get("/drafts", params={"q": "ström"}, headers=team.installer())).json()
    assert drafts["total"] == 2 and {i["installer_name"] for i in drafts["items"]} == {"Erik Ström"}
    assert (await api.client.get("/drafts", params={"q": "elström"}, headers=team.installer())).json()[
        "total"
    ] == 0

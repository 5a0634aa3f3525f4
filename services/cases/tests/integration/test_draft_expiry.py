"""Drafts are warned about after 12 days without a change and deleted after 14; time is moved, not slept."""

from datetime import timedelta

import pytest

from cases.service_layer.draft_expiry import expire_drafts

from .case_helpers import addresses_in, create_case, filled_case, submit
from .conftest import CasesApi, Team, UowFactory
from .outbox_helpers import events_of

pytestmark = pytest.mark.integration


async def test_a_draft_is_warned_about_once_then_deleted_and_a_change_restarts_its_time(
    api: CasesApi, uow_factory: UowFactory
) -> None:
    team = Team("sundkraft")
    first, second = addresses_in(api.gis.network, "sundkraft", 2)
    left = await create_case(api, team.installer(), at=first)
    touched = await create_case(api, team.installer(), at=second)

    api.clock.advance(timedelta(days=11, hours=23))
    assert (await expire_drafts(uow_factory, api.clock())).warned == 0
    changed = await api.client.patch(
        f"/cases/{touched['id']}",
        json={"version": 1, "values": {"comment": "still on it"}},
        headers=team.installer(),
    )
    assert changed.status_code == 200

    api.clock.advance(timedelta(hours=2))  # 12 days and 1 hour after creation
    run = await expire_drafts(uow_factory, api.clock())
    assert (run.warned, run.deleted) == (1, 0)
    assert (await expire_drafts(uow_factory, api.clock())).warned == 0  # once per change, not every run
    warning = [e for e in await events_of(uow_factory, left["id"]) if e["type"] == "case.draft_expiring.v1"]
    assert len(warning) == 1
    assert warning[0]["payload"]["installer_id"] == str(team.installer_id)
    assert warning[0]["payload"]["expires_at"].startswith("2026-12-07T09:00")

    listed = (await api.client.get("/drafts", headers=team.installer())).json()
    assert {item["id"]: item["expires_at"][:10] for item in listed["items"]} == {
        left["id"]: "2026-12-07",
        touched["id"]: "2026-12-19",  # 14 days after its change on day 11 at 23:00
    }

    api.clock.advance(timedelta(days=2))  # 14 days and 1 hour after creation
    run = await expire_drafts(uow_factory, api.clock())
    assert (run.warned, run.deleted) == (0, 1)
    assert (await api.client.get(f"/cases/{left['id']}", headers=team.installer())).status_code == 404
    assert (await api.client.get(f"/cases/{touched['id']}", headers=team.installer())).status_code == 200

    api.clock.advance(timedelta(days=10))  # the touched one: 12 days after its change
    assert (await expire_drafts(uow_factory, api.clock())).warned == 1
    deleted = [e for e in await events_of(uow_factory, left["id"]) if e["type"] == "case.draft_deleted.v1"]
    assert deleted[0]["payload"]["expired"] is True


async def test_sent_cases_never_expire(api: CasesApi, uow_factory: UowFactory) -> None:
    team = Team("sundkraft")
    sent = (
        await submit(
            api,
            team.installer(),
            await filled_case(api, team.installer(), addresses_in(api.gis.network, "sundkraft")[0]),
        )
    ).json()

    api.clock.advance(timedelta(days=400))
    run = await expire_drafts(uow_factory, api.clock())

    assert (run.warned, run.deleted) == (0, 0)
    assert (await api.client.get(f"/cases/{sent['id']}", headers=team.installer())).status_code == 200

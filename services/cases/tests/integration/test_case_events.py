"""Every change of a case leaves its event in the outbox, in the transaction of the change, and no event
carries a personal identity number."""

import json

import pytest

from .case_helpers import addresses_in, filled_case, move, submit
from .conftest import CasesApi, Team, UowFactory, dso_handler
from .outbox_helpers import events_of

pytestmark = pytest.mark.integration


async def test_created_submitted_and_status_changed_are_published_in_order(
    api: CasesApi, uow_factory: UowFactory
) -> None:
    team = Team("sundkraft")
    handler = dso_handler("sundkraft")
    case = await filled_case(api, team.installer(), addresses_in(api.gis.network, "sundkraft")[0])
    sent = (await submit(api, team.installer(), case)).json()
    await move(api, handler, sent, "rejected", reason="Fel huvudsäkring angiven")

    events = await events_of(uow_factory, case["id"])

    assert [e["type"] for e in events] == ["case.created.v1", "case.submitted.v1", "case.status_changed.v1"]
    assert all(e["tenant"] == "sundkraft" for e in events)
    submitted, changed = events[1]["payload"], events[2]["payload"]
    assert submitted["case_number"] == sent["case_number"]
    assert submitted["installer_id"] == str(team.installer_id)
    assert (changed["from_status"], changed["to_status"]) == ("submitted", "rejected")
    assert changed["reason"] == "Fel huvudsäkring angiven" and changed["actor_role"] == "dso_handler"
    assert "19800101" not in json.dumps(events)  # the owner's personal number stays in the case

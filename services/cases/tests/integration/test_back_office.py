"""The DSO's back office over HTTP: the queue's filters, assigning handlers, the notes chat with read state
per side, the service-level clock, and the DSO admin's case type settings with automatic approval."""

import uuid
from datetime import timedelta
from typing import Any

import pytest

from cases.service_layer.people import person_active, person_created

from .case_helpers import (
    FUSE_CHANGE_FILLED,
    addresses_in,
    create_case,
    facility_in,
    filled_case,
    move,
    submit,
)
from .conftest import TOKENS, CasesApi, Team, UowFactory
from .outbox_helpers import events_of

pytestmark = pytest.mark.integration


class Dso:
    """A handler, a colleague and an admin of one DSO, with names in their tokens."""

    def __init__(self, dso_id: str = "sundkraft") -> None:
        self.dso_id = dso_id
        self.handler_id, self.colleague_id, self.admin_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    def handler(self) -> dict[str, str]:
        return TOKENS.headers("dso_handler", dso_id=self.dso_id, user_id=self.handler_id, name="Lars Holm")

    def colleague(self) -> dict[str, str]:
        return TOKENS.headers("dso_handler", dso_id=self.dso_id, user_id=self.colleague_id, name="Eva Ek")

    def admin(self) -> dict[str, str]:
        return TOKENS.headers("dso_admin", dso_id=self.dso_id, user_id=self.admin_id, name="Sara Lind")


async def _sent_case(api: CasesApi, team: Team, skip: int = 0, **values: str) -> dict[str, Any]:
    place = addresses_in(api.gis.network, "sundkraft", skip + 1)[skip]
    facility = facility_in(api.gis.network, "sundkraft")
    case = await create_case(
        api, team.installer(), at=place, **{**FUSE_CHANGE_FILLED, "ean": facility.ean, **values}
    )
    response = await submit(api, team.installer(), case)
    assert response.status_code == 200, response.text
    sent: dict[str, Any] = response.json()
    return sent


async def _queue(api: CasesApi, headers: dict[str, str], **params: object) -> list[dict[str, Any]]:
    response = await api.client.get("/cases", params={"page_size": 100, **params}, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def _assign(
    api: CasesApi, headers: dict[str, str], case: dict[str, Any], handler_id: uuid.UUID | None
) -> Any:
    body = {"version": case["version"], "handler_id": None if handler_id is None else str(handler_id)}
    return await api.client.put(f"/cases/{case['id']}/handler", json=body, headers=headers)


async def test_a_handler_takes_a_case_gives_it_to_a_colleague_and_the_queue_follows(
    api: CasesApi, uow_factory: UowFactory
) -> None:
    dso, team = Dso(), Team("sundkraft")
    async with uow_factory() as uow:  # identity announced the colleague (cases keeps its directory)
        await person_created(uow, dso.colleague_id, "Eva Ek", None, "sundkraft", "dso_handler")
        await uow.commit()
    first, second = await _sent_case(api, team), await _sent_case(api, team, skip=1)

    taken = await _assign(api, dso.handler(), first, dso.handler_id)
    assert taken.status_code == 200, taken.text
    assert (taken.json()["handler_id"], taken.json()["handler_name"]) == (str(dso.handler_id), "Lars Holm")
    assert taken.json()["history"][-1] | {"at": None} == taken.json()["history"][-1] | {
        "kind": "assigned",
        "detail": "Lars Holm",
        "to_status": "submitted",
        "actor_name": "Lars Holm",
        "at": None,
    }
    assert [c["id"] for c in await _queue(api, dso.handler(), handler="me")] == [first["id"]]
    assert [c["id"] for c in await _queue(api, dso.handler(), handler="none")] == [second["id"]]
    listed = {c["id"]: c for c in await _queue(api, dso.handler())}
    assert listed[first["id"]]["handler_name"] == "Lars Holm" and listed[second["id"]]["handler_name"] == ""

    handlers = (await api.client.get("/handlers", headers=dso.handler())).json()
    assert [h["name"] for h in handlers] == ["Lars Holm", "Eva Ek"]  # the caller first
    given = await _assign(api, dso.handler(), taken.json(), dso.colleague_id)
    assert given.status_code == 200 and given.json()["handler_name"] == "Eva Ek"
    assert [c["id"] for c in await _queue(api, dso.colleague(), handler=str(dso.colleague_id))] == [
        first["id"]
    ]
    events = [e for e in await events_of(uow_factory, first["id"]) if e["type"] == "case.handler_assigned.v1"]
    assert [e["payload"]["handler_name"] for e in events] == ["Lars Holm", "Eva Ek"]

    async with uow_factory() as uow:
        await person_active(uow, dso.colleague_id, active=False)
        await uow.commit()
    refused = await _assign(api, dso.handler(), second, dso.colleague_id)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "handler_id"
    assert [h["name"] for h in (await api.client.get("/handlers", headers=dso.handler())).json()] == [
        "Lars Holm"
    ]
    back = await _assign(api, dso.handler(), given.json(), None)
    assert back.status_code == 200 and back.json()["handler_id"] is None


async def test_only_the_cases_own_dso_assigns_it(api: CasesApi) -> None:
    dso, team = Dso(), Team("sundkraft")
    case = await _sent_case(api, team)
    assert (await _assign(api, team.installer(), case, team.installer_id)).status_code == 403
    assert (await _assign(api, Dso("kullabygden").handler(), case, None)).status_code == 404
    assert (await api.client.get("/handlers", headers=team.installer())).status_code == 403
    stale = await _assign(api, dso.handler(), {**case, "version": case["version"] - 1}, dso.handler_id)
    assert stale.status_code == 409


async def test_notes_go_both_ways_with_read_state_per_side(api: CasesApi, uow_factory: UowFactory) -> None:
    dso, team = Dso(), Team("sundkraft")
    case = await _sent_case(api, team)
    url = f"/cases/{case['id']}/notes"

    written = await api.client.post(
        url, json={"body": "  Mätarskåpet är låst, kod 1234  "}, headers=team.installer()
    )
    assert written.status_code == 201, written.text
    assert (
        written.json()["body"] == "Mätarskåpet är låst, kod 1234" and written.json()["author_side"] == "team"
    )

    seen_by_dso = (await api.client.get(url, headers=dso.handler())).json()
    assert seen_by_dso["unread"] == 1 and seen_by_dso["notes"][0]["new"] is True
    assert seen_by_dso["notes"][0]["mine"] is False
    assert (await _queue(api, dso.handler()))[0]["unread_notes"] == 1
    assert (await api.client.get(f"/cases/{case['id']}", headers=dso.handler())).json()["unread_notes"] == 1
    assert (await api.client.get(url, headers=team.installer())).json()["notes"][0][
        "read_by_other_side"
    ] is False

    api.clock.advance(timedelta(minutes=5))
    assert (await api.client.post(f"{url}/read", headers=dso.colleague())).status_code == 204
    assert (await _queue(api, dso.handler()))[0]["unread_notes"] == 0  # read by the DSO, whoever read it
    assert (await api.client.get(url, headers=team.installer())).json()["notes"][0][
        "read_by_other_side"
    ] is True

    api.clock.advance(timedelta(minutes=5))
    answer = await api.client.post(url, json={"body": "Tack, vi ringer innan."}, headers=dso.handler())
    assert answer.status_code == 201 and answer.json()["author_name"] == "Lars Holm"
    thread = (await api.client.get(url, headers=team.admin())).json()
    assert thread["unread"] == 1 and [n["author_side"] for n in thread["notes"]] == ["team", "dso"]
    assert (await _queue(api, team.installer()))[0]["unread_notes"] == 1

    events = [e for e in await events_of(uow_factory, case["id"]) if e["type"] == "case.note_added.v1"]
    assert [e["payload"]["author_side"] for e in events] == ["team", "dso"]
    assert "1234" not in str(events)  # the text stays in the cases service


async def test_notes_are_refused_where_they_cannot_be(api: CasesApi) -> None:
    dso, team = Dso(), Team("sundkraft")
    draft = await filled_case(api, team.installer(), addresses_in(api.gis.network, "sundkraft")[0])
    on_draft = await api.client.post(
        f"/cases/{draft['id']}/notes", json={"body": "Hej"}, headers=team.installer()
    )
    assert on_draft.status_code == 409
    case = await _sent_case(api, team, skip=1)
    url = f"/cases/{case['id']}/notes"
    blank = await api.client.post(url, json={"body": "   "}, headers=team.installer())
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "body"
    assert (
        await api.client.post(url, json={"body": "Hej"}, headers=Team("sundkraft").installer())
    ).status_code == 404
    assert (await api.client.get(url, headers=Dso("kullabygden").handler())).status_code == 404
    assert (await api.client.get(url)).status_code == 401
    assert (await api.client.get(url, headers=dso.handler())).json()["notes"] == []


async def test_the_service_level_clock_flags_and_sorts_the_queue(api: CasesApi) -> None:
    dso, team = Dso(), Team("sundkraft")
    target = await api.client.patch(
        "/dso/case-types/fuse_change", json={"target_working_days": 5}, headers=dso.admin()
    )
    assert target.status_code == 200 and target.json()["target_working_days"] == 5
    early = await _sent_case(api, team)  # Monday 23 November 2026
    api.clock.advance(timedelta(days=2))
    later = await _sent_case(api, team, skip=1)  # Wednesday
    assert (
        early["service_level"]["due_on"] == "2026-11-30" and later["service_level"]["due_on"] == "2026-12-02"
    )

    api.clock.advance(timedelta(days=4))  # Sunday 29 November: one working day left for the early one
    by_due = await _queue(api, dso.handler(), sort="sla_due_on")
    assert [c["id"] for c in by_due][:2] == [early["id"], later["id"]]
    assert [c["urgency"] for c in by_due][:2] == ["near", "ok"]  # one and three working days left
    assert [c["id"] for c in await _queue(api, dso.handler(), due="overdue")] == []

    api.clock.advance(timedelta(days=2))  # Tuesday 1 December: the early one is overdue
    assert [c["id"] for c in await _queue(api, dso.handler(), due="overdue")] == [early["id"]]
    assert {c["id"] for c in await _queue(api, dso.handler(), due="soon")} == {early["id"], later["id"]}
    view = (await api.client.get(f"/cases/{early['id']}", headers=dso.handler())).json()
    assert view["service_level"] | {"due_on": None} == {
        "waited_on_dso_days": 6,
        "waited_on_installer_days": 0,
        "target_days": 5,
        "due_on": None,
        "urgency": "past",
    }
    # The DSO approves: the installer's turn stops the DSO's clock.
    working = (await move(api, dso.handler(), early, "in_progress")).json()
    assert working["service_level"]["urgency"] == "none" and working["service_level"]["due_on"] is None
    assert [c["id"] for c in await _queue(api, dso.handler(), min_age_days=8)] == [early["id"]]
    assert [c["id"] for c in await _queue(api, dso.handler(), min_age_days=9)] == []


async def test_an_approval_rule_approves_at_once_and_the_history_says_why(
    api: CasesApi, uow_factory: UowFactory
) -> None:
    dso, team = Dso(), Team("sundkraft")
    rule = {
        "name": "Säkringsbyte upp till 25 A",
        "conditions": [
            {"field": "new_main_fuse", "operator": "at_most", "values": ["25"]},
            {"field": "ean", "operator": "filled"},
        ],
    }
    saved = await api.client.put(
        "/dso/case-types/fuse_change/approval-rules", json={"rules": [rule]}, headers=dso.admin()
    )
    assert saved.status_code == 200, saved.text

    approved = await _sent_case(api, team)  # 16 A to 25 A in an existing facility
    assert approved["status"] == "in_progress"
    step = approved["history"][-1]
    assert (step["actor_role"], step["reason"], step["from_status"]) == ("system", rule["name"], "submitted")
    assert step["detail"] == "Ny huvudsäkring (A) 25 ≤ 25; Anläggnings-ID (EAN) ifyllt"
    changed = [
        e for e in await events_of(uow_factory, approved["id"]) if e["type"] == "case.status_changed.v1"
    ]
    assert [(e["payload"]["actor_role"], e["payload"]["rule_name"]) for e in changed] == [
        ("system", rule["name"])
    ]

    waiting = await _sent_case(api, team, skip=1, new_main_fuse="35")
    assert waiting["status"] == "submitted"


async def test_a_dso_admin_changes_forms_and_types_for_new_cases_only(api: CasesApi) -> None:
    dso, team = Dso(), Team("sundkraft")
    old = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft")[0])
    settings = (await api.client.get("/dso/case-types", headers=dso.admin())).json()
    fuse = next(s for s in settings if s["code"] == "fuse_change")
    fields = [
        {"name": f["name"], "mandatory": f["mandatory"] or f["name"] == "desired_date"}
        for f in fuse["fields"]
    ]
    extra = {
        "name": "meter_cabinet_code",
        "mandatory": False,
        "kind": "text",
        "labels": {"sv": "Kod till mätarskåp", "da": "Kode til målerskab", "en": "Meter cabinet code"},
    }
    changed = await api.client.post(
        "/dso/case-types/fuse_change/versions", json={"fields": [*fields, extra]}, headers=dso.admin()
    )
    assert changed.status_code == 201, changed.text
    assert changed.json()["version"] == fuse["version"] + 1

    new = await create_case(api, team.installer(), at=addresses_in(api.gis.network, "sundkraft", 2)[1])
    assert new["case_type_version"] == fuse["version"] + 1 and old["case_type_version"] == fuse["version"]
    form = (await api.client.get(f"/cases/{new['id']}", headers=team.installer())).json()
    assert form["case_type_version"] == fuse["version"] + 1
    kept = await api.client.patch(
        f"/cases/{old['id']}",
        json={"version": old["version"], "values": {"meter_cabinet_code": "1"}},
        headers=team.installer(),
    )
    assert kept.status_code == 422  # the old case keeps its form

    without_street = [f for f in fields if f["name"] != "street"]
    refused = await api.client.post(
        "/dso/case-types/fuse_change/versions", json={"fields": without_street}, headers=dso.admin()
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "fields"

    closed = await api.client.patch(
        "/dso/case-types/meter_move", json={"accepted": False}, headers=dso.admin()
    )
    assert closed.status_code == 200 and closed.json()["accepted"] is False
    offered = (await api.client.get("/case-types", headers=team.installer())).json()
    assert "meter_move" not in [t["code"] for t in offered] and "fuse_change" in [t["code"] for t in offered]
    refused_type = await api.client.post(
        "/cases",
        json={"case_type": "meter_move", "lon": new["lon"], "lat": new["lat"], "values": {}},
        headers=team.installer(),
    )
    assert refused_type.status_code == 422


async def test_only_the_dsos_admin_changes_its_case_types(api: CasesApi) -> None:
    dso = Dso()
    bad_rule = {"rules": [{"name": "X", "conditions": [{"field": "nope", "operator": "filled"}]}]}
    answer = await api.client.put(
        "/dso/case-types/fuse_change/approval-rules", json=bad_rule, headers=dso.admin()
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "rules[0].conditions[0].field"
    for headers in (dso.handler(), Team("sundkraft").admin()):
        assert (await api.client.get("/dso/case-types", headers=headers)).status_code == 403
        patch = await api.client.patch(
            "/dso/case-types/fuse_change", json={"accepted": False}, headers=headers
        )
        assert patch.status_code == 403
    assert (await api.client.get("/dso/case-types")).status_code == 401
    assert (
        await api.client.patch("/dso/case-types/no_such", json={}, headers=dso.admin())
    ).status_code == 404
    # Another DSO's admin changes their own DSO's types, never this one's.
    other = await api.client.patch(
        "/dso/case-types/fuse_change", json={"accepted": False}, headers=Dso("kullabygden").admin()
    )
    assert other.status_code == 200
    mine = (await api.client.get("/dso/case-types", headers=dso.admin())).json()
    assert next(s for s in mine if s["code"] == "fuse_change")["accepted"] is True

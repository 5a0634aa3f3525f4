"""Projects' job parts as the cases service meets them on the broker: an import's rows become sent cases of
the project (each row once, however often its part comes), bulk actions act on each case as its requester
may, and every part is answered on `cases.jobs` with one outcome per row or case."""

import asyncio
import json
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from cryptography.fernet import Fernet
from sqlalchemy import select

from cases.config import CasesSettings
from contracts import EventEnvelope
from contracts.events.projects import BulkActionRequestedV1, CasesRequestedV1, ImportRow
from contracts.payload import EventPayload
from gis.domain.features import Address
from servicekit.db.tables import outbox_message
from servicekit.infra import Infrastructure
from servicekit.sealing import Sealer

from .case_helpers import addresses_in
from .conftest import CasesApi, Team, UowFactory, dso_handler

pytestmark = pytest.mark.integration

DSO = "sundkraft"  # the demo DSO on the demo map that opted in to the project case types
PERSONAL_NUMBER = "010180-1234"


def row_values(at: Address, **changes: str | None) -> dict[str, str | None]:
    """What a filled template row says for a row house at `at`."""
    party = {
        "name": "Mette Hansen",
        "personal_number": PERSONAL_NUMBER,
        "street": at.street,
        "postcode": at.postcode,
        "city": at.town,
    }
    return {
        "street": f"{at.street} {at.number}",
        "postcode": at.postcode,
        "city": at.town,
        "main_fuse": "35",
        "number_of_units": "4",
        **{f"owner_{name}": value for name, value in party.items()},
        **{f"payer_{name}": value for name, value in party.items()},
        **changes,
    }


class Projects:
    """Stands in for the projects service on the broker: it publishes job parts as projects does."""

    def __init__(self, infra: Infrastructure, settings: CasesSettings, team: Team) -> None:
        self.bootstrap = infra.kafka_bootstrap
        self.sealer = Sealer.from_setting(settings.batch_sealing_keys)
        self.team = team
        self.project_id = uuid.uuid4()
        self.group_id = uuid.uuid4()

    async def publish(self, payload: EventPayload, key: uuid.UUID) -> EventEnvelope:
        envelope = EventEnvelope.wrap(payload, key=str(key), source="projects", tenant=DSO)
        producer = AIOKafkaProducer(bootstrap_servers=self.bootstrap, acks="all")
        await producer.start()
        try:
            await producer.send_and_wait(
                payload.topic.name, envelope.model_dump_json().encode(), key=str(key).encode()
            )
        finally:
            await producer.stop()
        return envelope

    def import_part(
        self, job_id: uuid.UUID, rows: dict[int, tuple[Address, dict[str, str | None]]], part: int = 0
    ) -> CasesRequestedV1:
        return CasesRequestedV1(
            job_id=job_id,
            part=part,
            project_id=self.project_id,
            actor_id=self.team.installer_id,
            actor_role="installer",
            actor_name="Jens Installatør",
            team_id=self.team.id,
            dso_id=DSO,
            group_id=self.group_id,
            case_type="row_houses",
            rows=[
                ImportRow(row_number=number, lon=at.point.x, lat=at.point.y, grid_area_id="kyst-1")
                for number, (at, _) in rows.items()
            ],
            sealed_values=self.sealer.seal({str(number): values for number, (_, values) in rows.items()}),
        )

    def bulk_part(
        self,
        job_id: uuid.UUID,
        action: str,
        case_ids: list[uuid.UUID],
        *,
        role: str = "installer",
        actor_id: uuid.UUID | None = None,
        **extra: Any,
    ) -> BulkActionRequestedV1:
        return BulkActionRequestedV1(
            job_id=job_id,
            part=0,
            project_id=self.project_id,
            actor_id=actor_id or self.team.installer_id,
            actor_role=role,  # type: ignore[arg-type]
            actor_name="Jens Installatør" if role == "installer" else "Hanne Sagsbehandler",
            team_id=self.team.id if role == "installer" else None,
            dso_id=DSO,
            action=action,  # type: ignore[arg-type]
            case_ids=case_ids,
            **extra,
        )


async def answers(uow_factory: UowFactory, job_id: uuid.UUID, count: int = 1) -> list[dict[str, Any]]:
    """The `case_job.part_done.v1` payloads cases wrote for the job, once there are `count` of them."""
    for _ in range(600):
        async with uow_factory() as uow:
            rows = await uow.session.execute(
                select(outbox_message.c.envelope)
                .where(outbox_message.c.event_type == "case_job.part_done.v1")
                .order_by(outbox_message.c.id)
            )
            found = [row.envelope["payload"] for row in rows if row.envelope["key"] == str(job_id)]
        if len(found) >= count:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"cases did not answer {count} part(s) of job {job_id}")


async def outbox_text(uow_factory: UowFactory) -> str:
    async with uow_factory() as uow:
        rows = await uow.session.execute(select(outbox_message.c.envelope))
        return "\n".join(json.dumps(row.envelope) for row in rows)


@pytest.fixture
def team() -> Team:
    return Team(DSO)


@pytest.fixture
def projects(infra: Infrastructure, cases_settings: CasesSettings, team: Team) -> Projects:
    return Projects(infra, cases_settings, team)


async def imported(
    api: CasesApi, projects: Projects, uow_factory: UowFactory, count: int
) -> tuple[list[dict[str, Any]], list[Address]]:
    places = addresses_in(api.gis.network, DSO, count)
    job_id = uuid.uuid4()
    rows = {3 + index: (at, row_values(at)) for index, at in enumerate(places)}
    await projects.publish(projects.import_part(job_id, rows), job_id)
    (answer,) = await answers(uow_factory, job_id)
    return answer["results"], places


async def test_an_import_part_makes_sent_cases_of_the_project_and_answers_each_row(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    first, second, third = addresses_in(api.gis.network, DSO, 3)
    job_id = uuid.uuid4()
    rows = {
        3: (first, row_values(first)),
        4: (second, row_values(second, main_fuse="36")),  # not a fuse size the DSO sells
        5: (third, row_values(third, owner_name=None)),  # a mandatory field left empty
    }
    await projects.publish(projects.import_part(job_id, rows), job_id)

    (answer,) = await answers(uow_factory, job_id)
    made, wrong_value, empty = answer["results"]
    assert (made["row_number"], made["outcome"], made["status"]) == (3, "done", "submitted")
    assert made["case_number"].startswith("SK-")
    assert (wrong_value["outcome"], wrong_value["code"]) == ("failed", "invalid_values")
    assert "main_fuse" in wrong_value["reason"]
    assert (empty["outcome"], empty["code"], empty["reason"]) == (
        "failed",
        "incomplete",
        "missing: owner_name",
    )

    case = (await api.client.get(f"/cases/{made['case_id']}", headers=team.installer())).json()
    assert case["status"] == "submitted" and case["values"]["main_fuse"] == "35"
    assert case["installer_id"] == str(team.installer_id)
    listed = await api.client.get("/cases", headers=team.installer())
    assert [item["id"] for item in listed.json()["items"]] == [
        made["case_id"]
    ]  # the failed rows made nothing
    # The DSO sees it in its queue like any sent case.
    queue = await api.client.get("/cases", headers=dso_handler(DSO))
    assert made["case_id"] in [item["id"] for item in queue.json()["items"]]

    async with uow_factory() as uow:
        rows_out = await uow.session.execute(
            select(outbox_message.c.envelope).where(outbox_message.c.key == made["case_id"])
        )
        events = [row.envelope for row in rows_out]
    assert [event["type"] for event in events] == ["case.created.v1", "case.submitted.v1"]
    assert {event["payload"]["project_id"] for event in events} == {str(projects.project_id)}
    assert {event["payload"]["group_id"] for event in events} == {str(projects.group_id)}
    assert PERSONAL_NUMBER not in await outbox_text(uow_factory)  # sealed on the way in, never out


async def test_a_part_that_comes_again_makes_no_case_twice(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    places = addresses_in(api.gis.network, DSO, 2)
    job_id = uuid.uuid4()
    part = projects.import_part(
        job_id, {3: (places[0], row_values(places[0])), 4: (places[1], row_values(places[1]))}
    )
    await projects.publish(part, job_id)
    (first,) = await answers(uow_factory, job_id)

    # Projects re-sends the same part (a new event: the inbox cannot tell), e.g. after restoring a backup.
    await projects.publish(part, job_id)
    first_again, second = await answers(uow_factory, job_id, count=2)

    assert first_again == first
    assert second["results"] == first["results"]
    listed = (await api.client.get("/cases", headers=team.installer())).json()["items"]
    assert sorted(item["id"] for item in listed) == sorted(result["case_id"] for result in first["results"])


async def test_a_part_sealed_with_a_foreign_key_is_parked_not_opened(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    at = addresses_in(api.gis.network, DSO, 1)[0]
    job_id = uuid.uuid4()
    part = projects.import_part(job_id, {3: (at, row_values(at))})
    forged = part.model_copy(
        update={"sealed_values": Sealer([Fernet.generate_key().decode()]).seal({"3": row_values(at)})}
    )
    await projects.publish(forged, job_id)
    # A later, well-sealed job still goes through: the forged part did not block the partition.
    later = uuid.uuid4()
    await projects.publish(projects.import_part(later, {3: (at, row_values(at))}), job_id)
    (answer,) = await answers(uow_factory, later)
    assert answer["results"][0]["outcome"] == "done"
    async with uow_factory() as uow:
        rows = await uow.session.execute(
            select(outbox_message.c.envelope).where(outbox_message.c.event_type == "case_job.part_done.v1")
        )
        assert str(job_id) not in {row.envelope["key"] for row in rows}


async def test_bulk_cancel_acts_on_each_case_the_installer_may_cancel_and_says_why_not_for_the_rest(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    results, _ = await imported(api, projects, uow_factory, 3)
    ids = [uuid.UUID(result["case_id"]) for result in results]
    # The DSO starts work on the third: an installer can no longer cancel it.
    third = (await api.client.get(f"/cases/{ids[2]}", headers=dso_handler(DSO))).json()
    planned = await api.client.post(
        f"/cases/{ids[2]}/transitions",
        json={"version": third["version"], "to_status": "planning"},
        headers=dso_handler(DSO),
    )
    assert planned.status_code == 200, planned.text
    unknown = uuid.uuid4()

    job_id = uuid.uuid4()
    await projects.publish(projects.bulk_part(job_id, "cancel", [ids[0], ids[1], ids[2], unknown]), job_id)
    (answer,) = await answers(uow_factory, job_id)

    outcomes = [(r["case_id"], r["outcome"], r["code"], r["status"]) for r in answer["results"]]
    assert outcomes == [
        (str(ids[0]), "done", None, "cancelled"),
        (str(ids[1]), "done", None, "cancelled"),
        (str(ids[2]), "failed", "not_allowed", "planning"),
        (str(unknown), "failed", "not_found", None),
    ]
    history = (await api.client.get(f"/cases/{ids[0]}", headers=team.installer())).json()["history"]
    assert history[-1]["to_status"] == "cancelled" and history[-1]["actor_name"] == "Jens Installatør"


async def test_another_team_cannot_act_on_the_project_cases(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    results, _ = await imported(api, projects, uow_factory, 1)
    case_id = uuid.UUID(results[0]["case_id"])
    other = Team(DSO)
    job_id = uuid.uuid4()
    part = projects.bulk_part(job_id, "cancel", [case_id], actor_id=other.installer_id).model_copy(
        update={"team_id": other.id}
    )
    await projects.publish(part, job_id)
    (answer,) = await answers(uow_factory, job_id)
    assert [(r["outcome"], r["code"]) for r in answer["results"]] == [("failed", "not_found")]
    case = (await api.client.get(f"/cases/{case_id}", headers=team.installer())).json()
    assert case["status"] == "submitted"


async def test_the_dso_rejects_with_a_reason_and_gives_the_cases_to_a_handler(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    results, _ = await imported(api, projects, uow_factory, 2)
    ids = [uuid.UUID(result["case_id"]) for result in results]
    handler_id = uuid.uuid4()
    async with uow_factory() as uow:
        await uow.people.put(handler_id, "Hanne Sagsbehandler", None, DSO, "dso_handler")
        await uow.commit()

    given = uuid.uuid4()
    await projects.publish(
        projects.bulk_part(given, "change_handler", ids, role="dso_handler", target_user_id=handler_id), given
    )
    (assigned,) = await answers(uow_factory, given)
    assert [r["outcome"] for r in assigned["results"]] == ["done", "done"]

    no_reason = uuid.uuid4()
    await projects.publish(projects.bulk_part(no_reason, "reject", ids[:1], role="dso_handler"), no_reason)
    (refused,) = await answers(uow_factory, no_reason)
    assert [(r["outcome"], r["code"]) for r in refused["results"]] == [("failed", "reason_required")]

    rejected = uuid.uuid4()
    await projects.publish(
        projects.bulk_part(rejected, "reject", ids, role="dso_handler", reason="The site plan is missing"),
        rejected,
    )
    (answer,) = await answers(uow_factory, rejected)
    assert [r["status"] for r in answer["results"]] == ["rejected", "rejected"]
    case = (await api.client.get(f"/cases/{ids[1]}", headers=team.installer())).json()
    assert case["status"] == "rejected" and case["handler_name"] == "Hanne Sagsbehandler"
    assert case["history"][-1]["reason"] == "The site plan is missing"


async def test_change_installer_hands_the_cases_to_a_team_member_only(
    api: CasesApi, projects: Projects, team: Team, uow_factory: UowFactory
) -> None:
    results, _ = await imported(api, projects, uow_factory, 1)
    case_id = uuid.UUID(results[0]["case_id"])
    colleague, outsider = uuid.uuid4(), uuid.uuid4()
    async with uow_factory() as uow:
        await uow.people.put(colleague, "Lise Elektriker", team.id, DSO, "installer")
        await uow.people.put(outsider, "Ole Udenfor", uuid.uuid4(), DSO, "installer")
        await uow.commit()

    to_outsider = uuid.uuid4()
    await projects.publish(
        projects.bulk_part(to_outsider, "change_installer", [case_id], target_user_id=outsider), to_outsider
    )
    (refused,) = await answers(uow_factory, to_outsider)
    assert [(r["outcome"], r["code"]) for r in refused["results"]] == [("failed", "unknown_person")]

    to_colleague = uuid.uuid4()
    await projects.publish(
        projects.bulk_part(to_colleague, "change_installer", [case_id], target_user_id=colleague),
        to_colleague,
    )
    (answer,) = await answers(uow_factory, to_colleague)
    assert [r["outcome"] for r in answer["results"]] == ["done"]
    case = (await api.client.get(f"/cases/{case_id}", headers=team.installer())).json()
    assert (case["installer_id"], case["installer_name"]) == (str(colleague), "Lise Elektriker")
    async with uow_factory() as uow:
        rows = await uow.session.execute(
            select(outbox_message.c.envelope).where(
                outbox_message.c.event_type == "case.installer_changed.v1"
            )
        )
        (event,) = [row.envelope["payload"] for row in rows]
    assert (event["installer_id"], event["previous_installer_id"]) == (str(colleague), str(team.installer_id))
    assert event["case_number"] == results[0]["case_number"]  # the new installer is told which case

"""A job as parts of request events (values sealed), and cases' answers back onto the job's items."""

import json
import uuid
from datetime import UTC, datetime

import pytest

from projects.domain.bulk_actions import BulkAction, IncompleteAction, blocking, check_details
from projects.domain.imports import RowValues
from projects.domain.jobs import ItemOutcome, ItemResult, Job, JobKind, recorded_items
from projects.domain.project import Group, Project
from projects.service_layer.access import Actor
from projects.service_layer.job_requests import LocatedRow, bulk_action_requested, cases_requested
from servicekit.sealing import DEVELOPMENT_SEALING_KEYS, Sealer

NOW = datetime(2026, 11, 23, tzinfo=UTC)
SEALER = Sealer([DEVELOPMENT_SEALING_KEYS])
PROJECT = Project(uuid.uuid4(), uuid.uuid4(), "kystnet", "Kv. Solrosen", uuid.uuid4(), NOW, NOW)
GROUP = Group(uuid.uuid4(), PROJECT.id, "Hus A", "row_houses", NOW)
INSTALLER = Actor(uuid.uuid4(), "installer", PROJECT.team_id, "kystnet", "Ida Holm", "da", "token")


def job(kind: JobKind, total: int) -> Job:
    return Job(uuid.uuid4(), PROJECT.id, kind, None, GROUP.id, INSTALLER.user_id, total, 0, 0, NOW, None)


def located(number: int) -> LocatedRow:
    values = {"street": f"Strandvejen {number}", "owner_personal_number": "010203-1234"}
    return LocatedRow(RowValues(number, values), f"Strandvejen {number}", 12.6, 56.0, "KN-1")


def test_an_import_of_250_rows_is_three_parts_whose_values_travel_sealed() -> None:
    the_job = job(JobKind.IMPORT, 250)
    events = cases_requested(
        the_job, PROJECT, GROUP, INSTALLER, [located(n) for n in range(3, 253)], SEALER.seal
    )

    assert [(event.part, len(event.rows)) for event in events] == [(0, 100), (1, 100), (2, 50)]
    assert events[2].rows[-1].row_number == 252
    assert {event.job_id for event in events} == {the_job.id}
    assert events[0].dso_id == "kystnet" and events[0].actor_role == "installer"
    assert events[0].case_type == "row_houses" and events[0].group_id == GROUP.id
    published = json.dumps([event.model_dump(mode="json") for event in events])
    assert "010203-1234" not in published  # no personal identity number in the clear
    opened = SEALER.open(events[1].sealed_values)
    assert list(opened) == [str(n) for n in range(103, 203)]
    assert opened["103"] == {"street": "Strandvejen 103", "owner_personal_number": "010203-1234"}


def test_a_bulk_action_on_1200_cases_is_three_parts_in_selection_order() -> None:
    cases = [uuid.uuid4() for _ in range(1200)]
    dso = Actor(uuid.uuid4(), "dso_handler", None, "kystnet", "Bo", "da", "token")
    events = bulk_action_requested(
        job(JobKind.BULK_ACTION, 1200),
        PROJECT,
        dso,
        BulkAction.REJECT,
        cases,
        reason="Dubbel",
        target_user_id=None,
    )
    assert [len(event.case_ids) for event in events] == [500, 500, 200]
    assert [case for event in events for case in event.case_ids] == cases
    assert {(event.action, event.reason, event.team_id) for event in events} == {("reject", "Dubbel", None)}


def test_results_land_on_rows_for_imports_and_on_places_in_the_selection_for_bulk_actions() -> None:
    case_a, case_b, stranger = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    results = [
        ItemResult(3, case_a, ItemOutcome.DONE, case_number="KN-2026-0001"),
        ItemResult(4, None, ItemOutcome.FAILED, reason="outside", code="not_routed"),
    ]
    imported = recorded_items(JobKind.IMPORT, results, {})
    assert [(item.position, item.outcome, item.case_number, item.code) for item in imported] == [
        (3, ItemOutcome.DONE, "KN-2026-0001", None),
        (4, ItemOutcome.FAILED, None, "not_routed"),
    ]

    acted = [
        ItemResult(None, case_b, ItemOutcome.FAILED, reason="not allowed now", code="not_allowed"),
        ItemResult(None, case_a, ItemOutcome.DONE),
        ItemResult(None, stranger, ItemOutcome.DONE),  # not in the job: nothing to record it on
    ]
    bulk = recorded_items(JobKind.BULK_ACTION, acted, {case_a: 0, case_b: 1})
    assert [(item.position, item.case_id, item.outcome) for item in bulk] == [
        (1, case_b, ItemOutcome.FAILED),
        (0, case_a, ItemOutcome.DONE),
    ]


def test_a_rejection_says_why_and_a_new_installer_is_named() -> None:
    person = uuid.uuid4()
    with pytest.raises(IncompleteAction) as no_reason:
        check_details(BulkAction.REJECT, reason="  ", target_user_id=None)
    assert no_reason.value.field == "reason"
    with pytest.raises(IncompleteAction) as no_person:
        check_details(BulkAction.CHANGE_INSTALLER, reason=None, target_user_id=None)
    assert no_person.value.field == "target_user_id"
    with pytest.raises(IncompleteAction):
        check_details(BulkAction.CANCEL, reason=None, target_user_id=person)
    check_details(BulkAction.CHANGE_HANDLER, reason=None, target_user_id=None)  # unassigns
    check_details(BulkAction.CHANGE_HANDLER, reason=None, target_user_id=person)


def test_the_cases_whose_status_blocks_an_action_are_named() -> None:
    sent, working, done = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    statuses = {sent: "submitted", working: "in_progress", done: "closed"}
    assert blocking(BulkAction.CANCEL, statuses, "installer") == [working, done]
    assert blocking(BulkAction.CANCEL, statuses, "dso_handler") == [done]
    assert blocking(BulkAction.ARCHIVE, {done: "closed"}, "dso_admin") == []

"""The project pages' own logic: the bulk action menu (only what every selected case allows, as projects
rules it), a job's progress and outcomes, an import's wrong cells, the selection a form posts, downloads'
names, the groups' order and who sees "Projekt" in the header."""

import uuid

import pytest

from gateway.domain import project_actions
from gateway.domain.navigation import visible_sections
from gateway.domain.project_actions import BulkFormError, action_of, actions_of, bulk_request, common_actions
from gateway.domain.project_jobs import (
    FAILURE_CODES,
    Progress,
    action_key,
    failure_key,
    import_errors,
    items_of,
    job_title_key,
    wrong_rows,
)
from gateway.domain.project_view import (
    MAX_SELECTION,
    attachment_disposition,
    groups_of,
    selection,
    type_names,
)
from projects.domain import bulk_actions as projects_rules

PROJECTS_NAME = (
    'attachment; filename="Solbakken _ R_kkehuse.xlsx"; '
    "filename*=UTF-8''Solbakken%20%E2%80%93%20R%C3%A6kkehuse.xlsx"
)
ALL_STATUSES = ("draft", *project_actions.OPEN, *project_actions.FINISHED, "archived")


def codes(actions: tuple[project_actions.BulkAction, ...]) -> list[str]:
    return [action.code for action in actions]


def test_the_menu_offers_only_what_every_selected_case_allows() -> None:
    assert codes(common_actions(["in_progress", "completion_notice_received"], "installer")) == [
        "ready_for_meter",
        "change_installer",
    ]
    assert codes(common_actions(["submitted", "submitted"], "team_admin")) == ["cancel", "change_installer"]
    assert codes(common_actions(["submitted", "in_progress"], "installer")) == ["change_installer"]
    assert codes(common_actions(["planning", "closed"], "dso_handler")) == []
    assert codes(common_actions(["closed", "rejected"], "dso_admin")) == ["archive"]
    assert codes(common_actions(["submitted"], "dso_handler")) == ["cancel", "reject", "change_handler"]
    assert common_actions([], "installer") == () and common_actions(["archived"], "dso_admin") == ()
    assert actions_of("visitor") == ()


def test_the_pages_rules_are_projects_own() -> None:
    """Services never import each other: the gateway keeps a copy, held here to projects' table."""
    for role in ("installer", "team_admin", "dso_handler", "dso_admin"):
        assert codes(actions_of(role)) == [action.value for action in projects_rules.actions_of(role)]
        for action in projects_rules.actions_of(role):
            mine = action_of(role, action.value)
            assert mine is not None
            for status in ALL_STATUSES:
                assert mine.allowed_for(status) == projects_rules.allowed_for(action, status, role), (
                    role,
                    action,
                    status,
                )
            assert (mine.reason == "required") == action.needs_reason
            assert (mine.target == "installer") == action.needs_person
            assert (mine.target is not None) == action.names_person


def test_what_each_action_asks_for_besides_the_selection() -> None:
    reject, cancel = action_of("dso_handler", "reject"), action_of("installer", "cancel")
    assert reject is not None and reject.reason == "required" and reject.label_key == "project.action.reject"
    assert cancel is not None and cancel.reason == "optional" and cancel.target is None
    handler = action_of("dso_admin", "change_handler")
    assert handler is not None and handler.target == "handler"
    assert action_of("installer", "reject") is None  # the DSO's, not the team's


def test_the_bulk_form_becomes_projects_request_or_says_what_it_lacks() -> None:
    one, person = uuid.uuid4(), uuid.uuid4()

    def refusal(role: str, action: str, chosen: list[uuid.UUID], **typed: str) -> str:
        with pytest.raises(BulkFormError) as refused:
            bulk_request(action_of(role, action), chosen, typed)
        return refused.value.key

    cancel = bulk_request(action_of("installer", "cancel"), [one], {"reason": " Kunden ångrade sig. "})
    assert cancel == {"action": "cancel", "case_ids": [str(one)], "reason": "Kunden ångrade sig."}
    archive = bulk_request(
        action_of("dso_handler", "archive"), [one], {"reason": "ignored", "target_handler": "x"}
    )
    assert archive == {"action": "archive", "case_ids": [str(one)]}  # neither reason nor person goes along
    unassign = bulk_request(action_of("dso_admin", "change_handler"), [one], {"target_handler": ""})
    assert unassign["target_user_id"] is None
    moved = bulk_request(
        action_of("team_admin", "change_installer"), [one], {"target_installer": str(person)}
    )
    assert moved["target_user_id"] == str(person)

    assert refusal("installer", "reject", [one]) == "project.bulk.error.action"  # the DSO's
    assert refusal("installer", "cancel", []) == "project.bulk.error.selection"
    assert refusal("dso_handler", "reject", [one], reason="  ") == "project.bulk.error.reason"
    assert refusal("dso_handler", "reject", [one], reason="x" * 501) == "project.bulk.error.reason_long"
    assert refusal("team_admin", "change_installer", [one]) == "project.bulk.error.target"
    assert refusal("dso_admin", "change_handler", [one], target_handler="me") == "project.bulk.error.target"


def test_a_jobs_progress_counts_each_row_once_and_knows_when_it_is_done() -> None:
    running = Progress.of({"total": 4, "done": 1, "failed": 1, "finished": False, "finished_at": None})
    assert (running.handled, running.percent, running.finished) == (2, 50, False)
    done = Progress.of({"total": 2, "done": 2, "failed": 0, "finished": True})
    assert done.as_json() == {"total": 2, "done": 2, "failed": 0, "handled": 2, "finished": True}
    assert Progress.of({"total": 3, "done": 2, "failed": 1}).finished  # without projects' word: the counts
    assert Progress.of({"total": "x", "done": -1}).as_json()["total"] == 0


def test_a_finished_jobs_failures_come_first_and_say_why_in_the_readers_language() -> None:
    job = {
        "kind": "bulk_action",
        "action": "cancel",
        "items": [
            {"position": 1, "outcome": "done"},
            {"position": 3, "outcome": "failed", "code": "not_allowed", "reason": "case is closed"},
            {"position": 2, "outcome": "failed", "code": "something_new", "reason": "new"},
        ],
    }
    assert [item["position"] for item in items_of(job)] == [2, 3, 1]
    assert failure_key(items_of(job)[1]) == "project.job.code.not_allowed"
    assert failure_key(items_of(job)[0]) is None  # an unknown code: its English reason is shown
    assert "not_allowed" in FAILURE_CODES
    assert job_title_key(job) == "project.job.kind.bulk_action" and action_key(job) == "project.action.cancel"
    assert job_title_key({"kind": "import"}) == "project.job.kind.import"
    assert action_key({"kind": "bulk_action", "action": "<script>"}) is None


def test_an_imports_wrong_cells_are_listed_by_row_then_column_the_file_first() -> None:
    body = {
        "code": "invalid_rows",
        "errors": [
            {"field": "street", "label": "Adresse", "row": 4, "column": "A", "message": "not found"},
            {"field": "main_fuse", "label": "Hovedsikring (A)", "row": 3, "column": "AA", "message": "x"},
            {"field": "postcode", "label": "Postnummer", "row": 3, "column": "B", "message": "y"},
            {"field": "file", "row": None, "column": None, "message": "formulas"},
        ],
    }
    errors = import_errors(body)
    assert [(e.row, e.column) for e in errors] == [(None, ""), (3, "B"), (3, "AA"), (4, "A")]
    assert errors[0].label == "" and errors[1].label == "Postnummer"
    assert wrong_rows(errors) == 2
    assert import_errors({"detail": "no errors"}) == []


def test_the_selection_comes_joined_from_the_script_or_one_box_each() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    assert selection(f"{first} {second},{first}", [str(second)]) == (first, second)
    assert selection("", [str(first)]) == (first,)
    assert selection("", []) == ()
    assert selection("not-an-id", []) is None
    too_many = " ".join(str(uuid.uuid4()) for _ in range(MAX_SELECTION + 1))
    assert selection(too_many, []) is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (PROJECTS_NAME, PROJECTS_NAME),  # projects' own: kept as it is
        (
            'inline; filename="../../etc/passwd"',
            "attachment; filename=\"etc_passwd.xlsx\"; filename*=UTF-8''etc_passwd.xlsx",
        ),
        ('attachment; filename="a\\"b.xlsx"', "attachment; filename=\"a.xlsx\"; filename*=UTF-8''a.xlsx"),
        (None, "attachment; filename=\"projekt.xlsx\"; filename*=UTF-8''projekt.xlsx"),
    ],
)
def test_downloads_are_attachments_under_a_harmless_name(given: str | None, expected: str) -> None:
    assert attachment_disposition(given, "projekt.xlsx") == expected


def test_groups_keep_projects_order_and_list_their_cases_by_number() -> None:
    group_a, group_b = str(uuid.uuid4()), str(uuid.uuid4())
    detail = {
        "groups": [
            {"id": group_b, "name": "Rækkehuse", "case_type": "row_houses", "version": 1},
            {"id": group_a, "name": "Erhverv", "case_type": "commercial", "version": 2},
        ],
        "cases": [
            {"case_id": "3", "group_id": group_b, "case_number": None, "address": "Vej 3"},
            {"case_id": "2", "group_id": group_b, "case_number": "KN-0000002", "address": "Vej 2"},
            {"case_id": "1", "group_id": group_b, "case_number": "KN-0000001", "address": "Vej 1"},
        ],
    }
    names = type_names([{"code": "row_houses", "name": "Rækkehuse"}, {"name": "no code"}])
    groups = groups_of(detail, names)
    assert [group.name for group in groups] == ["Rækkehuse", "Erhverv"]
    assert [case["case_id"] for case in groups[0].cases] == ["1", "2", "3"]
    assert groups[0].case_type_name == "Rækkehuse" and groups[1].case_type_name == "commercial"
    assert groups[1].cases == () and groups[1].anchor == f"grupp-{group_a}"


def test_projects_are_in_the_header_for_the_team_and_the_dso_not_for_visitors() -> None:
    def keys(role: str | None) -> list[str]:
        return [section.key for section in visible_sections(role)]

    assert keys(None) == ["nav.map", "nav.cases", "nav.drafts"]
    assert keys("installer") == keys("team_admin") == ["nav.map", "nav.cases", "nav.drafts", "nav.projects"]
    assert keys("dso_handler") == keys("dso_admin") == ["nav.map", "nav.cases", "nav.projects"]

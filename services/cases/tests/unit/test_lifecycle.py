"""The case life cycle by role: the happy path, what each role may not do, and what it is told instead."""

import pytest

from cases.domain.lifecycle import (
    IllegalTransition,
    ReasonRequired,
    Transition,
    allowed_transitions,
    transition,
)
from cases.domain.roles import ActorRole
from cases.domain.status import CaseStatus

S = CaseStatus
R = ActorRole


def test_the_happy_path_from_draft_to_archive() -> None:
    steps = [
        (S.SUBMITTED, R.INSTALLER),
        (S.PLANNING, R.DSO_HANDLER),
        (S.IN_PROGRESS, R.DSO_HANDLER),
        (S.COMPLETION_NOTICE_RECEIVED, R.INSTALLER),
        (S.READY_FOR_METER, R.TEAM_ADMIN),
        (S.CLOSED, R.DSO_HANDLER),
        (S.ARCHIVED, R.DSO_ADMIN),
    ]
    status = S.DRAFT
    for to, role in steps:
        step = transition(status, to, role)
        assert step == Transition(status, to, role, None)
        status = step.to_status
    assert status == S.ARCHIVED


def test_an_installer_can_cancel_before_the_dso_started() -> None:
    assert (
        transition(S.SUBMITTED, S.CANCELLED, R.INSTALLER, "kunden ångrade sig").reason == "kunden ångrade sig"
    )


@pytest.mark.parametrize("status", [S.PLANNING, S.IN_PROGRESS, S.COMPLETION_NOTICE_RECEIVED])
def test_an_installer_cannot_cancel_once_the_dso_started(status: CaseStatus) -> None:
    with pytest.raises(IllegalTransition):
        transition(status, S.CANCELLED, R.INSTALLER)


def test_an_illegal_transition_names_the_allowed_ones() -> None:
    with pytest.raises(IllegalTransition) as raised:
        transition(S.SUBMITTED, S.CLOSED, R.INSTALLER)
    assert raised.value.allowed == (S.CANCELLED,)
    assert str(raised.value) == (
        "installer cannot move a case from submitted to closed; allowed from submitted: cancelled"
    )


def test_a_dso_is_told_every_move_it_has() -> None:
    with pytest.raises(IllegalTransition) as raised:
        transition(S.SUBMITTED, S.CLOSED, R.DSO_HANDLER)
    assert raised.value.allowed == (S.PLANNING, S.IN_PROGRESS, S.REJECTED, S.CANCELLED)
    assert "planning, in_progress, rejected, cancelled" in str(raised.value)


def test_an_archived_case_allows_nothing_and_says_so() -> None:
    with pytest.raises(IllegalTransition, match="allowed from archived: none"):
        transition(S.ARCHIVED, S.CLOSED, R.DSO_ADMIN)


@pytest.mark.parametrize("to", [S.PLANNING, S.IN_PROGRESS, S.REJECTED, S.CLOSED, S.ARCHIVED])
@pytest.mark.parametrize("role", [R.INSTALLER, R.TEAM_ADMIN])
def test_installers_cannot_do_the_dsos_work(to: CaseStatus, role: ActorRole) -> None:
    assert to not in {to for status in CaseStatus for to in allowed_transitions(status, role)}


@pytest.mark.parametrize("to", [S.SUBMITTED, S.COMPLETION_NOTICE_RECEIVED, S.READY_FOR_METER])
@pytest.mark.parametrize("role", [R.DSO_HANDLER, R.DSO_ADMIN])
def test_the_dso_cannot_send_for_the_installer(to: CaseStatus, role: ActorRole) -> None:
    assert to not in {to for status in CaseStatus for to in allowed_transitions(status, role)}


def test_the_dso_never_sees_drafts() -> None:
    assert allowed_transitions(S.DRAFT, R.DSO_HANDLER) == ()


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_rejection_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(ReasonRequired):
        transition(S.SUBMITTED, S.REJECTED, R.DSO_HANDLER, reason)


def test_the_rejection_reason_is_kept_without_stray_spaces() -> None:
    step = transition(S.PLANNING, S.REJECTED, R.DSO_HANDLER, "  Situationsplan saknas \n")
    assert step.reason == "Situationsplan saknas"


def test_an_illegal_move_is_refused_before_the_reason_is_asked_for() -> None:
    with pytest.raises(IllegalTransition):
        transition(S.SUBMITTED, S.REJECTED, R.INSTALLER)


@pytest.mark.parametrize(
    ("status", "language", "label"),
    [
        (S.DRAFT, "sv", "Ej skickat"),
        (S.SUBMITTED, "sv", "NY"),
        (S.PLANNING, "sv", "PLANERING PÅGÅR"),
        (S.IN_PROGRESS, "sv", "GENOMFÖRANDE PÅGÅR"),
        (S.COMPLETION_NOTICE_RECEIVED, "sv", "FÄRDIGANMÄLAN INKOMMEN"),
        (S.READY_FOR_METER, "da", "KLAR TIL MÅLER"),
    ],
)
def test_statuses_carry_the_words_users_know(status: CaseStatus, language: str, label: str) -> None:
    assert status.label(language) == label  # type: ignore[arg-type]

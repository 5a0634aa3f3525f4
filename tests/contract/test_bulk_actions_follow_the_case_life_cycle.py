"""The projects service offers a bulk status move only where the cases service's life cycle allows it for
that role, and always where it does: the menu never promises what cases will refuse."""

import pytest

from cases.domain.lifecycle import TRANSITIONS
from cases.domain.roles import ActorRole
from cases.domain.status import CaseStatus
from projects.domain.bulk_actions import BulkAction, allowed_for

MOVES = {
    BulkAction.READY_FOR_METER: CaseStatus.READY_FOR_METER,
    BulkAction.CANCEL: CaseStatus.CANCELLED,
    BulkAction.REJECT: CaseStatus.REJECTED,
    BulkAction.ARCHIVE: CaseStatus.ARCHIVED,
}
TEAM_ACTIONS = {BulkAction.READY_FOR_METER, BulkAction.CANCEL}
DSO_ACTIONS = {BulkAction.CANCEL, BulkAction.REJECT, BulkAction.ARCHIVE}


@pytest.mark.parametrize("role", ["installer", "team_admin", "dso_handler", "dso_admin"])
def test_each_bulk_status_move_matches_the_life_cycle(role: str) -> None:
    actions = TEAM_ACTIONS if role in ("installer", "team_admin") else DSO_ACTIONS
    moves = TRANSITIONS[ActorRole(role)]
    for action in actions:
        for status in CaseStatus:
            expected = (status, MOVES[action]) in moves
            assert allowed_for(action, status.value, role) == expected, (action, status, role)

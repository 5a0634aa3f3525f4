"""Which bulk actions a user may offer on a selection of project cases (seed 004: "only the actions common
to the selected cases").

Installers: ready for meter, cancel, change installer. DSO staff: cancel, reject, archive, change handler.
The table mirrors the cases service's life cycle for these moves (a contract test holds them together);
cases checks every case again when it acts, so a selection that changed meanwhile is answered per case.
"""

import enum
import uuid
from collections.abc import Iterable, Mapping

OPEN = frozenset({"submitted", "planning", "in_progress", "completion_notice_received", "ready_for_meter"})
FINISHED = frozenset({"closed", "rejected", "cancelled"})
TEAM_ROLES = frozenset({"installer", "team_admin"})
DSO_ROLES = frozenset({"dso_handler", "dso_admin"})


class BulkAction(enum.StrEnum):
    READY_FOR_METER = "ready_for_meter"
    CANCEL = "cancel"
    CHANGE_INSTALLER = "change_installer"
    REJECT = "reject"
    ARCHIVE = "archive"
    CHANGE_HANDLER = "change_handler"

    @property
    def needs_reason(self) -> bool:
        return self is BulkAction.REJECT

    @property
    def needs_person(self) -> bool:
        """Change installer needs the new one; change handler may unassign (no person)."""
        return self is BulkAction.CHANGE_INSTALLER

    @property
    def names_person(self) -> bool:
        return self in (BulkAction.CHANGE_INSTALLER, BulkAction.CHANGE_HANDLER)


class IncompleteAction(ValueError):
    """The action lacks what it needs (a reason, a person), or names a person it has no use for."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# From which statuses each side may take each action.
_FROM: dict[str, dict[BulkAction, frozenset[str]]] = {
    "team": {
        BulkAction.READY_FOR_METER: frozenset({"in_progress", "completion_notice_received"}),
        BulkAction.CANCEL: frozenset({"submitted"}),
        BulkAction.CHANGE_INSTALLER: OPEN,
    },
    "dso": {
        BulkAction.CANCEL: OPEN,
        BulkAction.REJECT: OPEN,
        BulkAction.ARCHIVE: FINISHED,
        BulkAction.CHANGE_HANDLER: OPEN,
    },
}


def side_of(role: str) -> str:
    if role in TEAM_ROLES:
        return "team"
    if role in DSO_ROLES:
        return "dso"
    raise ValueError(f"no bulk actions for role {role!r}")


def actions_of(role: str) -> tuple[BulkAction, ...]:
    return tuple(_FROM[side_of(role)])


def allowed_for(action: BulkAction, status: str, role: str) -> bool:
    return status in _FROM[side_of(role)].get(action, frozenset())


def common_actions(statuses: Iterable[str], role: str) -> tuple[BulkAction, ...]:
    """The actions allowed for every one of the selected cases' statuses; none for an empty selection."""
    selected = set(statuses)
    if not selected:
        return ()
    return tuple(
        action for action in actions_of(role) if all(allowed_for(action, status, role) for status in selected)
    )


def check_details(action: BulkAction, *, reason: str | None, target_user_id: uuid.UUID | None) -> None:
    """A rejection says why; a change of installer names the new one. A change of handler without a
    person unassigns the cases (back to the DSO's queue). Other actions take no person: one given by
    mistake would be silently dropped, so it is refused."""
    if action.needs_reason and not (reason or "").strip():
        raise IncompleteAction("reason", "say why the cases are rejected")
    if action.needs_person and target_user_id is None:
        raise IncompleteAction("target_user_id", "choose the new installer")
    if target_user_id is not None and not action.names_person:
        raise IncompleteAction("target_user_id", f"{action.value} takes no person")


def blocking(action: BulkAction, statuses: Mapping[uuid.UUID, str], role: str) -> list[uuid.UUID]:
    """The selected cases whose status does not allow the action on the caller's side."""
    return [case_id for case_id, status in statuses.items() if not allowed_for(action, status, role)]

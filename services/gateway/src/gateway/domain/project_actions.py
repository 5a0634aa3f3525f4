"""The bulk actions of a project page (seed 004): which side has which, from which case statuses each may
be taken, and what each needs besides the selection. The menu offers only the actions allowed for every
selected case; the page works that out in the browser from these rules, the gateway when a form comes
without script. Projects and cases check every case again, so a stale page does no harm.

The rules are projects' (`projects.domain.bulk_actions`); a unit test holds this copy to them, as services
never import each other.
"""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gateway.domain.navigation import DSO_ROLES, TEAM_ROLES

MAX_REASON = 500  # projects' limit for a bulk action's reason
OPEN = frozenset({"submitted", "planning", "in_progress", "completion_notice_received", "ready_for_meter"})
FINISHED = frozenset({"closed", "rejected", "cancelled"})


@dataclass(frozen=True, slots=True)
class BulkAction:
    code: str
    from_statuses: frozenset[str]
    reason: str = "none"  # "none", "optional" or "required"
    target: str | None = None  # whom it needs chosen: "installer" (required) or "handler" (none: unassign)

    @property
    def label_key(self) -> str:
        return f"project.action.{self.code}"

    def allowed_for(self, status: str) -> bool:
        return status in self.from_statuses


TEAM_ACTIONS: tuple[BulkAction, ...] = (
    BulkAction("ready_for_meter", frozenset({"in_progress", "completion_notice_received"})),
    BulkAction("cancel", frozenset({"submitted"}), reason="optional"),
    BulkAction("change_installer", OPEN, target="installer"),
)
DSO_ACTIONS: tuple[BulkAction, ...] = (
    BulkAction("cancel", OPEN, reason="optional"),
    BulkAction("reject", OPEN, reason="required"),
    BulkAction("archive", FINISHED),
    BulkAction("change_handler", OPEN, target="handler"),
)


def actions_of(role: str) -> tuple[BulkAction, ...]:
    """The bulk actions of the role's side: the team's or the DSO's; none for anyone else."""
    if role in TEAM_ROLES:
        return TEAM_ACTIONS
    if role in DSO_ROLES:
        return DSO_ACTIONS
    return ()


def action_of(role: str, code: str) -> BulkAction | None:
    return next((action for action in actions_of(role) if action.code == code), None)


def common_actions(statuses: Iterable[str], role: str) -> tuple[BulkAction, ...]:
    """The actions allowed for every one of the selected cases' statuses; none for an empty selection."""
    selected = set(statuses)
    if not selected:
        return ()
    return tuple(action for action in actions_of(role) if all(action.allowed_for(s) for s in selected))


class BulkFormError(ValueError):
    """What a bulk action's form lacks, as a text key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def bulk_request(
    action: BulkAction | None, chosen: Sequence[uuid.UUID] | None, typed: Mapping[str, str]
) -> dict[str, Any]:
    """Projects' `POST /projects/{id}/bulk-actions` body from the form (`reason`, `target_installer`,
    `target_handler` as typed), or BulkFormError: no action of the user's side, no selection, a rejection
    without a reason, a change of installer without the new one. A person goes only with the actions that
    take one: change handler without one unassigns the cases."""
    if action is None:
        raise BulkFormError("project.bulk.error.action")
    if not chosen:
        raise BulkFormError("project.bulk.error.selection")
    body: dict[str, Any] = {"action": action.code, "case_ids": [str(case_id) for case_id in chosen]}
    reason = typed.get("reason", "").strip()
    if action.reason == "required" and not reason:
        raise BulkFormError("project.bulk.error.reason")
    if action.reason != "none" and reason:
        if len(reason) > MAX_REASON:
            raise BulkFormError("project.bulk.error.reason_long")
        body["reason"] = reason
    if action.target is not None:
        target = typed.get(f"target_{action.target}", "").strip()
        if not target and action.target == "installer":
            raise BulkFormError("project.bulk.error.target")
        body["target_user_id"] = _user_id(target) if target else None
    return body


def _user_id(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise BulkFormError("project.bulk.error.target") from None

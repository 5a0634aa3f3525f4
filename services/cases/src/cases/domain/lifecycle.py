"""The case life cycle as a table: which role may move a case from which status to which.

Installers drive their own steps (send, completion notice, ready for meter, cancel before the DSO
started); the DSO plans, executes, rejects, closes and archives. Everything else is refused with the
moves that are allowed, so the user (and the 409 response) can say what to do instead.
"""

from dataclasses import dataclass

from cases.domain.roles import DSO_ROLES, TEAM_ROLES, ActorRole
from cases.domain.status import NOT_STARTED_BY_DSO, OPEN, CaseStatus

S = CaseStatus

_TEAM_MOVES: frozenset[tuple[CaseStatus, CaseStatus]] = frozenset(
    {
        (S.DRAFT, S.SUBMITTED),
        (S.IN_PROGRESS, S.COMPLETION_NOTICE_RECEIVED),
        # "Melde klar til måler": with or without a completion notice first.
        (S.IN_PROGRESS, S.READY_FOR_METER),
        (S.COMPLETION_NOTICE_RECEIVED, S.READY_FOR_METER),
    }
    | {(status, S.CANCELLED) for status in NOT_STARTED_BY_DSO}
)
_DSO_MOVES: frozenset[tuple[CaseStatus, CaseStatus]] = frozenset(
    {
        (S.SUBMITTED, S.PLANNING),
        (S.SUBMITTED, S.IN_PROGRESS),  # small jobs need no planning
        (S.PLANNING, S.IN_PROGRESS),
        (S.COMPLETION_NOTICE_RECEIVED, S.CLOSED),
        (S.READY_FOR_METER, S.CLOSED),
        (S.CLOSED, S.ARCHIVED),
        (S.REJECTED, S.ARCHIVED),
        (S.CANCELLED, S.ARCHIVED),
    }
    | {(status, S.REJECTED) for status in OPEN}
    | {(status, S.CANCELLED) for status in OPEN}
)

# An automatic approval rule approves a sent case: the installer may start the work at once.
_SYSTEM_MOVES = frozenset({(S.SUBMITTED, S.IN_PROGRESS)})

TRANSITIONS: dict[ActorRole, frozenset[tuple[CaseStatus, CaseStatus]]] = {
    **dict.fromkeys(TEAM_ROLES, _TEAM_MOVES),
    **dict.fromkeys(DSO_ROLES, _DSO_MOVES),
    ActorRole.SYSTEM: _SYSTEM_MOVES,
}
REASON_REQUIRED = frozenset({CaseStatus.REJECTED})


@dataclass(frozen=True, slots=True)
class Transition:
    """One step of a case's history; the service layer adds who exactly and when."""

    from_status: CaseStatus
    to_status: CaseStatus
    actor_role: ActorRole
    reason: str | None = None


class IllegalTransition(ValueError):
    """The move is not allowed for this role from this status; `allowed` lists what is."""

    def __init__(self, current: CaseStatus, to: CaseStatus, role: ActorRole) -> None:
        self.current = current
        self.to = to
        self.role = role
        self.allowed = allowed_transitions(current, role)
        allowed = ", ".join(self.allowed) if self.allowed else "none"
        super().__init__(
            f"{role} cannot move a case from {current} to {to}; allowed from {current}: {allowed}"
        )


class ReasonRequired(ValueError):
    def __init__(self, to: CaseStatus) -> None:
        super().__init__(f"moving a case to {to} needs a reason the installer can act on")
        self.to = to


def allowed_transitions(current: CaseStatus, role: ActorRole) -> tuple[CaseStatus, ...]:
    """The statuses this role may move a case to from `current`, in life-cycle order."""
    moves = TRANSITIONS[role]
    return tuple(status for status in CaseStatus if (current, status) in moves)


def transition(current: CaseStatus, to: CaseStatus, role: ActorRole, reason: str | None = None) -> Transition:
    """The recorded step from `current` to `to`, or IllegalTransition / ReasonRequired."""
    if (current, to) not in TRANSITIONS[role]:
        raise IllegalTransition(current, to, role)
    reason = reason.strip() if reason is not None else None
    if to in REASON_REQUIRED and not reason:
        raise ReasonRequired(to)
    return Transition(current, to, role, reason or None)

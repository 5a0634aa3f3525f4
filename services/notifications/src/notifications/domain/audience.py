"""Who hears of each case event: one small rule per event, users by id, in a stable order.

Nobody hears of what they did themselves. Mail and bell go to the same people; whether a mail goes too
is the recipient's choice (preferences.py).
"""

import uuid
from collections.abc import Iterable

from contracts.events.cases import (
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseNoteAddedV1,
    CaseStatusChangedV1,
    DraftExpiringV1,
)

_TEAM_ROLES = frozenset({"installer", "team_admin"})


def _others(candidates: Iterable[uuid.UUID | None], actor_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
    """The candidates that exist, without the actor, each once."""
    return tuple(dict.fromkeys(c for c in candidates if c is not None and c != actor_id))


def hear_of_status_change(event: CaseStatusChangedV1) -> tuple[uuid.UUID, ...]:
    """The installer, when anyone else moved the case (the DSO, a colleague, a DSO's automatic rule);
    the assigned handler, when the team moved it (a completion notice, a cancellation …): the DSO's own
    moves are the DSO's business, its handler sees them in the case."""
    handler = event.handler_id if event.actor_role in _TEAM_ROLES else None
    return _others((event.installer_id, handler), event.actor_id)


def hear_of_note(event: CaseNoteAddedV1) -> tuple[uuid.UUID, ...]:
    """A note is for the other side: the team's goes to the assigned handler (an unassigned case's notes
    wait in the DSO's queue, which counts them), the DSO's to the case's installer."""
    reader = event.handler_id if event.author_side == "team" else event.installer_id
    return _others((reader,), event.author_id)


def hear_of_assignment(event: CaseHandlerAssignedV1) -> tuple[uuid.UUID, ...]:
    """The new handler, unless they took the case themself; back to the queue tells nobody."""
    return _others((event.handler_id,), event.assigned_by)


def hear_of_installer_change(event: CaseInstallerChangedV1) -> tuple[uuid.UUID, ...]:
    """The new installer, unless they took the case themself; the previous one is not told: the case
    stays in the team's list."""
    return _others((event.installer_id,), event.changed_by)


def hear_of_expiring_draft(event: DraftExpiringV1) -> tuple[uuid.UUID, ...]:
    """The draft's installer, who made it (as the mail has always gone)."""
    return (event.installer_id,)

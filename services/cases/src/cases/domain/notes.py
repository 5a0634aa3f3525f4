"""The notes chat on a case between the installer's team and the DSO.

Read state is kept per side, not per person: a chat between two organisations is read when someone on the
other side has read it, which is what the author wants to know ("read by the DSO") and what a shared
queue needs (a note one handler read is not new to the next).
"""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from cases.domain.roles import DSO_ROLES, ActorRole
from cases.domain.status import CaseStatus

MAX_NOTE_LENGTH = 4000
# Drafts are the team's alone; an archived case never changes again.
NOTES_CLOSED = frozenset({CaseStatus.DRAFT, CaseStatus.ARCHIVED})


class Side(enum.StrEnum):
    TEAM = "team"
    DSO = "dso"

    @classmethod
    def of(cls, role: ActorRole) -> "Side":
        return cls.DSO if role in DSO_ROLES else cls.TEAM

    @property
    def other(self) -> "Side":
        return Side.TEAM if self == Side.DSO else Side.DSO


class InvalidNote(ValueError):
    pass


class NotesClosed(ValueError):
    def __init__(self, status: CaseStatus) -> None:
        super().__init__(f"notes cannot be written on a case that is {status}")
        self.status = status


@dataclass(frozen=True, slots=True)
class Note:
    case_id: uuid.UUID
    author_id: uuid.UUID
    author_name: str
    author_side: Side
    body: str
    written_at: datetime
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def new_note(
    case_id: uuid.UUID,
    status: CaseStatus,
    author_id: uuid.UUID,
    author_name: str,
    role: ActorRole,
    body: str,
    now: datetime,
) -> Note:
    """InvalidNote for blank text, NotesClosed on a draft or archived case."""
    if status in NOTES_CLOSED:
        raise NotesClosed(status)
    text = body.strip()
    if not text:
        raise InvalidNote("a note needs some text")
    if len(text) > MAX_NOTE_LENGTH:
        raise InvalidNote(f"a note is at most {MAX_NOTE_LENGTH} characters")
    return Note(case_id, author_id, author_name, Side.of(role), text, now)

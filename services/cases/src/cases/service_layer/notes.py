"""The notes chat on a case: write, read with read state, and mark read for the reader's side."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.notes import Note, Side, new_note
from cases.service_layer import case_events
from cases.service_layer.access import Actor, NotAllowed, visible_case


@dataclass(frozen=True, slots=True)
class NoteThread:
    notes: list[Note]
    reader: Side
    read_until: dict[Side, datetime]

    def read_by_other_side(self, note: Note) -> bool:
        """The author's tick: someone on the other side has read this note."""
        until = self.read_until.get(note.author_side.other)
        return until is not None and note.written_at <= until

    def is_new(self, note: Note) -> bool:
        """Written by the other side after the reader's side last read."""
        until = self.read_until.get(self.reader)
        return note.author_side != self.reader and (until is None or note.written_at > until)

    @property
    def unread(self) -> int:
        return sum(self.is_new(note) for note in self.notes)


async def write_note(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, body: str, now: datetime
) -> Note:
    """InvalidNote for empty or too long text; NotesClosed on drafts and archived cases. Writing marks the
    thread read for the author's side: they answered what they saw."""
    _require_person(actor)
    async with uow:
        case = await visible_case(uow, actor, case_id)
        note = new_note(case.id, case.status, actor.user_id, actor.name, actor.role, body, now)
        uow.notes.add(note)
        await uow.notes.mark_read(case.id, note.author_side, now)
        case_events.emit(uow, case, case_events.note_added(case, note))
        await uow.commit()
        return note


async def note_thread(uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID) -> NoteThread:
    _require_person(actor)
    async with uow:
        case = await visible_case(uow, actor, case_id)
        return NoteThread(
            await uow.notes.of_case(case.id), Side.of(actor.role), await uow.notes.read_until(case.id)
        )


async def mark_notes_read(uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, now: datetime) -> None:
    """Everything written until now is read by the actor's side (never moves back)."""
    _require_person(actor)
    async with uow:
        case = await visible_case(uow, actor, case_id)
        await uow.notes.mark_read(case.id, Side.of(actor.role), now)
        await uow.commit()


def _require_person(actor: Actor) -> None:
    if not (actor.is_team or actor.is_dso):
        raise NotAllowed("your account belongs to no team or grid company")

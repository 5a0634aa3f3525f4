"""HTTP: the notes chat on a case between the installer's team and the DSO."""

import uuid
from datetime import datetime

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from cases.domain.notes import MAX_NOTE_LENGTH, Note
from cases.entrypoints.api.deps import CurrentActor, Now, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.notes import NoteThread, mark_notes_read, note_thread, write_note

router = APIRouter(tags=["notes"])


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=MAX_NOTE_LENGTH + 200, description="The message (blank is refused).")


class NoteOut(BaseModel):
    id: uuid.UUID
    author_id: uuid.UUID
    author_name: str
    author_side: str = Field(description="`team` or `dso`.")
    mine: bool = Field(description="Written by the caller's side.")
    body: str
    written_at: datetime
    read_by_other_side: bool = Field(description="Someone on the other side has read it.")
    new: bool = Field(description="From the other side, not yet read by the caller's side.")

    @classmethod
    def of(cls, note: Note, thread: NoteThread) -> "NoteOut":
        return cls(
            id=note.id,
            author_id=note.author_id,
            author_name=note.author_name,
            author_side=note.author_side.value,
            mine=note.author_side == thread.reader,
            body=note.body,
            written_at=note.written_at,
            read_by_other_side=thread.read_by_other_side(note),
            new=thread.is_new(note),
        )


class NotesOut(BaseModel):
    notes: list[NoteOut]
    unread: int


@router.get("/cases/{case_id}/notes")
async def notes(request: Request, case_id: uuid.UUID, actor: CurrentActor, uow: UowFactory) -> NotesOut:
    """The thread, oldest first. Reading does not mark it read: the page says when it was shown."""
    with answered_as_problems(request, actor):
        thread = await note_thread(uow(), actor, case_id)
    return NotesOut(notes=[NoteOut.of(note, thread) for note in thread.notes], unread=thread.unread)


@router.post("/cases/{case_id}/notes", status_code=status.HTTP_201_CREATED)
async def add_note(
    request: Request, case_id: uuid.UUID, body: NoteIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> NoteOut:
    with answered_as_problems(request, actor):
        note = await write_note(uow(), actor, case_id, body.body, now)
        thread = await note_thread(uow(), actor, case_id)
    return NoteOut.of(note, thread)


@router.post("/cases/{case_id}/notes/read", status_code=status.HTTP_204_NO_CONTENT)
async def read_notes(
    request: Request, case_id: uuid.UUID, actor: CurrentActor, uow: UowFactory, now: Now
) -> Response:
    with answered_as_problems(request, actor):
        await mark_notes_read(uow(), actor, case_id, now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""Notes on cases and how far each side has read them."""

import uuid
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from cases.adapters.tables import CaseNoteReadRow, CaseNoteRow
from cases.domain.notes import Note, Side


class NoteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, note: Note) -> None:
        self._session.add(
            CaseNoteRow(
                id=note.id,
                case_id=note.case_id,
                author_id=note.author_id,
                author_name=note.author_name,
                author_side=note.author_side.value,
                body=note.body,
                written_at=note.written_at,
            )
        )

    async def of_case(self, case_id: uuid.UUID) -> list[Note]:
        rows = await self._session.execute(
            select(CaseNoteRow)
            .where(col(CaseNoteRow.case_id) == case_id)
            .order_by(col(CaseNoteRow.written_at), col(CaseNoteRow.id))
        )
        return [
            Note(
                case_id=row.case_id,
                author_id=row.author_id,
                author_name=row.author_name,
                author_side=Side(row.author_side),
                body=row.body,
                written_at=row.written_at,
                id=row.id,
            )
            for row in rows.scalars()
        ]

    async def read_until(self, case_id: uuid.UUID) -> dict[Side, datetime]:
        rows = await self._session.execute(
            select(CaseNoteReadRow).where(col(CaseNoteReadRow.case_id) == case_id)
        )
        return {Side(row.side): row.read_until for row in rows.scalars()}

    async def mark_read(self, case_id: uuid.UUID, side: Side, until: datetime) -> None:
        """Never moves backwards: a page opened earlier cannot unread what another page read."""
        table = CaseNoteReadRow.__table__  # type: ignore[attr-defined]
        statement = insert(CaseNoteReadRow).values(case_id=case_id, side=side.value, read_until=until)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[col(CaseNoteReadRow.case_id), col(CaseNoteReadRow.side)],
                set_={"read_until": func.greatest(table.c.read_until, statement.excluded.read_until)},
            )
        )

    async def unread_counts(self, case_ids: list[uuid.UUID], reader: Side) -> dict[uuid.UUID, int]:
        """Notes the other side wrote after `reader` last read, per case (cases without any left out)."""
        if not case_ids:
            return {}
        read = CaseNoteReadRow
        rows = await self._session.execute(
            select(col(CaseNoteRow.case_id), func.count())
            .select_from(CaseNoteRow)
            .outerjoin(
                read,
                and_(col(read.case_id) == col(CaseNoteRow.case_id), col(read.side) == reader.value),
            )
            .where(
                col(CaseNoteRow.case_id).in_(case_ids),
                col(CaseNoteRow.author_side) == reader.other.value,
                or_(col(read.read_until).is_(None), col(CaseNoteRow.written_at) > col(read.read_until)),
            )
            .group_by(col(CaseNoteRow.case_id))
        )
        return {row[0]: row[1] for row in rows}

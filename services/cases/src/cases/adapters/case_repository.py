"""Cases, their history and attachments; every change of a case is conditional on the version read."""

import uuid
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, column, delete, func, insert, or_, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key
from sqlmodel import col, select

from cases.adapters.tables import AttachmentRow, CaseHistoryRow, CaseRow
from cases.domain.case import Case, ProjectPlace
from cases.domain.records import Attachment, HistoryEntry, HistoryKind
from cases.domain.roles import ActorRole
from cases.domain.service_level import ServiceLevelClock
from cases.domain.status import CaseStatus

# Columns a command may change; identity, team and place of a case never change.
_MUTABLE = (
    "installer_id",
    "status",
    "values",
    "address",
    "case_number",
    "submitted_at",
    "completion_notice",
    "updated_at",
    "installer_name",
    "handler_id",
    "handler_name",
    "sla_target_days",
    "sla_used_days",
    "sla_turn_started_on",
    "sla_due_on",
)
# The row `save_many` writes (by its id and the version read) and what it writes there.
_SAVED = ("id", "version", *_MUTABLE, "search_text")
_CASE: Table = CaseRow.__table__  # type: ignore[attr-defined]
_HISTORY: Table = CaseHistoryRow.__table__  # type: ignore[attr-defined]
# One array per column, whatever the number of cases: the statement is compiled and prepared once.
_SAVING = (
    func.unnest(*(bindparam(f"saved_{name}", type_=ARRAY(_CASE.c[name].type)) for name in _SAVED))
    .table_valued(*(column(name, _CASE.c[name].type) for name in _SAVED))
    .render_derived(name="saved")
)
# A step's columns; one array each, inserted in the order recorded (`seq` orders steps of one moment).
_STEP = (
    "id",
    "case_id",
    "from_status",
    "to_status",
    "actor_id",
    "actor_role",
    "reason",
    "actor_name",
    "at",
    "kind",
    "detail",
)
_STEPS = (
    func.unnest(*(bindparam(f"step_{name}", type_=ARRAY(_HISTORY.c[name].type)) for name in _STEP))
    .table_valued(*(column(name, _HISTORY.c[name].type) for name in _STEP), with_ordinality="ordinality")
    .render_derived(name="steps")
)
_WRITE_HISTORY = insert(_HISTORY).from_select(
    list(_STEP), select(*(_STEPS.c[name] for name in _STEP)).order_by(_STEPS.c.ordinality)
)
_SAVE_MANY = (
    update(_CASE)
    .where(_CASE.c.id == _SAVING.c.id, _CASE.c.version == _SAVING.c.version)
    .values({name: _SAVING.c[name] for name in _SAVED[2:]} | {"version": _SAVING.c.version + 1})
    .returning(_CASE.c.id, _CASE.c.version)
)


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._history: list[dict[str, Any]] = []  # steps recorded, not yet written

    def add(self, case: Case, search_text: str) -> None:
        self._session.add(CaseRow(**_row_fields(case), search_text=search_text))

    async def get(self, case_id: uuid.UUID, *, for_update: bool = False) -> Case | None:
        query = select(CaseRow).where(col(CaseRow.id) == case_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else case_of(row)

    async def many_for_update(self, case_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Case]:
        """The cases that exist among `case_ids`, locked until the transaction ends (a bulk job's part)."""
        rows = await self._session.execute(
            select(CaseRow).where(col(CaseRow.id).in_(case_ids)).order_by(col(CaseRow.id)).with_for_update()
        )
        return {row.id: case_of(row) for row in rows.scalars()}

    async def imported(self, job_id: uuid.UUID, rows: Collection[int]) -> dict[int, Case]:
        """The cases an import job already made for these rows (a re-sent part finds them)."""
        found = await self._session.execute(
            select(CaseRow).where(col(CaseRow.import_job_id) == job_id, col(CaseRow.import_row).in_(rows))
        )
        return {row.import_row: case_of(row) for row in found.scalars() if row.import_row is not None}

    async def save(self, case: Case, search_text: str) -> Case | None:
        """Write `case` if the stored version is still `case.version`; the saved case (version + 1), or
        None when someone else changed it first (or it is gone)."""
        return (await self.save_many([(case, search_text)]))[0]

    async def save_many(self, changes: Sequence[tuple[Case, str]]) -> list[Case | None]:
        """`save` for many cases in one statement (a job's part): each saved case, or None for one that
        someone else changed first (or that is gone), in the order given."""
        if not changes:
            return []
        rows = [_saved_values(case, search_text) for case, search_text in changes]
        # Planned for these cases: a generic plan (PostgreSQL's after five runs of a prepared statement)
        # does not know how many there are, and may join them to every case rather than probe the key.
        await self._session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        # Core, not the ORM: no bookkeeping per row over everything the session holds.
        result = await self._session.execute(
            _SAVE_MANY, {f"saved_{name}": [row[i] for row in rows] for i, name in enumerate(_SAVED)}
        )
        versions: dict[uuid.UUID, int] = {row.id: row.version for row in result}
        # The session may hold these rows as read before: they are stale now, so the next read refreshes.
        for case_id in versions:
            if (row := self._session.identity_map.get(identity_key(CaseRow, case_id))) is not None:
                self._session.expire(row)
        return [
            replace(case, version=versions[case.id]) if case.id in versions else None for case, _ in changes
        ]

    async def delete(self, case_id: uuid.UUID, version: int) -> bool:
        result = await self._session.execute(
            delete(CaseRow)
            .where(col(CaseRow.id) == case_id, col(CaseRow.version) == version)
            .returning(col(CaseRow.id))
        )
        return result.first() is not None

    async def current_version(self, case_id: uuid.UUID) -> int | None:
        found = await self._session.execute(select(CaseRow.version).where(col(CaseRow.id) == case_id))
        return found.scalar_one_or_none()

    async def drafts_unchanged_since(self, before: datetime, *, limit: int) -> list[Case]:
        rows = await self._session.execute(
            select(CaseRow)
            .where(col(CaseRow.status) == "draft", col(CaseRow.updated_at) <= before)
            .order_by(col(CaseRow.updated_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [case_of(row) for row in rows.scalars()]

    async def drafts_to_warn(self, before: datetime, *, limit: int) -> list[Case]:
        """Drafts unchanged since `before` not yet warned about since their last change."""
        rows = await self._session.execute(
            select(CaseRow)
            .where(
                col(CaseRow.status) == "draft",
                col(CaseRow.updated_at) <= before,
                or_(
                    col(CaseRow.expiry_warned_for).is_(None),
                    col(CaseRow.expiry_warned_for) != col(CaseRow.updated_at),
                ),
            )
            .order_by(col(CaseRow.updated_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [case_of(row) for row in rows.scalars()]

    async def mark_expiry_warned(self, case_id: uuid.UUID, for_change_at: datetime) -> None:
        """Not a change of the case: its version and `updated_at` stay."""
        await self._session.execute(
            update(CaseRow).where(col(CaseRow.id) == case_id).values(expiry_warned_for=for_change_at)
        )

    def record(self, entry: HistoryEntry) -> None:
        """A step of a case's history, written with the others at the unit of work's next flush or commit
        (`write_history`): one statement for a part's 500 steps rather than an object each."""
        self._history.append(
            {
                "id": entry.id,
                "case_id": entry.case_id,
                "from_status": None if entry.from_status is None else entry.from_status.value,
                "to_status": entry.to_status.value,
                "actor_id": entry.actor_id,
                "actor_role": entry.actor_role.value,
                "reason": entry.reason,
                "actor_name": entry.actor_name,
                "at": entry.at,
                "kind": entry.kind.value,
                "detail": entry.detail,
            }
        )

    async def write_history(self) -> None:
        """The steps recorded so far, after the cases they belong to (the session flushed first)."""
        if not self._history:
            return
        steps, self._history = self._history, []
        await self._session.flush()
        await self._session.execute(
            _WRITE_HISTORY, {f"step_{name}": [step[name] for step in steps] for name in _STEP}
        )

    def forget_history(self) -> None:
        """Rolled back: the steps recorded are not written."""
        self._history = []

    async def history(self, case_id: uuid.UUID) -> list[HistoryEntry]:
        rows = await self._session.execute(
            select(CaseHistoryRow)
            .where(col(CaseHistoryRow.case_id) == case_id)
            .order_by(col(CaseHistoryRow.at), text("seq"))  # seq: a database-generated tie-breaker
        )
        return [
            HistoryEntry(
                id=row.id,
                case_id=row.case_id,
                from_status=None if row.from_status is None else CaseStatus(row.from_status),
                to_status=CaseStatus(row.to_status),
                actor_id=row.actor_id,
                actor_role=ActorRole(row.actor_role),
                reason=row.reason,
                actor_name=row.actor_name,
                at=row.at,
                kind=HistoryKind(row.kind),
                detail=row.detail,
            )
            for row in rows.scalars()
        ]

    def attach(self, attachment: Attachment, content: bytes) -> None:
        self._session.add(AttachmentRow(**_attachment_fields(attachment), content=content))

    async def attachments(self, case_id: uuid.UUID) -> list[Attachment]:
        columns = [col(getattr(AttachmentRow, name)) for name in Attachment.__dataclass_fields__]
        rows = await self._session.execute(
            select(*columns)
            .where(col(AttachmentRow.case_id) == case_id)
            .order_by(col(AttachmentRow.uploaded_at), col(AttachmentRow.id))
        )
        return [Attachment(**row._asdict()) for row in rows]

    async def attachment_content(
        self, case_id: uuid.UUID, attachment_id: uuid.UUID
    ) -> tuple[Attachment, bytes] | None:
        row = (
            await self._session.execute(
                select(AttachmentRow).where(
                    col(AttachmentRow.case_id) == case_id, col(AttachmentRow.id) == attachment_id
                )
            )
        ).scalar_one_or_none()
        if row is None:
            return None
        fields = {name: getattr(row, name) for name in Attachment.__dataclass_fields__}
        return Attachment(**fields), row.content

    async def remove_attachment(self, case_id: uuid.UUID, attachment_id: uuid.UUID) -> bool:
        result = await self._session.execute(
            delete(AttachmentRow)
            .where(col(AttachmentRow.case_id) == case_id, col(AttachmentRow.id) == attachment_id)
            .returning(col(AttachmentRow.id))
        )
        return result.first() is not None


def case_of(row: CaseRow) -> Case:
    return Case(
        id=row.id,
        dso_id=row.dso_id,
        team_id=row.team_id,
        installer_id=row.installer_id,
        installer_name=row.installer_name,
        case_type=row.case_type,
        case_type_version=row.case_type_version,
        status=CaseStatus(row.status),
        values=dict(row.values),
        address=row.address,
        lon=row.lon,
        lat=row.lat,
        grid_area_id=row.grid_area_id,
        case_number=row.case_number,
        created_at=row.created_at,
        updated_at=row.updated_at,
        submitted_at=row.submitted_at,
        completion_notice=None if row.completion_notice is None else dict(row.completion_notice),
        version=row.version,
        expiry_warned_for=row.expiry_warned_for,
        handler_id=row.handler_id,
        handler_name=row.handler_name,
        clock=ServiceLevelClock(
            row.sla_target_days, row.sla_used_days, row.sla_turn_started_on, row.sla_due_on
        ),
        project=None
        if row.project_id is None or row.group_id is None
        else ProjectPlace(row.project_id, row.group_id, row.import_job_id, row.import_row),
    )


def _row_fields(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "dso_id": case.dso_id,
        "team_id": case.team_id,
        "installer_id": case.installer_id,
        "installer_name": case.installer_name,
        "case_type": case.case_type,
        "case_type_version": case.case_type_version,
        "status": case.status.value,
        "case_number": case.case_number,
        "values": case.values,
        "completion_notice": case.completion_notice,
        "address": case.address,
        "lon": case.lon,
        "lat": case.lat,
        "grid_area_id": case.grid_area_id,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "submitted_at": case.submitted_at,
        "expiry_warned_for": case.expiry_warned_for,
        "version": case.version,
        "handler_id": case.handler_id,
        "handler_name": case.handler_name,
        "sla_target_days": case.clock.target_days,
        "sla_used_days": case.clock.used_days,
        "sla_turn_started_on": case.clock.turn_started_on,
        "sla_due_on": case.clock.due_on,
        "project_id": case.project.project_id if case.project else None,
        "group_id": case.project.group_id if case.project else None,
        "import_job_id": case.project.import_job_id if case.project else None,
        "import_row": case.project.import_row if case.project else None,
    }


def _saved_values(case: Case, search_text: str) -> tuple[Any, ...]:
    fields = _row_fields(case) | {"search_text": search_text}
    return tuple(fields[name] for name in _SAVED)


def _attachment_fields(attachment: Attachment) -> dict[str, Any]:
    return {name: getattr(attachment, name) for name in Attachment.__dataclass_fields__}

"""The case lists: one table, partial indexes per scope, a trigram index on `search_text` (ADR 0005)."""

from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, text
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from cases.adapters.tables import CaseRow
from cases.domain.case_list import CaseListQuery, CasePage, CaseSummary
from cases.domain.status import CaseStatus

_SUMMARY = (
    col(CaseRow.id),
    col(CaseRow.case_number),
    col(CaseRow.case_type),
    col(CaseRow.address),
    col(CaseRow.status),
    col(CaseRow.installer_id),
    col(CaseRow.installer_name),
    col(CaseRow.created_at),
    col(CaseRow.updated_at),
    col(CaseRow.submitted_at),
    col(CaseRow.handler_id),
    col(CaseRow.handler_name),
    col(CaseRow.sla_due_on),
)


class CaseQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, query: CaseListQuery) -> CasePage:
        # Plans for these values, not generic ones: a team's statuses are skewed (most cases closed, few
        # planned), and the generic plan PostgreSQL adopts after five runs of a prepared statement guesses
        # a few hundred rows, bitmap-scans and sorts them all: 400 ms instead of 5 for a 50,000-case team
        # (bench/cases_list.py). Planning each list query costs about a millisecond.
        await self._session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        conditions = _conditions(query)
        total = (
            await self._session.execute(select(func.count()).select_from(CaseRow).where(*conditions))
        ).scalar_one()
        offset = (query.page - 1) * query.page_size
        if offset >= total:
            # Nothing to show: an ordered scan for a page that does not exist would read the whole scope.
            return CasePage([], total)
        sort_column: Any = getattr(CaseRow, query.sort.key)
        order = col(sort_column).desc() if query.sort.descending else col(sort_column).asc()
        if query.sort.key == "sla_due_on":  # cases without a deadline come after every dated one
            order = order.nulls_last()
        tie = col(CaseRow.id).desc() if query.sort.descending else col(CaseRow.id).asc()
        rows = await self._session.execute(
            select_columns(*_SUMMARY)
            .where(*conditions)
            # Every sort column but the due date is NOT NULL on sent cases: one index serves both ways.
            .order_by(order, tie)
            .limit(query.page_size)
            .offset(offset)
        )
        items = [CaseSummary(**{**row._asdict(), "status": CaseStatus(row.status)}) for row in rows]
        return CasePage(items, total)


def _conditions(query: CaseListQuery) -> list[ColumnElement[bool]]:
    # The draft / sent split is written exactly as the partial indexes' predicates, with 'draft' a literal
    # rather than a bound parameter: a generic plan (PostgreSQL's choice after five runs on a connection)
    # can only use a partial index whose predicate it sees in the SQL itself.
    draft: ColumnElement[str] = literal_column("'draft'")
    conditions: list[ColumnElement[bool]] = [
        col(CaseRow.status) == draft if query.drafts else col(CaseRow.status) != draft
    ]
    if query.team_id is not None:
        conditions.append(col(CaseRow.team_id) == query.team_id)
    if query.dso_id is not None:
        conditions.append(col(CaseRow.dso_id) == query.dso_id)
    if query.statuses:
        conditions.append(col(CaseRow.status).in_([status.value for status in query.statuses]))
    if query.case_type:
        conditions.append(col(CaseRow.case_type) == query.case_type)
    if query.installer_id is not None:
        conditions.append(col(CaseRow.installer_id) == query.installer_id)
    if query.handler_id is not None:
        conditions.append(col(CaseRow.handler_id) == query.handler_id)
    if query.unassigned:
        conditions.append(col(CaseRow.handler_id).is_(None))
    if query.submitted_before is not None:
        conditions.append(col(CaseRow.submitted_at) <= query.submitted_before)
    if query.due_by is not None:
        conditions.append(col(CaseRow.sla_due_on) <= query.due_by)
    for word in query.words:
        conditions.append(col(CaseRow.search_text).like(f"%{_escape(word)}%", escape="\\"))
    return conditions


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

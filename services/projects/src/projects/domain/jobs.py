"""Batch jobs: an import's case creation, or one bulk action over many cases.

A job is cut into parts; each part is one request event to the cases service and one answer back. The
job's items say, per row or case, what became of it; the job is finished when every item has an outcome.
"""

import enum
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

T = TypeVar("T")

IMPORT_PART_SIZE = 100  # rows per part: one sealed event of ~100 kB and one transaction in cases
ACTION_PART_SIZE = 500  # cases per bulk-action part (ids only)


class JobKind(enum.StrEnum):
    IMPORT = "import"
    BULK_ACTION = "bulk_action"


class ItemOutcome(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Job:
    id: uuid.UUID
    project_id: uuid.UUID
    kind: JobKind
    action: str | None  # the bulk action; None for an import
    group_id: uuid.UUID | None  # the import's group
    requested_by: uuid.UUID
    total: int
    done: int
    failed: int
    created_at: datetime
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.total


@dataclass(frozen=True, slots=True)
class JobItem:
    position: int  # the row number (import) or the case's place in the selection (bulk action)
    case_id: uuid.UUID | None
    outcome: ItemOutcome
    reason: str | None = None
    code: str | None = None
    case_number: str | None = None
    address: str | None = None


def parts(items: Sequence[T], size: int) -> Iterator[tuple[int, Sequence[T]]]:
    """(part number, its items), in order."""
    for number, start in enumerate(range(0, len(items), size)):
        yield number, items[start : start + size]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What the cases service did with one row (import) or case (bulk action) of a part."""

    row_number: int | None
    case_id: uuid.UUID | None
    outcome: ItemOutcome
    reason: str | None = None
    code: str | None = None
    case_number: str | None = None


def recorded_items(
    kind: JobKind, results: Iterable[ItemResult], positions: Mapping[uuid.UUID, int]
) -> list[JobItem]:
    """The results as outcomes of the job's items: an import's by row number, a bulk action's by the case's
    place in the selection (`positions`). A result that names no item of the job is dropped: there is
    nothing to record it on, and a pending item stays visibly pending."""
    items = []
    for result in results:
        if kind is JobKind.IMPORT:
            position = result.row_number
        else:
            position = positions.get(result.case_id) if result.case_id is not None else None
        if position is None or result.outcome is ItemOutcome.PENDING:
            continue
        items.append(
            JobItem(
                position=position,
                case_id=result.case_id,
                outcome=result.outcome,
                reason=None if result.reason is None else result.reason[:500],
                code=None if result.code is None else result.code[:40],
                case_number=result.case_number,
            )
        )
    return items

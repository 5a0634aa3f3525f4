"""What a case list asks for: scope, filters, free text, sort and page (ADR 0005)."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from cases.domain.status import CaseStatus

PAGE_SIZES = (10, 25, 50, 100)
SORT_KEYS = (
    "created_at",
    "updated_at",
    "case_number",
    "case_type",
    "address",
    "status",
    "installer_name",
    "handler_name",
    "sla_due_on",  # the queue: the cases nearest their service-level target first; those without last
)


class InvalidListQuery(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Sort:
    key: str
    descending: bool

    @classmethod
    def parse(cls, text: str) -> "Sort":
        """`created_at` ascending, `-created_at` descending."""
        key = text.removeprefix("-")
        if key not in SORT_KEYS:
            raise InvalidListQuery("sort", "must be one of " + ", ".join(SORT_KEYS) + " (minus: descending)")
        return cls(key, text.startswith("-"))


@dataclass(frozen=True, slots=True)
class CaseListQuery:
    """Exactly one of `team_id` and `dso_id` scopes the list; drafts are listed apart from sent cases."""

    team_id: uuid.UUID | None = None
    dso_id: str | None = None
    drafts: bool = False
    statuses: tuple[CaseStatus, ...] = ()
    case_type: str | None = None
    installer_id: uuid.UUID | None = None  # "mine"
    handler_id: uuid.UUID | None = None  # the DSO's "assigned to"
    unassigned: bool = False
    submitted_before: datetime | None = None  # the queue's age filter: waiting at least so long
    due_by: date | None = None  # the queue's flags: due on or before this day (near or past the target)
    text: str = ""
    sort: Sort = Sort("created_at", True)
    page: int = 1
    page_size: int = 10

    def __post_init__(self) -> None:
        if (self.team_id is None) == (self.dso_id is None):
            raise ValueError("a case list is scoped to one team or one DSO")
        if self.page_size not in PAGE_SIZES:
            raise InvalidListQuery("page_size", "must be one of " + ", ".join(map(str, PAGE_SIZES)))
        if self.page < 1:
            raise InvalidListQuery("page", "pages start at 1")
        if len(self.text) > 200:
            raise InvalidListQuery("q", "must be at most 200 characters")
        if self.unassigned and self.handler_id is not None:
            raise InvalidListQuery("handler", "a case is either assigned to someone or unassigned")

    @property
    def words(self) -> list[str]:
        """Every word must occur somewhere in the row (any column, any order)."""
        return [word.lower() for word in self.text.split()][:8]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: uuid.UUID
    case_number: str | None
    case_type: str
    address: str
    status: CaseStatus
    installer_id: uuid.UUID
    installer_name: str
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    handler_id: uuid.UUID | None = None
    handler_name: str = ""
    sla_due_on: date | None = None


@dataclass(frozen=True, slots=True)
class CasePage:
    items: list[CaseSummary]
    total: int

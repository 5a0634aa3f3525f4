"""The "Ärenden" list as a URL: filters, free text, sort and page are GET parameters, so a list view is a
link one can share. What the browser sends is cleaned here (unknown values fall back to the defaults)
before it becomes the cases service's query, and the links of the page are built from the same state."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import get_args
from urllib.parse import urlencode

from contracts.events.cases import CaseStatus
from gateway.domain.navigation import is_case_type_code

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = PAGE_SIZES[0]
# The columns of the list, in order; each can sort it (cases' `sort` keys, minus for descending).
COLUMNS = ("case_number", "case_type", "address", "created_at", "status", "installer_name")
# The DSO's queue adds who handles each case and when its service-level target runs out.
QUEUE_COLUMNS = (*COLUMNS, "handler_name", "sla_due_on")
HANDLER_FILTERS = ("me", "none")  # "assigned to me", "unassigned"
DUE_FILTERS = ("soon", "overdue")
AGE_FILTERS = (2, 5, 10, 20)  # days since sent
DEFAULT_SORT = "-created_at"
# Sent statuses, in life-cycle order (as the published case events name them): never drafts.
STATUSES: tuple[str, ...] = tuple(status for status in get_args(CaseStatus) if status != "draft")
MAX_QUERY_LENGTH = 100
MAX_PAGE = 100_000


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One view of a list: what it is filtered by, how it is sorted and which page is shown."""

    status: str | None = None
    case_type: str | None = None
    q: str = ""
    mine: bool = False
    handler: str | None = None  # the queue's: HANDLER_FILTERS
    due: str | None = None  # the queue's: DUE_FILTERS
    min_age: int | None = None  # the queue's: AGE_FILTERS
    sort: str = DEFAULT_SORT
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> "ListQuery":
        """The view a URL's query asks for; anything unusable is the default rather than an error page
        (a hand-edited or old link still shows a list)."""
        status = params.get("status") or None
        case_type = params.get("case_type") or None
        sort = params.get("sort") or DEFAULT_SORT
        page_size = _number(params.get("page_size"), DEFAULT_PAGE_SIZE)
        handler, due = params.get("handler"), params.get("due")
        min_age = _number(params.get("min_age"), 0)
        return cls(
            status=status if status in STATUSES else None,
            case_type=case_type if is_case_type_code(case_type) else None,
            q=" ".join((params.get("q") or "").split())[:MAX_QUERY_LENGTH],
            mine=params.get("mine") == "true",
            handler=handler if handler in HANDLER_FILTERS else None,
            due=due if due in DUE_FILTERS else None,
            min_age=min_age if min_age in AGE_FILTERS else None,
            sort=sort if sort.removeprefix("-") in QUEUE_COLUMNS else DEFAULT_SORT,
            page=min(max(_number(params.get("page"), 1), 1), MAX_PAGE),
            page_size=page_size if page_size in PAGE_SIZES else DEFAULT_PAGE_SIZE,
        )

    def api_params(self) -> dict[str, str | int]:
        """`GET /cases`'s query: only what differs from "everything", plus sort and paging."""
        params: dict[str, str | int] = {"sort": self.sort, "page": self.page, "page_size": self.page_size}
        if self.status:
            params["status"] = self.status
        if self.case_type:
            params["case_type"] = self.case_type
        if self.q:
            params["q"] = self.q
        if self.mine:
            params["mine"] = "true"
        if self.handler:
            params["handler"] = self.handler
        if self.due:
            params["due"] = self.due
        if self.min_age:
            params["min_age_days"] = self.min_age
        return params

    def url(self, path: str, **changes: str | int | bool | None) -> str:
        """This view's address with `changes` (e.g. another page); defaults are left out of it."""
        view = replace(self, **changes)  # type: ignore[arg-type]  # each change is its field's type
        params: dict[str, str | int] = {}
        for name, value, default in (
            ("status", view.status, None),
            ("case_type", view.case_type, None),
            ("q", view.q, ""),
            ("mine", "true" if view.mine else "", ""),
            ("handler", view.handler, None),
            ("due", view.due, None),
            ("min_age", view.min_age, None),
            ("sort", view.sort, DEFAULT_SORT),
            ("page_size", view.page_size, DEFAULT_PAGE_SIZE),
            ("page", view.page, 1),
        ):
            if value is not None and value != default:
                params[name] = value
        return f"{path}?{urlencode(params)}" if params else path

    def sorted_by(self, column: str) -> str:
        """The sort a column's header links to: the other direction when the list is sorted by it already,
        else ascending. The page starts over, since its rows would be others."""
        return column if self.sort == f"-{column}" else (f"-{column}" if self.sort == column else column)

    def sort_state(self, column: str) -> str:
        """The column's `aria-sort`: ascending, descending or none."""
        if self.sort == column:
            return "ascending"
        return "descending" if self.sort == f"-{column}" else "none"

    @property
    def filtered(self) -> bool:
        return bool(
            self.status or self.case_type or self.q or self.mine or self.handler or self.due or self.min_age
        )


def _number(text: str | None, default: int) -> int:
    digits = (text or "").strip()
    if not digits or not digits.isascii() or not digits.isdigit():
        return default
    return int(digits[:9])

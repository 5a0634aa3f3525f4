"""A project's batch jobs as the portal shows them: an import's or a bulk action's progress (done and failed
out of total) and, per row or case, what became of it; and an import refused as a whole, every wrong row
and column listed at once (ADR 0007)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gateway.domain.project_actions import DSO_ACTIONS, TEAM_ACTIONS

OUTCOMES = ("pending", "done", "failed")
ACTION_CODES = frozenset(action.code for action in (*TEAM_ACTIONS, *DSO_ACTIONS))
# Why a row or case failed, as cases names it (`code`); its `reason` is English, so the page says these in
# the reader's language and shows the reason beside for the detail.
FAILURE_CODES = (
    "not_found",
    "not_allowed",
    "reason_required",
    "unknown_person",
    "no_values",
    "invalid_values",
    "incomplete",
    "unknown_case_type",
)


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    done: int
    failed: int
    finished: bool

    @classmethod
    def of(cls, job: Mapping[str, Any]) -> "Progress":
        total, done, failed = (_count(job.get(key)) for key in ("total", "done", "failed"))
        if "finished" in job or "finished_at" in job:  # projects says so once every item has its outcome
            finished = bool(job.get("finished")) or bool(job.get("finished_at"))
        else:
            finished = done + failed >= total
        return cls(total, done, failed, finished)

    @property
    def handled(self) -> int:
        return min(self.done + self.failed, self.total)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else (100 * self.handled) // self.total

    def as_json(self) -> dict[str, int | bool]:
        """What the job page's script polls for."""
        return {
            "total": self.total,
            "done": self.done,
            "failed": self.failed,
            "handled": self.handled,
            "finished": self.finished,
        }


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def job_title_key(job: Mapping[str, Any]) -> str:
    """The text naming the kind of job: an import, or a bulk action."""
    return "project.job.kind.import" if job.get("kind") == "import" else "project.job.kind.bulk_action"


def action_key(job: Mapping[str, Any]) -> str | None:
    """The text naming a bulk action's action, when it is one the portal knows."""
    action = job.get("action")
    return f"project.action.{action}" if action in ACTION_CODES else None


def items_of(job: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The job's rows or cases, the failed first (they need the reader), each set in position order."""
    items = [item for item in job.get("items") or () if isinstance(item, Mapping)]
    return sorted(items, key=lambda item: (item.get("outcome") != "failed", _count(item.get("position"))))


def outcome_of(item: Mapping[str, Any]) -> str:
    outcome = item.get("outcome")
    return outcome if isinstance(outcome, str) and outcome in OUTCOMES else "pending"


def failure_key(item: Mapping[str, Any]) -> str | None:
    """The text saying why an item failed, when cases named a known code."""
    code = item.get("code")
    return f"project.job.code.{code}" if code in FAILURE_CODES else None


@dataclass(frozen=True, slots=True)
class RowError:
    """One wrong cell (or row, or the file as a whole) of a refused import."""

    row: int | None  # as Excel numbers it; None: the file as a whole
    column: str  # the column's letter in the file uploaded, when projects could tell
    label: str  # the field's label (in the reader's language), else its name
    message: str


def import_errors(problem: Mapping[str, Any]) -> list[RowError]:
    """Projects' `errors` of a refused import (`{row, column, field, label, message}`): the file's own
    first, then by row and column."""
    found = [
        RowError(
            row=item["row"] if isinstance(item.get("row"), int) else None,
            column=str(item.get("column") or ""),
            label="" if item.get("field") == "file" else str(item.get("label") or item.get("field") or ""),
            message=str(item.get("message") or ""),
        )
        for item in problem.get("errors") or ()
        if isinstance(item, Mapping)
    ]
    return sorted(
        found, key=lambda error: (error.row is not None, error.row or 0, len(error.column), error.column)
    )


def wrong_rows(errors: list[RowError]) -> int:
    """How many rows of the file are wrong."""
    return len({error.row for error in errors if error.row is not None})

"""The service-level clock: how long a case has waited on the DSO and on the installer, in working days,
and when the DSO's target for its type runs out.

Whose turn it is follows the status: the DSO decides and plans (submitted, planning) and closes once told
the work is done (completion notice received, ready for meter); the installer works while the case is in
progress. Finished cases stop the clock. The target counts the DSO's working days only, so a case that
waited on the installer is not flagged for it.
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from cases.domain.records import HistoryEntry
from cases.domain.status import CaseStatus
from cases.domain.working_days import WorkingCalendar

WAITS_ON_DSO = frozenset(
    {
        CaseStatus.SUBMITTED,
        CaseStatus.PLANNING,
        CaseStatus.COMPLETION_NOTICE_RECEIVED,
        CaseStatus.READY_FOR_METER,
    }
)
WAITS_ON_INSTALLER = frozenset({CaseStatus.IN_PROGRESS})
NEAR_DUE_WORKING_DAYS = 2  # "near" leaves a handler two working days to act


class Urgency(enum.StrEnum):
    NONE = "none"  # no target, or not the DSO's turn
    OK = "ok"
    NEAR = "near"
    PAST = "past"


@dataclass(frozen=True, slots=True)
class ServiceLevelClock:
    """What the case row keeps so that the queue can sort and flag by due date with an index."""

    target_days: int | None = None  # the type's target when the case was sent
    used_days: int = 0  # the DSO's working days before its current turn
    turn_started_on: date | None = None  # the DSO's current turn began (None: not its turn)
    due_on: date | None = None  # the last working day within the target (None: no target or not its turn)

    @classmethod
    def started(cls, target_days: int | None, today: date, calendar: WorkingCalendar) -> "ServiceLevelClock":
        """The clock of a case sent today: the DSO's turn begins."""
        return cls(target_days).after(CaseStatus.SUBMITTED, today, calendar)

    def after(self, status: CaseStatus, today: date, calendar: WorkingCalendar) -> "ServiceLevelClock":
        """The clock once the case has moved to `status` today."""
        used = self.used_days
        if self.turn_started_on is not None:
            used += calendar.working_days_between(self.turn_started_on, today)
        if status not in WAITS_ON_DSO:
            return replace(self, used_days=used, turn_started_on=None, due_on=None)
        if self.turn_started_on is not None:
            return self  # still the DSO's turn (planning after submitted): the same deadline runs on
        due = None if self.target_days is None else calendar.add_working_days(today, self.target_days - used)
        return replace(self, used_days=used, turn_started_on=today, due_on=due)

    def urgency(self, today: date, calendar: WorkingCalendar) -> Urgency:
        if self.due_on is None:
            return Urgency.NONE
        if today > self.due_on:
            return Urgency.PAST
        if calendar.working_days_between(today, self.due_on) <= NEAR_DUE_WORKING_DAYS:
            return Urgency.NEAR
        return Urgency.OK


@dataclass(frozen=True, slots=True)
class Waited:
    on_dso: int
    on_installer: int


def waited(history: Sequence[HistoryEntry], now: datetime, calendar: WorkingCalendar) -> Waited:
    """Working days spent in the DSO's and the installer's turns, from the status steps (oldest first)."""
    on_dso = on_installer = 0
    steps = [entry for entry in history if entry.from_status != entry.to_status]
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        start = calendar.local_date(step.at)
        end = calendar.local_date(following.at if following is not None else now)
        days = calendar.working_days_between(start, end)
        if step.to_status in WAITS_ON_DSO:
            on_dso += days
        elif step.to_status in WAITS_ON_INSTALLER:
            on_installer += days
    return Waited(on_dso, on_installer)

"""The service-level clock: the DSO's working days count against the type's target, the installer's not."""

import uuid
from datetime import UTC, date, datetime

from cases.domain.records import HistoryEntry
from cases.domain.roles import ActorRole
from cases.domain.service_level import ServiceLevelClock, Urgency, waited
from cases.domain.status import CaseStatus
from cases.domain.working_days import calendar_for

SE = calendar_for("SE")
S = CaseStatus
MONDAY = date(2026, 11, 23)


def test_a_sent_case_is_due_after_the_target_in_working_days() -> None:
    clock = ServiceLevelClock.started(5, MONDAY, SE)
    assert clock.due_on == date(2026, 11, 30)  # five working days later: the next Monday
    assert clock.urgency(MONDAY, SE) == Urgency.OK
    assert clock.urgency(date(2026, 11, 26), SE) == Urgency.NEAR  # two working days left
    assert clock.urgency(date(2026, 11, 30), SE) == Urgency.NEAR  # the last day
    assert clock.urgency(date(2026, 12, 1), SE) == Urgency.PAST


def test_planning_keeps_the_deadline_running() -> None:
    clock = ServiceLevelClock.started(5, MONDAY, SE).after(S.PLANNING, date(2026, 11, 25), SE)
    assert clock.due_on == date(2026, 11, 30)


def test_the_installers_turn_stops_the_clock_and_the_dsos_next_turn_resumes_it() -> None:
    clock = ServiceLevelClock.started(5, MONDAY, SE)
    working = clock.after(S.IN_PROGRESS, date(2026, 11, 25), SE)  # the DSO used two days
    assert (working.used_days, working.due_on, working.urgency(date(2027, 3, 1), SE)) == (
        2,
        None,
        Urgency.NONE,
    )
    # The completion notice comes weeks later: three of the five days are left.
    noticed = working.after(S.COMPLETION_NOTICE_RECEIVED, date(2026, 12, 14), SE)
    assert noticed.due_on == date(2026, 12, 17)
    closed = noticed.after(S.CLOSED, date(2026, 12, 15), SE)
    assert (closed.used_days, closed.due_on) == (3, None)


def test_without_a_target_nothing_is_ever_due() -> None:
    clock = ServiceLevelClock.started(None, MONDAY, SE)
    assert clock.due_on is None and clock.urgency(date(2030, 1, 1), SE) == Urgency.NONE


def _step(to: CaseStatus, at: datetime, from_status: CaseStatus | None = None) -> HistoryEntry:
    return HistoryEntry(uuid.uuid4(), from_status, to, uuid.uuid4(), ActorRole.INSTALLER, at)


def test_waiting_is_counted_per_party_from_the_history() -> None:
    history = [
        _step(S.DRAFT, datetime(2026, 11, 16, 9, tzinfo=UTC)),
        _step(S.SUBMITTED, datetime(2026, 11, 23, 9, tzinfo=UTC), S.DRAFT),  # Monday
        _step(S.IN_PROGRESS, datetime(2026, 11, 26, 9, tzinfo=UTC), S.SUBMITTED),  # Thursday: 3 days
        _step(S.READY_FOR_METER, datetime(2026, 12, 3, 9, tzinfo=UTC), S.IN_PROGRESS),  # 5 days
    ]
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)  # Monday: two more working days on the DSO
    assert waited(history, now, SE).on_dso == 5
    assert waited(history, now, SE).on_installer == 5

"""Working days per country: weekends, public holidays and the eves offices close on do not count."""

from datetime import UTC, date, datetime

import pytest

from cases.domain.working_days import WorkingCalendar, calendar_for

SE, DK = calendar_for("SE"), calendar_for("DK")


@pytest.mark.parametrize(
    ("calendar", "day", "working"),
    [
        (SE, date(2026, 11, 23), True),  # a Monday
        (SE, date(2026, 11, 28), False),  # a Saturday
        (SE, date(2026, 6, 19), False),  # midsommarafton
        (SE, date(2026, 12, 24), False),  # julafton
        (SE, date(2026, 12, 31), False),  # nyårsafton
        (SE, date(2026, 5, 1), False),  # första maj
        (SE, date(2026, 5, 14), False),  # Kristi himmelsfärd
        (DK, date(2026, 4, 2), False),  # skærtorsdag (a working day in Sweden)
        (SE, date(2026, 4, 2), True),
        (DK, date(2026, 6, 5), False),  # grundlovsdag
        (DK, date(2026, 5, 1), True),  # most Danish offices work on 1 May
        (DK, date(2026, 5, 25), False),  # 2. pinsedag
    ],
)
def test_which_days_are_working_days(calendar: WorkingCalendar, day: date, working: bool) -> None:
    assert calendar.is_working_day(day) is working


def test_a_case_sent_before_christmas_waits_only_working_days() -> None:
    # Tue 22 Dec 2026 to Mon 4 Jan 2027: 23 Dec, 28-30 Dec and 4 Jan work; the eves and holidays do not.
    assert SE.working_days_between(date(2026, 12, 22), date(2027, 1, 4)) == 5


def test_adding_working_days_skips_the_weekend_and_holidays() -> None:
    assert SE.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday + 1 = Monday
    assert SE.add_working_days(date(2026, 12, 22), 5) == date(2027, 1, 4)
    assert SE.add_working_days(date(2026, 12, 22), 0) == date(2026, 12, 22)


def test_the_local_date_is_the_offices_day() -> None:
    late_evening_utc = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # already Tuesday in Stockholm
    assert SE.local_date(late_evening_utc) == date(2026, 11, 24)


def test_an_unknown_country_has_no_calendar() -> None:
    with pytest.raises(ValueError, match="NO"):
        WorkingCalendar("NO")

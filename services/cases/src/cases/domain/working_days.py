"""Working days in the DSO's country: weekdays that are neither public holidays nor the days everyone has
off in practice (Swedish midsummer, Christmas and New Year's eves; Danish Constitution Day and the same
eves), because a service level counted over those days promises what no DSO office can keep."""

from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

_TIME_ZONES = {"SE": "Europe/Stockholm", "DK": "Europe/Copenhagen"}
# holidays' categories: Sweden's "de facto" days are the eves offices close on. Denmark's "optional" ones
# are those eves and Constitution Day, but also 1 May, which most Danish offices work.
_CATEGORIES = {"SE": ("public", "de_facto"), "DK": ("public", "optional")}
_WORKED_ANYWAY = {"DK": frozenset({(5, 1)})}


class WorkingCalendar:
    def __init__(self, country: str) -> None:
        if country not in _CATEGORIES:
            raise ValueError(f"no working-day calendar for country {country!r}")
        self.country = country
        self.time_zone = ZoneInfo(_TIME_ZONES[country])
        self._holidays = holidays.country_holidays(country, categories=_CATEGORIES[country])
        self._worked_anyway = _WORKED_ANYWAY.get(country, frozenset())

    def local_date(self, instant: datetime) -> date:
        """The day it is at the DSO's office at that instant."""
        return instant.astimezone(self.time_zone).date()

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        return day not in self._holidays or (day.month, day.day) in self._worked_anyway

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when `end` is not after `start`):
        a case sent on Monday has waited one working day on Tuesday."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def add_working_days(self, start: date, days: int) -> date:
        """The working day `days` working days after `start` (`start` itself when `days` <= 0)."""
        day = start
        while days > 0:
            day += timedelta(days=1)
            days -= self.is_working_day(day)
        return day


@cache
def calendar_for(country: str) -> WorkingCalendar:
    return WorkingCalendar(country)

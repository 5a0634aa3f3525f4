"""Instants as a recipient reads them: their language's words, their country's clock."""

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from notifications.domain.mail import Language

# Swedish readers get Swedish time, Danish readers Danish time. English has no country: the platform's
# DSOs are mostly Swedish, so Swedish time, with the zone's abbreviation spelled out.
MAIL_TIME_ZONES: dict[Language, str] = {
    "sv": "Europe/Stockholm",
    "da": "Europe/Copenhagen",
    "en": "Europe/Stockholm",
}

# One line per language (a list literal would take 36 lines after formatting).
_MONTHS: dict[Language, list[str]] = {
    "sv": "januari februari mars april maj juni juli augusti september oktober november december".split(),  # noqa: SIM905
    "da": "januar februar marts april maj juni juli august september oktober november december".split(),  # noqa: SIM905
    "en": "January February March April May June July August September October November December".split(),  # noqa: SIM905
}


@cache
def mail_time_zone(language: Language) -> ZoneInfo:
    """Raises ZoneInfoNotFoundError where the system has no time zone database (install tzdata)."""
    return ZoneInfo(MAIL_TIME_ZONES[language])


def format_local_time(instant: datetime, language: Language) -> str:
    """`24 november 2026 kl. 14:30` (sv), `24. november 2026 kl. 14.30` (da), `24 November 2026 at
    14:30 CET` (en)."""
    if instant.tzinfo is None:
        raise ValueError("a time without a zone cannot be shown in the recipient's time zone")
    local = instant.astimezone(mail_time_zone(language))
    month = _MONTHS[language][local.month - 1]
    if language == "sv":
        return f"{local.day} {month} {local.year} kl. {local:%H:%M}"
    if language == "da":
        return f"{local.day}. {month} {local.year} kl. {local:%H.%M}"
    return f"{local.day} {month} {local.year} at {local:%H:%M} {local.tzname()}"

"""Instants as the portal shows them: the reader's language, their country's clock, to the minute."""

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from gateway.domain.language import Language

# Danish readers get Danish time; Swedish and English readers Swedish time (the platform's DSOs are
# mostly Swedish). The two zones never differ today, but the law may change.
TIME_ZONES: dict[Language, str] = {
    "sv": "Europe/Stockholm",
    "da": "Europe/Copenhagen",
    "en": "Europe/Stockholm",
}
_FORMATS: dict[Language, str] = {"sv": "%Y-%m-%d %H:%M", "da": "%d.%m.%Y kl. %H.%M", "en": "%d %b %Y %H:%M"}


@cache
def _zone(language: Language) -> ZoneInfo:
    return ZoneInfo(TIME_ZONES[language])


def local_time(instant: datetime | str | None, language: Language) -> str:
    """`2026-01-05 14:32` (sv), `05.01.2026 kl. 14.32` (da), `05 Jan 2026 14:32` (en); "" for none.

    Identity's JSON gives ISO 8601 strings with a zone; a time without one is taken as UTC."""
    if instant is None or instant == "":
        return ""
    if isinstance(instant, str):
        instant = datetime.fromisoformat(instant)
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=ZoneInfo("UTC"))
    return instant.astimezone(_zone(language)).strftime(_FORMATS[language])

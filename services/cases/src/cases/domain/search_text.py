"""The text a case is found by in the lists' free-text filter: every column users see, in every language
(ADR 0005), lower case so a trigram index serves `ILIKE`."""

from datetime import datetime
from zoneinfo import ZoneInfo

from cases.domain.status import CaseStatus
from cases.domain.texts import Texts

# The portal's DSOs are Swedish and Danish: both on Central European Time, so one zone names the day.
LOCAL_ZONE = ZoneInfo("Europe/Stockholm")


def search_text(
    *,
    case_number: str | None,
    type_names: Texts,
    address: str,
    created_at: datetime,
    status: CaseStatus,
    installer_name: str,
) -> str:
    status_labels = {status.label("sv"), status.label("da"), status.label("en")}
    parts = [
        case_number or "",
        type_names.sv,
        type_names.da,
        type_names.en,
        address,
        created_at.astimezone(LOCAL_ZONE).date().isoformat(),
        *sorted(status_labels),
        installer_name,
    ]
    return " | ".join(part for part in parts if part).lower()

"""How a case's parts read on a page: its address, its status's colour, a file's size, its completion
notice's values."""

from collections.abc import Mapping
from typing import Any

from gateway.domain.language import Language

# The statuses' colours (portal.css): waiting for the DSO, being worked on, done, stopped.
STATUS_CLASSES = {
    "draft": "status--inactive",
    "submitted": "status--submitted",
    "planning": "status--working",
    "in_progress": "status--working",
    "completion_notice_received": "status--working",
    "ready_for_meter": "status--working",
    "closed": "status--approved",
    "archived": "status--inactive",
    "rejected": "status--rejected",
    "cancelled": "status--rejected",
}


def status_class(status: str | None) -> str:
    return STATUS_CLASSES.get(status or "", "status--inactive")


def address_text(address: Any) -> str:
    """Cases' address as one line: a text as it is, or an address object's label (else its parts)."""
    if isinstance(address, Mapping):
        if address.get("label"):
            return str(address["label"])
        street = " ".join(str(address[key]) for key in ("street", "number") if address.get(key))
        town = " ".join(str(address[key]) for key in ("postcode", "town") if address.get(key))
        return ", ".join(part for part in (street, town) if part)
    return "" if address is None else str(address)


def file_size(size: int | None, language: Language) -> str:
    """`840 kB`, `1,2 MB` (a point in English); "" when unknown."""
    if size is None:
        return ""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    megabytes = f"{size / 1_000_000:.1f}"
    return f"{megabytes if language == 'en' else megabytes.replace('.', ',')} MB"


def completion_values(notice: Any) -> dict[str, str]:
    """A sent completion notice's values, whether cases gives them bare or under `values`."""
    if not isinstance(notice, Mapping):
        return {}
    values: Mapping[str, Any] = notice["values"] if isinstance(notice.get("values"), Mapping) else notice
    return {str(name): "" if value is None else str(value) for name, value in values.items()}

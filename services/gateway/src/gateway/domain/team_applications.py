"""The DSO admin's view of team applications: which statuses there are, and pending ones first."""

from collections.abc import Iterable, Mapping
from typing import Any

PENDING = "submitted"
STATUSES = (PENDING, "approved", "rejected")


def status_filter(value: str | None) -> str | None:
    """A status to filter by, or None (all) for anything unknown."""
    return value if value in STATUSES else None


def pending_first(applications: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Undecided applications on top; within each group the order identity gave (newest first)."""
    return sorted(applications, key=lambda application: application.get("status") != PENDING)


def organisation_number(compact: str) -> str:
    """As people write it: Swedish `556036-0793`; Danish CVR numbers (8 digits) as they are."""
    if len(compact) == 10 and compact.isdigit():
        return f"{compact[:6]}-{compact[6:]}"
    return compact


def inline_disposition(identity_disposition: str | None) -> str:
    """Identity offers the certificate as a download; the portal shows it in the browser, same name."""
    if identity_disposition and identity_disposition.lower().startswith("attachment"):
        return "inline" + identity_disposition[len("attachment") :]
    return "inline"

"""Drafts are deleted 14 days after their last change (the cases service's job): how long one has left."""

import math
from datetime import UTC, datetime

DAY_SECONDS = 86_400


def days_left(expires_at: datetime | str | None, now: datetime) -> int | None:
    """Whole days until the draft goes, rounded up ("om 14 dagar" the day it was saved), never below 0;
    None when cases gave no date. A time without a zone is UTC, as in local_time."""
    if expires_at is None or expires_at == "":
        return None
    if isinstance(expires_at, str):
        expires_at = datetime.fromisoformat(expires_at)
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    return max(0, math.ceil((expires_at - now).total_seconds() / DAY_SECONDS))

"""A one-time link to set a password: single use, 30 minutes, only its hash kept."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

LINK_LIFETIME = timedelta(minutes=30)
Purpose = Literal["team_admin_welcome", "resource_welcome", "password_reset"]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class PasswordLink:
    user_id: uuid.UUID
    token_sha256: str
    purpose: Purpose
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def issue(cls, user_id: uuid.UUID, purpose: Purpose, now: datetime) -> tuple["PasswordLink", str]:
        """The link to store and the token to mail (the only place it exists in clear)."""
        token = secrets.token_urlsafe(32)
        link = cls(user_id, token_hash(token), purpose, created_at=now, expires_at=now + LINK_LIFETIME)
        return link, token

    def usable_at(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at

"""A login ("session" at identity): open until it expires, is logged out, or is ended for the user.

The refresh token is 256 random bits; only its SHA-256 is kept, so a database leak opens no session.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta


def refresh_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class LoginSession:
    user_id: uuid.UUID
    refresh_token_sha256: str
    created_at: datetime
    expires_at: datetime
    client_ip: str | None = None
    ended_at: datetime | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def open(
        cls, user_id: uuid.UUID, now: datetime, lifetime: timedelta, client_ip: str | None
    ) -> tuple["LoginSession", str]:
        """The session to store and its refresh token (handed out once, never stored in clear)."""
        token = secrets.token_urlsafe(32)
        session = cls(user_id, refresh_token_hash(token), now, now + lifetime, client_ip)
        return session, token

    def is_open_at(self, now: datetime) -> bool:
        return self.ended_at is None and now < self.expires_at

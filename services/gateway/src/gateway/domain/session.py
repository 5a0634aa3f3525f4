"""A browser's session as the gateway keeps it (in Redis, behind an opaque cookie).

Tokens and user details live here, never in the browser. Changing anything marks the session modified,
so it is written back once, before the response starts.
"""

import secrets
from dataclasses import dataclass, field
from typing import Any

from gateway.domain.language import Language, as_language


@dataclass(slots=True)
class SignedInUser:
    user_id: str
    name: str
    email: str
    role: str
    team_id: str | None = None
    dso_id: str | None = None


@dataclass(slots=True)
class BrowserSession:
    session_id: str
    language: Language | None = None
    csrf: str | None = None
    user: SignedInUser | None = None
    access_token: str | None = None
    access_expires_at: float = 0.0  # epoch seconds
    refresh_token: str | None = None
    identity_session_id: str | None = None
    is_new: bool = False
    modified: bool = field(default=False, compare=False)
    # Set when the session id changed (sign-in) or the session ended: the old id is deleted from the store.
    replaced_id: str | None = field(default=None, compare=False)
    ended: bool = field(default=False, compare=False)

    @classmethod
    def new(cls) -> "BrowserSession":
        return cls(session_id=secrets.token_urlsafe(32), is_new=True)

    def csrf_token(self) -> str:
        """The synchronizer token forms carry; made on first use and stable for the session."""
        if self.csrf is None:
            self.csrf = secrets.token_urlsafe(32)
            self.modified = True
        return self.csrf

    def choose_language(self, language: Language) -> None:
        if self.language != language:
            self.language = language
            self.modified = True

    def sign_in(
        self,
        user: SignedInUser,
        *,
        access_token: str,
        access_expires_at: float,
        refresh_token: str,
        identity_session_id: str,
    ) -> None:
        """A new session id at sign-in (no fixation); the language chosen before is kept."""
        self.replaced_id = self.session_id if not self.is_new else None
        self.session_id = secrets.token_urlsafe(32)
        self.is_new = True
        self.csrf = secrets.token_urlsafe(32)
        self.user = user
        self.access_token, self.access_expires_at = access_token, access_expires_at
        self.refresh_token, self.identity_session_id = refresh_token, identity_session_id
        self.modified = True

    def refreshed(self, access_token: str, access_expires_at: float) -> None:
        self.access_token, self.access_expires_at = access_token, access_expires_at
        self.modified = True

    def end(self) -> None:
        """Signed out: the data goes; the browser gets a fresh anonymous session on its next request."""
        self.ended = True
        self.user = None
        self.access_token = self.refresh_token = self.identity_session_id = None
        self.modified = True

    def to_data(self) -> dict[str, Any]:
        user = self.user
        return {
            "language": self.language,
            "csrf": self.csrf,
            "access_token": self.access_token,
            "access_expires_at": self.access_expires_at,
            "refresh_token": self.refresh_token,
            "identity_session_id": self.identity_session_id,
            "user": None
            if user is None
            else {
                "user_id": user.user_id,
                "name": user.name,
                "email": user.email,
                "role": user.role,
                "team_id": user.team_id,
                "dso_id": user.dso_id,
            },
        }

    @classmethod
    def from_data(cls, session_id: str, data: dict[str, Any]) -> "BrowserSession":
        user = data.get("user")
        return cls(
            session_id=session_id,
            language=as_language(data.get("language")),
            csrf=data.get("csrf"),
            access_token=data.get("access_token"),
            access_expires_at=float(data.get("access_expires_at") or 0.0),
            refresh_token=data.get("refresh_token"),
            identity_session_id=data.get("identity_session_id"),
            user=SignedInUser(**user) if isinstance(user, dict) else None,
        )

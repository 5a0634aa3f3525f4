"""A person who logs in: a team's resource or administrator, or a DSO's handler or administrator."""

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from identity.domain.authorisation import Authorisation

Language = Literal["sv", "da", "en"]


class Role(enum.StrEnum):
    INSTALLER = "installer"
    TEAM_ADMIN = "team_admin"
    DSO_HANDLER = "dso_handler"
    DSO_ADMIN = "dso_admin"

    @property
    def is_team_member(self) -> bool:
        return self in (Role.INSTALLER, Role.TEAM_ADMIN)


class AuthorisationNotHeldByTeam(ValueError):
    """A resource cannot hold an authorisation its team does not have."""

    def __init__(self, missing: frozenset[Authorisation]) -> None:
        super().__init__("the team is not authorised for " + ", ".join(sorted(missing)))
        self.missing = missing


@dataclass
class User:
    email: str
    first_name: str
    last_name: str
    role: Role
    dso_id: str
    team_id: uuid.UUID | None = None
    mobile: str | None = None
    description: str | None = None
    authorisations: frozenset[Authorisation] = frozenset()
    language: Language = "sv"
    active: bool = True
    password_hash: str | None = None
    password_changed_at: datetime | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def can_log_in(self) -> bool:
        return self.active and self.password_hash is not None

    def deactivate(self) -> bool:
        """False when already inactive (nothing changes)."""
        changed, self.active = self.active, False
        return changed

    def reactivate(self) -> bool:
        changed, self.active = not self.active, True
        return changed

    def set_password_hash(self, password_hash: str, at: datetime) -> None:
        self.password_hash, self.password_changed_at = password_hash, at


def normalise_email(email: str) -> str:
    """Logins compare e-mail addresses case-insensitively; they are stored lower-case."""
    return email.strip().lower()


def check_authorisations(wanted: frozenset[Authorisation], team: frozenset[Authorisation]) -> None:
    if not wanted <= team:
        raise AuthorisationNotHeldByTeam(wanted - team)

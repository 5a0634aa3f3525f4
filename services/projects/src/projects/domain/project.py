"""Projects and their groups: an installer team's way to handle many similar cases at once (seed 004).

A project belongs to the team that made it, and to that team's grid company (a team is registered with
one). A group holds cases of exactly one project-capable case type. Only empty groups and projects can be
deleted: a case always has its group.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

MAX_NAME_LENGTH = 100


class InvalidName(ValueError):
    pass


class NotEmpty(ValueError):
    """A project or group with cases (or groups) cannot be deleted."""


def clean_name(name: str) -> str:
    """The name as shown: trimmed, inner whitespace collapsed; refused when empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidName("give a name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidName(f"at most {MAX_NAME_LENGTH} characters")
    return cleaned


@dataclass(frozen=True, slots=True)
class Project:
    id: uuid.UUID
    team_id: uuid.UUID
    dso_id: str
    name: str
    created_by: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int = 1

    def renamed(self, name: str, now: datetime) -> "Project":
        return replace(self, name=clean_name(name), updated_at=now, version=self.version + 1)


@dataclass(frozen=True, slots=True)
class Group:
    id: uuid.UUID
    project_id: uuid.UUID
    name: str
    case_type: str
    created_at: datetime
    version: int = 1

    def renamed(self, name: str) -> "Group":
        return replace(self, name=clean_name(name), version=self.version + 1)

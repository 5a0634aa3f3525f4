"""Whom a mail about a user goes to: notifications' own copy of identity's users, kept from its events."""

import uuid
from dataclasses import dataclass

from notifications.domain.mail import Language


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: uuid.UUID
    name: str
    email: str
    language: Language
    active: bool
    # From user.created.v1 (no later event changes them); None for users known from before they were kept.
    role: str | None = None
    dso_id: str | None = None

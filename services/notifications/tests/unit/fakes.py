"""A unit of work in memory for the consumers' handlers: the mail log, the directory, the bell, the mail
preferences and the outbox, each refusing a second row for the same key as the real tables do."""

import uuid
from collections.abc import Mapping

from contracts import EventEnvelope, EventPayload
from notifications.domain.mail import OutgoingMail
from notifications.domain.notification import InAppNotification, NotificationKind
from notifications.domain.recipient import Recipient


class FakeMails:
    def __init__(self) -> None:
        self.added: list[OutgoingMail] = []

    async def add(self, mail: OutgoingMail) -> bool:
        key = (mail.source_event_id, mail.kind, mail.recipient)
        if any((m.source_event_id, m.kind, m.recipient) == key for m in self.added):
            return False
        self.added.append(mail)
        return True


class FakeRecipients:
    def __init__(self, *known: Recipient) -> None:
        self._known = {r.user_id: r for r in known}

    async def get(self, user_id: uuid.UUID) -> Recipient | None:
        return self._known.get(user_id)

    async def active_with_role(self, dso_id: str, role: str) -> list[Recipient]:
        found = [r for r in self._known.values() if (r.dso_id, r.role, r.active) == (dso_id, role, True)]
        return sorted(found, key=lambda r: r.user_id)


class FakeBell:
    def __init__(self) -> None:
        self.added: list[InAppNotification] = []

    async def add(self, notification: InAppNotification) -> bool:
        key = (notification.source_event_id, notification.user_id)
        if any((n.source_event_id, n.user_id) == key for n in self.added):
            return False
        self.added.append(notification)
        return True

    async def unread_count(self, user_id: uuid.UUID) -> int:
        return sum(1 for n in self.added if n.user_id == user_id and not n.read)


class FakePreferences:
    def __init__(self, chosen: Mapping[uuid.UUID, Mapping[NotificationKind, bool]]) -> None:
        self._chosen = chosen

    async def chosen(self, user_id: uuid.UUID) -> dict[NotificationKind, bool]:
        return dict(self._chosen.get(user_id, {}))


class FakeUnitOfWork:
    def __init__(
        self, *known: Recipient, chosen: Mapping[uuid.UUID, Mapping[NotificationKind, bool]] | None = None
    ) -> None:
        self.mails = FakeMails()
        self.recipients = FakeRecipients(*known)
        self.in_app = FakeBell()
        self.preferences = FakePreferences(chosen or {})
        self.emitted: list[tuple[EventPayload, str]] = []

    def emit(self, payload: EventPayload, *, key: str, tenant: str | None) -> EventEnvelope:
        self.emitted.append((payload, key))
        return EventEnvelope.wrap(payload, key=key, source="notifications", tenant=tenant)

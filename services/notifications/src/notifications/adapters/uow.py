"""Notifications' unit of work."""

from notifications.adapters.in_app_notifications import InAppNotificationRepository
from notifications.adapters.preferences import PreferenceRepository
from notifications.adapters.recipients import RecipientRepository
from notifications.adapters.repositories import MailRepository
from servicekit.db.uow import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    mails: MailRepository
    recipients: RecipientRepository
    in_app: InAppNotificationRepository
    preferences: PreferenceRepository

    def _start(self) -> None:
        self.mails = MailRepository(self.session)
        self.recipients = RecipientRepository(self.session)
        self.in_app = InAppNotificationRepository(self.session)
        self.preferences = PreferenceRepository(self.session)

"""Notifications' unit of work."""

from notifications.adapters.recipients import RecipientRepository
from notifications.adapters.repositories import MailRepository
from servicekit.db.uow import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    mails: MailRepository
    recipients: RecipientRepository

    def _start(self) -> None:
        self.mails = MailRepository(self.session)
        self.recipients = RecipientRepository(self.session)

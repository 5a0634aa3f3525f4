"""Notifications' unit of work."""

from notifications.adapters.repositories import MailRepository
from servicekit.db.uow import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    mails: MailRepository

    def _start(self) -> None:
        self.mails = MailRepository(self.session)

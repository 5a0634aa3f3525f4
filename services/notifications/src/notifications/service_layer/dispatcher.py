"""The background loop that delivers queued mail: woken after each recorded mail, else it polls."""

import asyncio
import contextlib
import logging
from collections.abc import Callable

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.service_layer.mails import MailSender, deliver_due_mails

log = logging.getLogger(__name__)


class MailDispatcher:
    def __init__(
        self,
        uow_factory: Callable[[], NotificationsUnitOfWork],
        sender: MailSender,
        *,
        max_attempts: int,
        poll_seconds: float,
    ) -> None:
        self._uow_factory = uow_factory
        self._sender = sender
        self._max_attempts = max_attempts
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="mail-dispatcher")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                if await deliver_due_mails(self._uow_factory, self._sender, max_attempts=self._max_attempts):
                    continue  # there may be more
            except Exception:
                log.exception("mail dispatch failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_seconds)

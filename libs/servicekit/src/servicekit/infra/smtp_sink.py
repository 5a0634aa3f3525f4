"""An SMTP server in this process that keeps every mail as a file, for `Mailbox` to read anywhere."""

import os
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.ports import free_port, wait_for_tcp


class _StoreHandler:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        # The envelope is not in the headers (Bcc): keep it, as aiosmtpd's own Message handler does.
        envelope_headers = f"X-MailFrom: {envelope.mail_from}\r\nX-RcptTo: {', '.join(envelope.rcpt_tos)}\r\n"
        # Zero-padded monotonic time: file names sort in arrival order across processes.
        name = f"{time.monotonic_ns():020d}-{uuid.uuid4().hex}"
        partial = self._directory / f".{name}.partial"
        partial.write_bytes(envelope_headers.encode() + content)
        os.replace(partial, self._directory / f"{name}.eml")  # readers never see half a mail
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self, mailbox_dir: Path, timeout: float = 10.0) -> None:
        self.mailbox_dir = mailbox_dir
        self.port = 0
        self._timeout = timeout
        self._controller: Controller | None = None

    @property
    def address(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def launch(self) -> None:
        self.mailbox_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self._controller = Controller(
            _StoreHandler(self.mailbox_dir), hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=True
        )
        try:
            self._controller.start()
        except Exception as error:
            self._controller = None
            message = f"embedded SMTP sink on port {self.port} did not start: {error}"
            raise InfrastructureError(message) from None

    def wait_ready(self) -> None:
        if not wait_for_tcp("127.0.0.1", self.port, self._timeout):
            raise InfrastructureError(
                f"embedded SMTP sink did not answer within {self._timeout:.0f} s; or set PORTAL_SMTP_URL"
            )

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

"""Mails the SMTP sink stored, read from files: works from any process, e.g. a test or the gateway."""

import contextlib
import time
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path


class Mailbox:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _files(self) -> list[Path]:
        return sorted(self.directory.glob("*.eml"))  # names start with zero-padded monotonic time

    def messages(self) -> list[EmailMessage]:
        """Every stored mail in arrival order."""
        parser = BytesParser(policy=policy.default)
        found = []
        for path in self._files():
            with contextlib.suppress(FileNotFoundError):  # cleared by someone else meanwhile
                found.append(parser.parsebytes(path.read_bytes()))
        return found

    def entries(self, limit: int | None = None) -> list[tuple[str, EmailMessage]]:
        """(id, mail) pairs, newest first; the id is stable and names one mail for `get`."""
        parser = BytesParser(policy=policy.default)
        found: list[tuple[str, EmailMessage]] = []
        for path in reversed(self._files()):
            if limit is not None and len(found) >= limit:
                break
            with contextlib.suppress(FileNotFoundError):
                found.append((path.stem, parser.parsebytes(path.read_bytes())))
        return found

    def get(self, mail_id: str) -> EmailMessage | None:
        if not mail_id.replace("-", "").replace("_", "").isalnum():
            return None  # ids are file stems; nothing else reaches the file system
        path = self.directory / f"{mail_id}.eml"
        if not path.is_file():
            return None
        return BytesParser(policy=policy.default).parsebytes(path.read_bytes())

    def count(self) -> int:
        return len(self._files())

    def clear(self) -> None:
        for path in self._files():
            path.unlink(missing_ok=True)

    def wait_for(
        self, predicate: Callable[[EmailMessage], bool], *, timeout: float = 20.0, count: int = 1
    ) -> list[EmailMessage]:
        """The matching mails once there are at least `count`; TimeoutError says what arrived instead."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages()
            matching = [message for message in messages if predicate(message)]
            if len(matching) >= count:
                return matching
            if time.monotonic() > deadline:
                seen = "; ".join(f"{m['To']}: {m['Subject']!r}" for m in messages[-10:]) or "nothing"
                raise TimeoutError(
                    f"expected {count} matching mail(s) within {timeout:g} s, found {len(matching)}; "
                    f"the mailbox ({self.directory}) holds {len(messages)}, the latest: {seen}"
                )
            time.sleep(0.1)

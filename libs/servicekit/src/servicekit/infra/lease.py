"""Who uses a server that outlives processes (embedded PostgreSQL): the last holder stops it.

Two test runs, or a test run next to `make up` on the same data directory, must not stop each
other's server. Holders are `pid:token` lines in a file guarded by an advisory lock; holders whose
process is gone (killed launchers) no longer count.
"""

import contextlib
import fcntl
import os
import uuid
from collections.abc import Iterator
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


class Lease:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock_path = path.with_name(path.name + ".lock")
        self._me = f"{os.getpid()}:{uuid.uuid4().hex}"

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, also on a crash
            yield

    def _live(self) -> list[str]:
        lines = self._path.read_text().split() if self._path.exists() else []
        return [line for line in lines if _alive(int(line.split(":", 1)[0]))]

    def _write(self, holders: list[str]) -> None:
        self._path.write_text("".join(f"{holder}\n" for holder in holders))

    def acquire(self) -> None:
        """Call under `locked()`."""
        self._write([*(h for h in self._live() if h != self._me), self._me])

    def release(self) -> bool:
        """Call under `locked()`; True when nobody else holds the lease any more."""
        others = [h for h in self._live() if h != self._me]
        self._write(others)
        return not others

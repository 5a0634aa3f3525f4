"""What `postmaster.pid` says about a PostgreSQL server running on a data directory."""

from dataclasses import dataclass
from pathlib import Path

import psutil  # type: ignore[import-untyped]  # no stubs in the lock file


@dataclass(frozen=True)
class Postmaster:
    process: psutil.Process
    port: int | None
    address: str  # the listen address; empty when the server has unix sockets only


def running_postmaster(pgdata: Path) -> Postmaster | None:
    """The live server on `pgdata`, or None (no pid file, a dead or reused pid, or a zombie)."""
    try:
        # Lines: pid, data dir, start time, port, socket dir, listen address, shared memory, status.
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        process = psutil.Process(int(lines[0]))
        # A SIGKILLed postmaster can linger as a zombie until init reaps it: that is not running.
        if process.name() != "postgres" or process.status() == psutil.STATUS_ZOMBIE:
            return None
        port = int(lines[3]) if len(lines) > 3 and lines[3].strip() else None
        return Postmaster(process, port, lines[5].strip() if len(lines) > 5 else "")
    except (OSError, ValueError, IndexError, psutil.Error):
        return None

"""PostgreSQL refuses to run as root. As root we do what pgserver 0.1.4 does: run its binaries as
the system user `pgserver` (created if missing) and hand it the files it needs."""

import os
import pwd
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USER = "pgserver"  # the same account pgserver itself uses, so both can share a data directory


def _ensure_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        pass
    # A concurrent process may win the race; then useradd fails and the lookup below succeeds.
    subprocess.run(  # noqa: S603
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],  # noqa: S607
        check=False,
        capture_output=True,
    )
    return pwd.getpwnam(USER)


def _allow_traversal(path: Path) -> None:
    """o+x on every ancestor, e.g. pytest's 0700 /tmp/pytest-of-root (pgserver grants o+rx)."""
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


@dataclass(frozen=True)
class RunAs:
    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_postgres(cls) -> "RunAs":
        if os.geteuid() != 0:
            return cls()
        entry = _ensure_user()
        return cls(entry.pw_uid, entry.pw_gid)

    def give(self, *paths: Path) -> None:
        """Make the paths (not their contents) owned by the account and reachable by it."""
        if self.uid is None or self.gid is None:
            return
        for path in paths:
            _allow_traversal(path)
            if path.stat().st_uid != self.uid:
                os.chown(path, self.uid, self.gid)

    def subprocess_kwargs(self) -> dict[str, Any]:
        if self.uid is None:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

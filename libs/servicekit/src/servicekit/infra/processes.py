"""Child processes that never outlive their launcher."""

import ctypes
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

_PR_SET_PDEATHSIG = 1
# Loaded once in the parent: loading a library between fork and exec can deadlock.
_libc = ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    """`preexec_fn`: the kernel sends SIGTERM to the child when its parent dies, even by SIGKILL.

    The kernel watches the *thread* that forked, so spawn from a long-lived thread (the main one),
    never from a pool worker that may exit while the child should run on.
    """
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(command: Sequence[str], *, log: Path, cwd: Path) -> "subprocess.Popen[bytes]":
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(  # noqa: S603 - binaries shipped in our locked wheels
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=False,
            preexec_fn=die_with_parent,
        )


def terminate(process: "subprocess.Popen[bytes]", timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it does not exit in time; always reaps the child."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

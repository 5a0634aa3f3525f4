"""A server binary we spawn and own: free port, log file under <data_dir>/logs, readiness by probe."""

import subprocess
import time
from abc import ABC, abstractmethod
from pathlib import Path

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.ports import free_port
from servicekit.infra.processes import spawn, terminate


class ChildServer(ABC):
    label = "a server"  # e.g. "embedded Redis", for error messages
    hint = ""  # how to do without it, e.g. "or set PORTAL_REDIS_URL"

    def __init__(self, data_dir: Path, name: str, timeout: float) -> None:
        self.workdir = data_dir / name
        self.log = data_dir / "logs" / f"{name}.log"
        self.port = 0
        self._timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None

    @property
    @abstractmethod
    def address(self) -> str: ...

    @abstractmethod
    def command(self, port: int) -> list[str]: ...

    @abstractmethod
    def answers(self) -> bool: ...

    def launch(self) -> None:
        """Call from the main thread: the child's parent-death signal is tied to the forking thread."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self._process = spawn(self.command(self.port), log=self.log, cwd=self.workdir)

    def wait_ready(self) -> None:
        assert self._process is not None, "launch() first"
        deadline = time.monotonic() + self._timeout
        while not self.answers():
            if (code := self._process.poll()) is not None:
                message = f"{self.label} exited with code {code} (see {self.log}); {self.hint}"
                raise InfrastructureError(message)
            if time.monotonic() > deadline:
                raise InfrastructureError(
                    f"{self.label} did not start within {self._timeout:.0f} s (see {self.log}); {self.hint}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        if self._process is not None:
            terminate(self._process)
            self._process = None

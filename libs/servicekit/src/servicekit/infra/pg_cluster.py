"""Embedded PostgreSQL 16 from the `pgserver` wheel, driven through its own initdb and pg_ctl.

We call the binaries directly (not `pgserver.get_server`, which listens on a unix socket only) so the
server listens on TCP 127.0.0.1:<free port>. The data directory survives restarts. pg_ctl daemonises
the server, so no parent-death signal reaches it: `stop()` (and an atexit hook) stop it instead.
"""

import contextlib
import importlib.util
import shutil
import subprocess
from pathlib import Path

import psutil  # type: ignore[import-untyped]  # no stubs in the lock file

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.lease import Lease
from servicekit.infra.ports import describe, free_port
from servicekit.infra.postgres import postgres_answers, wait_for_postgres
from servicekit.infra.postmaster import running_postmaster
from servicekit.infra.run_as import RunAs

_spec = importlib.util.find_spec("pgserver")  # importing pgserver itself has side effects we don't need
assert _spec is not None and _spec.origin is not None, "the pgserver wheel is a servicekit dependency"
BIN = Path(_spec.origin).parent / "pginstall" / "bin"
HINT = "or set PORTAL_POSTGRES_URL"


def _url(port: int) -> str:
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, timeout: float = 30.0) -> None:
        self._pgdata = data_dir / "postgres"
        self._log = data_dir / "logs" / "postgres.log"
        self._lease = Lease(data_dir / "postgres.holders")
        self._timeout = timeout
        self._as = RunAs.for_postgres()
        self._held = False
        self.address = ""

    def launch(self) -> None:
        """Nothing to do in the calling thread: the server daemonises, see the module docstring."""

    def wait_ready(self) -> None:
        """`address` is the admin URL once `SELECT 1` works; starts the server unless one runs already."""
        with self._lease.locked():
            self._prepare()
            port = self._running_port()
            if port is None:
                self._stop_server()  # a leftover we cannot use (other address, not answering)
                port = free_port()
                self._start_server(port)
            self._lease.acquire()
            self._held = True
        error = wait_for_postgres(_url(port), self._timeout)
        if error is not None:
            raise InfrastructureError(
                f"embedded PostgreSQL on port {port} does not answer: {describe(error)} "
                f"(see {self._log}); {HINT}"
            )
        self.address = _url(port)

    def stop(self) -> None:
        """Idempotent; the server stops when its last holder lets go."""
        if not self._held:
            return
        with self._lease.locked():
            self._held = False
            if self._lease.release():
                self._stop_server()

    def _run(self, args: list[str], timeout: float) -> None:
        with self._log.open("ab") as out:
            subprocess.run(  # noqa: S603 - binaries from the pgserver wheel
                [str(BIN / args[0]), *args[1:]],
                check=True,
                cwd=self._pgdata,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                **self._as.subprocess_kwargs(),
            )

    def _prepare(self) -> None:
        if not (self._pgdata / "PG_VERSION").exists():
            shutil.rmtree(self._pgdata, ignore_errors=True)  # a half-finished initdb leaves junk behind
        self._pgdata.mkdir(parents=True, exist_ok=True)
        self._log.parent.mkdir(parents=True, exist_ok=True)
        self._log.touch()
        self._as.give(self._pgdata, self._log)
        self._pgdata.chmod(0o700)  # postgres refuses a data directory others can read
        if (self._pgdata / "PG_VERSION").exists():
            return
        try:
            # C.UTF-8: byte-order collation like C, but lower()/upper() know å, ä, ö.
            args = ["initdb", "-D", str(self._pgdata), "-U", "postgres", "--auth=trust"]
            self._run([*args, "--encoding=UTF8", "--locale=C.UTF-8"], timeout=120)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            message = f"embedded PostgreSQL: initdb failed ({error}; see {self._log}); {HINT}"
            raise InfrastructureError(message) from None

    def _running_port(self) -> int | None:
        """The port of a server already running on this data directory, if we can use it as it is."""
        found = running_postmaster(self._pgdata)
        if found is None or found.address != "127.0.0.1" or found.port is None:
            return None
        port = found.port
        try:
            postgres_answers(_url(port), timeout=3)
        except Exception:
            return None
        return port

    def _start_server(self, port: int) -> None:
        # No unix socket (-k ''): TCP only, and no socket path length limits for deep data dirs.
        options = f"-p {port} -h 127.0.0.1 -k '' -c max_connections=200"
        start = ["pg_ctl", "-D", str(self._pgdata), "-l", str(self._log), "-o", options]
        if running_postmaster(self._pgdata) is None:
            # Stale, e.g. after a SIGKILL: postgres itself would trust a zombie or a reused pid in it.
            (self._pgdata / "postmaster.pid").unlink(missing_ok=True)
        try:
            self._run([*start, "-w", "-t", str(int(self._timeout)), "start"], timeout=self._timeout + 10)
        except subprocess.CalledProcessError as error:  # pg_ctl also exits 1 when its -t runs out
            why = f"did not start on port {port} (pg_ctl exit code {error.returncode})"
            raise InfrastructureError(f"embedded PostgreSQL {why} (see {self._log}); {HINT}") from None
        except subprocess.TimeoutExpired:
            why = f"did not start within {self._timeout:.0f} s"
            raise InfrastructureError(f"embedded PostgreSQL {why} (see {self._log}); {HINT}") from None

    def _stop_server(self) -> None:
        found = running_postmaster(self._pgdata)
        if found is None:
            return
        process = found.process
        try:
            self._run(["pg_ctl", "-D", str(self._pgdata), "-m", "fast", "-w", "-t", "30", "stop"], 40)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            with contextlib.suppress(psutil.Error):
                for stuck in [*process.children(recursive=True), process]:
                    stuck.kill()
        with contextlib.suppress(psutil.Error):
            process.wait(10)

"""One resolver for `make up` and the pytest fixtures. Per component: a PORTAL_* variable always wins;
else testcontainers if allowed and a Docker engine answers (SMTP excepted); else embedded servers."""

import atexit
import concurrent.futures
import logging
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Protocol
from urllib.parse import urlsplit

from servicekit.infra.containers import ContainerServer, docker_answers
from servicekit.infra.errors import InfrastructureError
from servicekit.infra.external import External
from servicekit.infra.model import Infrastructure
from servicekit.infra.pg_cluster import EmbeddedPostgres
from servicekit.infra.ports import describe
from servicekit.infra.redis_server import EmbeddedRedis
from servicekit.infra.smtp_sink import SmtpSink
from servicekit.infra.tansu import EmbeddedTansu

VARIABLES = {
    "postgres": "PORTAL_POSTGRES_URL",
    "redis": "PORTAL_REDIS_URL",
    "kafka": "PORTAL_KAFKA_BOOTSTRAP",
    "smtp": "PORTAL_SMTP_URL",
}
_log = logging.getLogger(__name__)


class _Server(Protocol):
    @property
    def address(self) -> str: ...
    def launch(self) -> None: ...
    def wait_ready(self) -> None: ...
    def stop(self) -> None: ...


class LocalInfrastructure:
    def __init__(
        self, data_dir: Path, *, allow_containers: bool = False, environ: Mapping[str, str] | None = None
    ) -> None:
        self._data_dir = Path(data_dir).resolve()
        self._allow_containers = allow_containers
        self._environ = environ
        self._servers: dict[str, _Server] = {}
        self._infra: Infrastructure | None = None

    def start(self) -> Infrastructure:
        """Starts what the environment does not provide and returns once every component answers."""
        if self._infra is not None:
            return self._infra
        atexit.register(self.stop)
        try:
            sources = self._choose()
            # Forks happen here, in the calling thread (see processes.die_with_parent); waiting is parallel.
            for name, server in self._servers.items():
                _guarded(name, server.launch)
            with concurrent.futures.ThreadPoolExecutor(len(self._servers)) as pool:
                waits = [pool.submit(_guarded, name, s.wait_ready) for name, s in self._servers.items()]
                errors = [str(error) for error in (w.exception() for w in waits) if error is not None]
            if errors:
                raise InfrastructureError("; ".join(errors))
        except BaseException:
            self.stop()
            raise
        self._infra = self._assemble(sources)
        return self._infra

    def stop(self) -> None:
        """Stops everything this instance started; idempotent."""
        servers, self._servers, self._infra = self._servers, {}, None
        # One after the other: this also runs from atexit, when thread pools refuse new work.
        for name, server in reversed(servers.items()):
            try:
                server.stop()
            except Exception as error:
                _log.warning("stopping %s failed: %s", name, describe(error))
        atexit.unregister(self.stop)

    def __enter__(self) -> Infrastructure:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _choose(self) -> dict[str, str]:
        environ = os.environ if self._environ is None else self._environ
        sources: dict[str, str] = {}
        docker: bool | None = None  # asked at most once, and only if a container would be used
        for name, variable in VARIABLES.items():
            if value := environ.get(variable, "").strip():
                if name == "postgres":  # libpq form whatever was given (postgres://, postgresql+asyncpg://)
                    value = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", value)
                sources[name], self._servers[name] = "environment", External(name, variable, value)
                continue
            if self._allow_containers and name != "smtp":
                docker = docker_answers() if docker is None else docker
                if docker:
                    sources[name], self._servers[name] = "testcontainers", ContainerServer(name)
                    continue
            sources[name], self._servers[name] = "embedded", self._embedded(name)
        return sources

    def _embedded(self, name: str) -> _Server:
        if name == "postgres":
            return EmbeddedPostgres(self._data_dir)
        if name == "redis":
            return EmbeddedRedis(self._data_dir)
        if name == "kafka":
            return EmbeddedTansu(self._data_dir)
        return SmtpSink(self._data_dir / "mailbox")

    def _assemble(self, sources: Mapping[str, str]) -> Infrastructure:
        smtp = self._servers["smtp"]
        smtp_parts = urlsplit(smtp.address)
        return Infrastructure(
            postgres_url=self._servers["postgres"].address,
            redis_url=self._servers["redis"].address,
            kafka_bootstrap=self._servers["kafka"].address,
            smtp_host=smtp_parts.hostname or "127.0.0.1",
            smtp_port=smtp_parts.port or 25,
            mailbox_dir=smtp.mailbox_dir if isinstance(smtp, SmtpSink) else None,
            sources=dict(sources),
        )


def _guarded(name: str, step: Callable[[], None]) -> None:
    """Every failure becomes one line naming the component."""
    try:
        step()
    except InfrastructureError:
        raise
    except Exception as error:
        raise InfrastructureError(f"{name}: {type(error).__name__}: {describe(error)}") from error

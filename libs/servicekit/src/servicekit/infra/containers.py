"""Containers via testcontainers, used only where a Docker engine answers (never on this project's CI
machines, which have no engine: there the embedded servers run). Images match production majors."""

import contextlib
from collections.abc import Callable
from typing import Any

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.ports import describe


def docker_answers() -> bool:
    """Any failure (no SDK, no socket, no permission, slow engine) means: no Docker."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def _postgres() -> tuple[Any, Callable[[Any], str]]:
    from testcontainers.community.postgres import PostgresContainer

    container = PostgresContainer(
        "postgres:16-alpine",
        username="postgres",
        password="postgres",  # noqa: S106 - a throwaway container on this machine
        dbname="postgres",
        driver=None,
    )
    return container, lambda c: str(c.get_connection_url(driver=None))


def _redis() -> tuple[Any, Callable[[Any], str]]:
    from testcontainers.community.redis import RedisContainer

    def address(c: Any) -> str:
        return f"redis://{c.get_container_host_ip()}:{c.get_exposed_port(6379)}/0"

    return RedisContainer("redis:7-alpine"), address


def _kafka() -> tuple[Any, Callable[[Any], str]]:
    from testcontainers.community.kafka import KafkaContainer

    return KafkaContainer("confluentinc/cp-kafka:7.6.0").with_kraft(), lambda c: str(c.get_bootstrap_server())


_KINDS = {
    "postgres": (_postgres, "PostgreSQL", "PORTAL_POSTGRES_URL"),
    "redis": (_redis, "Redis", "PORTAL_REDIS_URL"),
    "kafka": (_kafka, "Kafka", "PORTAL_KAFKA_BOOTSTRAP"),
}


class ContainerServer:
    """Same shape as the embedded servers: launch(), wait_ready(), then `address`; stop()."""

    def __init__(self, kind: str) -> None:
        self._make, self._label, self._variable = _KINDS[kind]
        self._container: Any = None
        self.address = ""

    def launch(self) -> None:
        """Nothing to fork here; the (slow) container start runs in wait_ready, in parallel."""

    def wait_ready(self) -> None:
        try:
            self._container, address = self._make()
            self._container.start()
            self.address = address(self._container)
        except Exception as error:
            raise InfrastructureError(
                f"{self._label} container did not start: {describe(error)}; or set {self._variable}"
            ) from None

    def stop(self) -> None:
        if self._container is not None:
            with contextlib.suppress(Exception):  # already gone; Ryuk removes leftovers anyway
                self._container.stop()
            self._container = None

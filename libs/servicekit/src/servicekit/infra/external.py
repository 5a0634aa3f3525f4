"""A component given by a PORTAL_* variable: never started by us, only checked that it answers."""

import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.ports import describe
from servicekit.infra.postgres import postgres_answers
from servicekit.infra.redis_server import redis_answers
from servicekit.infra.tansu import kafka_answers


def _smtp_answers(url: str) -> None:
    parts = urlsplit(url)
    socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 25), timeout=3).close()


def _kafka_answers(bootstrap: str) -> None:
    # A plain TCP check first: it names a refused connection, where aiokafka only says "Unable to bootstrap".
    errors: list[OSError] = []
    for address in bootstrap.split(","):
        host, _, port = address.strip().rpartition(":")
        try:
            socket.create_connection((host.strip("[]"), int(port)), timeout=3).close()
            break
        except OSError as error:
            errors.append(error)
    else:
        raise errors[-1]
    kafka_answers(bootstrap)


_PROBES: dict[str, tuple[str, Callable[[str], None]]] = {
    "postgres": ("PostgreSQL", postgres_answers),
    "redis": ("Redis", redis_answers),
    "kafka": ("Kafka", _kafka_answers),
    "smtp": ("SMTP server", _smtp_answers),
}


def _where(component: str, value: str) -> str:
    """Host and port only: the URL may carry a password."""
    if component == "kafka":
        return value
    parts = urlsplit(value)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


class External:
    def __init__(self, component: str, variable: str, value: str) -> None:
        self._component = component
        self._variable = variable
        self.address = value

    def launch(self) -> None:
        """Nothing to start."""

    def wait_ready(self) -> None:
        label, probe = _PROBES[self._component]
        try:
            probe(self.address)
        except Exception as error:
            where = _where(self._component, self.address)
            raise InfrastructureError(
                f"{label} at {where} (from {self._variable}) does not answer: {describe(error)}"
            ) from None

    def stop(self) -> None:
        """Not ours to stop."""

"""Running a service process: `python -m <service> migrate|serve`, with one-line errors for
misconfiguration instead of stack traces."""

import argparse
import asyncio
import socket
import sys
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError

from servicekit.db.migrations import upgrade_to_head
from servicekit.settings import ServiceSettings

S = TypeVar("S", bound=ServiceSettings)

EXIT_MISCONFIGURED = 2
EXIT_UNREACHABLE = 3


class ConfigurationError(RuntimeError):
    """Printed as one line and exits non-zero."""


def load_settings(settings_class: type[S]) -> S:
    """Settings from the environment, or a ConfigurationError naming every missing or bad variable."""
    try:
        return settings_class()
    except ValidationError as error:
        prefix = str(settings_class.model_config.get("env_prefix", ""))
        problems = []
        for item in error.errors():
            name = f"{prefix}{item['loc'][0]}".upper() if item["loc"] else prefix
            problems.append(f"{name} is not set" if item["type"] == "missing" else f"{name}: {item['msg']}")
        raise ConfigurationError("; ".join(problems) + " (see README: Configuration)") from None


def check_reachable(settings: ServiceSettings, timeout: float = 5.0) -> None:
    """Fail fast, naming the variable, when the database or broker does not answer."""
    prefix = str(type(settings).model_config.get("env_prefix", ""))
    database = urlsplit(settings.database_url)
    targets = [
        ("PostgreSQL", f"{prefix}DATABASE_URL", database.hostname or "127.0.0.1", database.port or 5432),
    ]
    for server in settings.kafka_bootstrap.split(","):
        kafka_host, _, kafka_port = server.strip().rpartition(":")
        targets.append(
            (
                "the Kafka broker",
                f"{prefix}KAFKA_BOOTSTRAP",
                kafka_host or "127.0.0.1",
                int(kafka_port or 9092),
            )
        )
    for what, variable, host, port in targets:
        try:
            socket.create_connection((host, port), timeout=timeout).close()
        except OSError as error:
            raise ConfigurationError(
                f"{what} at {host}:{port} (from {variable}) does not answer ({error.strerror or error}); "
                f"start it or set {variable}"
            ) from None


def main(
    service: str,
    settings_class: type[S],
    build_app: Callable[[S], FastAPI],
    migrations_dir: Path,
    argv: list[str] | None = None,
    commands: Mapping[str, Callable[[S], Coroutine[Any, Any, None]]] | None = None,
) -> None:
    """`serve` (default), `migrate`, or one of the service's own `commands` (e.g. `seed-demo`)."""
    extra = dict(commands or {})
    parser = argparse.ArgumentParser(prog=service)
    parser.add_argument("command", choices=["serve", "migrate", *extra], nargs="?", default="serve")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(settings_class)
        check_reachable(settings)
        if args.command == "migrate":
            upgrade_to_head(migrations_dir, settings.database_url)
            return
        if args.command in extra:
            asyncio.run(extra[args.command](settings))
            return
        app = build_app(settings)
    except ConfigurationError as error:
        _die(service, str(error), EXIT_MISCONFIGURED)
    serve_app(app, settings)


def serve_app(app: FastAPI, settings: ServiceSettings) -> None:
    """uvicorn on the HTTP port and, if set, the metrics port: one server, one event loop, two sockets
    (the app answers /metrics only on the second: web.metrics_router)."""
    # Requests in flight get this long after SIGTERM; open event streams are then cut (browsers reconnect
    # to another replica), well inside Kubernetes' 30-second grace period.
    options: dict[str, Any] = {"log_config": None, "access_log": False, "timeout_graceful_shutdown": 10}
    config = uvicorn.Config(app, host=settings.host, port=settings.port, **options)
    sockets = [config.bind_socket()]
    if settings.metrics_port is not None:
        metrics = uvicorn.Config(app, host=settings.host, port=settings.metrics_port, **options)
        sockets.append(metrics.bind_socket())
    uvicorn.Server(config).run(sockets=sockets)


def _die(service: str, message: str, code: int) -> NoReturn:
    print(f"{service}: {message}", file=sys.stderr)  # noqa: T201 - the one line an operator reads
    sys.exit(code)

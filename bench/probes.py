"""Timing probes a benchmark installs in a service process it started (bench/service_processes.py), so
the service's code stays as it is: each wraps a function the service calls and records when it ran.
`GET /bench/probes` hands the records over (and forgets them).

Times are `time.monotonic()`: CLOCK_MONOTONIC on Linux, the same clock in every process of the machine,
so the benchmark lines them up with its own.
"""

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from fastapi import FastAPI

F = TypeVar("F", bound=Callable[..., Any])

# (kind, label, started, ended, count): a consumer's handling of one event, a relay batch, an import phase
Record = tuple[str, str, float, float, int]
_records: list[Record] = []


def _timed_async(kind: str, function: F, label: Callable[..., str], count: Callable[[Any], int]) -> F:
    @functools.wraps(function)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        result = await function(*args, **kwargs)
        _records.append((kind, label(*args, **kwargs), started, time.monotonic(), count(result)))
        return result

    return cast(F, timed)


def _timed(kind: str, label: str, function: F) -> F:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        result = function(*args, **kwargs)
        _records.append((kind, label, started, time.monotonic(), 1))
        return result

    return cast(F, timed)


def install(app: FastAPI) -> None:
    """Every service: each event a consumer handles (inbox, handler, commit) or batch of events it handles
    together, each batch the relay sends."""
    from servicekit.messaging.consumer import EventConsumer
    from servicekit.messaging.relay import OutboxRelay

    EventConsumer._handle_with_retries = _timed_async(  # type: ignore[method-assign]
        "consumer",
        EventConsumer._handle_with_retries,
        lambda consumer, delivery, envelope, handler: f"{consumer.name} {envelope.type}",
        lambda _: 1,
    )
    EventConsumer._handle_together = _timed_async(  # type: ignore[method-assign]
        "consumer",
        EventConsumer._handle_together,
        lambda consumer, events: f"{consumer.name} batch",
        len,
    )
    OutboxRelay.publish_pending = _timed_async(  # type: ignore[method-assign]
        "relay", OutboxRelay.publish_pending, lambda relay: "publish", lambda published: published
    )

    async def probes() -> dict[str, list[Record]]:
        taken = list(_records)
        del _records[: len(taken)]
        return {"records": taken}

    app.add_api_route("/bench/probes", probes, methods=["GET"], include_in_schema=False)


def install_in_projects(app: FastAPI) -> None:
    """Projects as well: an import's phases (parse, GIS resolve, cases validate, job write)."""
    from projects.adapters.cases_client import CasesClient
    from projects.adapters.excel_upload import read_upload
    from projects.adapters.gis_client import GisClient
    from projects.entrypoints.api import imports as api
    from projects.service_layer import imports

    install(app)
    # The route calls the name it imported: replaced there.
    api.read_upload = _timed("import", "parse", read_upload)  # type: ignore[attr-defined]

    def one(_: object) -> int:
        return 1

    GisClient.resolve = _timed_async(  # type: ignore[method-assign]
        "import", GisClient.resolve, lambda *args, **kwargs: "GIS resolve", one
    )
    CasesClient.validate = _timed_async(  # type: ignore[method-assign]
        "import", CasesClient.validate, lambda *args, **kwargs: "cases validate", one
    )
    imports.create_cases = _timed_async(
        "import", imports.create_cases, lambda *args, **kwargs: "job write", one
    )

"""Builds cases: the one place that picks concrete adapters."""

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI

from cases.adapters.gis_client import GisClient
from cases.adapters.uow import CasesUnitOfWork
from cases.config import CasesSettings
from cases.entrypoints.api import (
    attachments,
    case_commands,
    case_lists,
    case_type_admin,
    case_types,
    cases,
    handling,
    notes,
    row_checks,
)
from cases.entrypoints.consumers.people import people_handlers
from cases.entrypoints.consumers.project_jobs import project_job_handlers
from cases.service_layer.draft_expiry import run_draft_expiry_forever
from contracts.topics import IDENTITY_USERS, PROJECTS_JOBS
from servicekit.messaging.consumer import EventConsumer
from servicekit.runtime import ServiceRuntime
from servicekit.sealing import Sealer


def build_app(settings: CasesSettings, *, clock: Callable[[], datetime] | None = None) -> FastAPI:
    """`clock`: what "now" is for every command and the expiry job (tests move it)."""
    runtime = ServiceRuntime(settings)
    clock = clock or (lambda: datetime.now(UTC))

    def uow_factory() -> CasesUnitOfWork:
        return CasesUnitOfWork(runtime.session_factory, source=settings.service_name)

    gis_http = httpx.AsyncClient(base_url=settings.gis_url, timeout=settings.gis_timeout_seconds)
    runtime.consume(
        IDENTITY_USERS,
        EventConsumer(
            name="people",
            uow_factory=uow_factory,
            handlers=people_handlers(),
            dead_letters=runtime.dead_letters,
            max_attempts=settings.consumer_max_attempts,
        ),
    )
    runtime.consume(
        PROJECTS_JOBS,
        EventConsumer(
            name="project-jobs",
            uow_factory=uow_factory,
            handlers=project_job_handlers(Sealer.from_setting(settings.batch_sealing_keys), clock),
            dead_letters=runtime.dead_letters,
            max_attempts=settings.consumer_max_attempts,
        ),
    )
    jobs: list[asyncio.Task[None]] = []

    async def start_jobs() -> None:
        if settings.draft_expiry_interval_seconds > 0:
            jobs.append(
                asyncio.create_task(
                    run_draft_expiry_forever(uow_factory, settings.draft_expiry_interval_seconds, clock),
                    name="draft-expiry",
                )
            )

    async def stop() -> None:
        for job in jobs:
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job
        await gis_http.aclose()

    runtime.on_startup(start_jobs)
    runtime.on_shutdown(stop)
    app = runtime.build_app(
        title="Cases",
        routers=[
            case_types.router,
            row_checks.router,
            cases.router,
            case_commands.router,
            attachments.router,
            case_lists.router,
            handling.router,
            notes.router,
            case_type_admin.router,
        ],
    )
    app.state.settings = settings
    app.state.uow_factory = uow_factory
    app.state.gis = GisClient(gis_http)
    app.state.clock = clock
    return app

"""Builds projects: the one place that picks concrete adapters."""

import httpx
from fastapi import FastAPI

from contracts.topics import CASES_CASES, CASES_JOBS
from projects.adapters.cases_client import CasesClient
from projects.adapters.gis_client import GisClient
from projects.adapters.uow import ProjectsUnitOfWork
from projects.config import ProjectsSettings
from projects.entrypoints.api import export, imports, jobs, projects
from projects.entrypoints.consumers.case_events import case_event_handlers
from projects.entrypoints.consumers.job_results import job_result_handlers
from servicekit.messaging.consumer import EventConsumer
from servicekit.runtime import ServiceRuntime
from servicekit.sealing import Sealer


def build_app(settings: ProjectsSettings) -> FastAPI:
    runtime = ServiceRuntime(settings)

    def uow_factory() -> ProjectsUnitOfWork:
        return ProjectsUnitOfWork(runtime.session_factory, source=settings.service_name)

    cases_http = httpx.AsyncClient(base_url=settings.cases_url, timeout=settings.http_timeout_seconds)
    gis_http = httpx.AsyncClient(base_url=settings.gis_url, timeout=settings.http_timeout_seconds)
    runtime.on_shutdown(cases_http.aclose)
    runtime.on_shutdown(gis_http.aclose)
    # The read model follows every case event, thousands at once after a bulk action: in batches of the
    # events waiting. A job's parts are few and each is large: one at a time.
    for topic, name, handlers, batch_size in (
        (CASES_CASES, "project-cases", case_event_handlers(), 500),
        (CASES_JOBS, "project-jobs", job_result_handlers(), 1),
    ):
        runtime.consume(
            topic,
            EventConsumer(
                name=name,
                uow_factory=uow_factory,
                handlers=handlers,
                dead_letters=runtime.dead_letters,
                max_attempts=settings.consumer_max_attempts,
                batch_size=batch_size,
            ),
        )
    app = runtime.build_app(
        title="Projects", routers=[projects.router, imports.router, jobs.router, export.router]
    )
    app.state.settings = settings
    app.state.uow_factory = uow_factory
    app.state.case_types = CasesClient(cases_http)
    app.state.addresses = GisClient(gis_http)
    app.state.seal = Sealer.from_setting(settings.batch_sealing_keys).seal
    return app

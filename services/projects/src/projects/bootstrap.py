"""Builds projects: the one place that picks concrete adapters."""

import httpx
from fastapi import FastAPI

from contracts.topics import CASES_CASES
from projects.adapters.cases_client import CasesClient
from projects.adapters.uow import ProjectsUnitOfWork
from projects.config import ProjectsSettings
from projects.entrypoints.api import projects
from projects.entrypoints.consumers.case_events import case_event_handlers
from servicekit.messaging.consumer import EventConsumer
from servicekit.runtime import ServiceRuntime


def build_app(settings: ProjectsSettings) -> FastAPI:
    runtime = ServiceRuntime(settings)

    def uow_factory() -> ProjectsUnitOfWork:
        return ProjectsUnitOfWork(runtime.session_factory, source=settings.service_name)

    cases_http = httpx.AsyncClient(base_url=settings.cases_url, timeout=settings.http_timeout_seconds)
    runtime.on_shutdown(cases_http.aclose)
    runtime.consume(
        CASES_CASES,
        EventConsumer(
            name="project-cases",
            uow_factory=uow_factory,
            handlers=case_event_handlers(),
            dead_letters=runtime.dead_letters,
            max_attempts=settings.consumer_max_attempts,
        ),
    )
    app = runtime.build_app(title="Projects", routers=[projects.router])
    app.state.settings = settings
    app.state.uow_factory = uow_factory
    app.state.case_types = CasesClient(cases_http)
    return app

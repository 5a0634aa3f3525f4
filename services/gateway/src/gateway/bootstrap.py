"""Builds the gateway: the one place that picks concrete adapters."""

from pathlib import Path
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from redis.asyncio import Redis

from contracts.topics import CASES_CASES, IDENTITY_USERS, NOTIFICATIONS_IN_APP
from gateway.adapters.case_type_menu import CaseTypeMenu
from gateway.adapters.cases_client import CasesClient
from gateway.adapters.gis_client import GisClient
from gateway.adapters.identity_client import IdentityClient
from gateway.adapters.live_channel import LiveChannel
from gateway.adapters.notifications_client import NotificationsClient
from gateway.adapters.projects_client import ProjectsClient
from gateway.adapters.session_store import RedisSessionStore
from gateway.config import GatewaySettings
from gateway.entrypoints.consumers.live_updates import LIVE_UPDATES, live_update_handlers
from gateway.entrypoints.consumers.sessions import session_handlers
from gateway.entrypoints.web import (
    account,
    application_decisions,
    applications,
    bell,
    case_actions,
    case_attachments,
    case_creation,
    case_handling,
    case_lists,
    case_notes,
    case_page,
    case_type_rules,
    case_type_settings,
    dev_mail,
    draft_editing,
    language,
    live_stream,
    map_api,
    pages,
    project_address_form,
    project_addresses,
    project_bulk,
    project_groups,
    project_jobs,
    project_list,
    project_page,
    registration,
    resource_editing,
    resources,
    staff,
    staff_editing,
)
from gateway.entrypoints.web.access import install_access_handlers
from gateway.entrypoints.web.case_type_menu import CaseTypeMenuMiddleware
from gateway.entrypoints.web.cases_calls import install_cases_handlers
from gateway.entrypoints.web.errors import install_page_error_handlers
from gateway.entrypoints.web.projects_calls import install_projects_handlers
from gateway.entrypoints.web.security_headers import SecurityHeadersMiddleware
from gateway.entrypoints.web.session_middleware import SessionMiddleware
from servicekit.body_limit import BodyLimitMiddleware
from servicekit.db.uow import UnitOfWork
from servicekit.infra import Mailbox
from servicekit.messaging.consumer import EventConsumer
from servicekit.runtime import ServiceRuntime

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_REQUEST_BYTES = 21 * 1024 * 1024  # a 20 MB attachment and the form it is sent with


def build_app(settings: GatewaySettings) -> FastAPI:
    runtime = ServiceRuntime(settings)
    redis = Redis.from_url(settings.redis_url)
    sessions = RedisSessionStore(
        redis, settings.session_secret.get_secret_value().encode(), settings.session_ttl_seconds
    )
    identity_http = httpx.AsyncClient(base_url=settings.identity_url, timeout=10.0)
    runtime.add_readiness_check("redis", sessions.ping)
    runtime.on_shutdown(redis.aclose)
    runtime.on_shutdown(identity_http.aclose)
    gis_http = httpx.AsyncClient(base_url=settings.gis_url, timeout=10.0)
    runtime.on_shutdown(gis_http.aclose)
    cases_http = httpx.AsyncClient(base_url=settings.cases_url, timeout=10.0)
    runtime.on_shutdown(cases_http.aclose)
    projects_http = httpx.AsyncClient(base_url=settings.projects_url, timeout=30.0)
    runtime.on_shutdown(projects_http.aclose)
    notifications_http = httpx.AsyncClient(base_url=settings.notifications_url, timeout=10.0)
    runtime.on_shutdown(notifications_http.aclose)
    live_channel = LiveChannel(redis)
    runtime.consume(
        (CASES_CASES, NOTIFICATIONS_IN_APP),  # one consumer for both: open pages hear of cases and bells
        EventConsumer(
            name="live-updates",
            uow_factory=lambda: UnitOfWork(runtime.session_factory, source=settings.service_name),
            handlers=live_update_handlers(live_channel, LIVE_UPDATES),
            dead_letters=runtime.dead_letters,
            max_attempts=settings.consumer_max_attempts,
        ),
    )
    runtime.consume(
        IDENTITY_USERS,
        EventConsumer(
            name="gateway-sessions",
            uow_factory=lambda: UnitOfWork(runtime.session_factory, source=settings.service_name),
            handlers=session_handlers(sessions),
            dead_letters=runtime.dead_letters,
            max_attempts=settings.consumer_max_attempts,
        ),
    )

    routers = [
        pages.router,
        map_api.router,
        language.router,
        account.router,
        registration.router,
        applications.router,
        application_decisions.router,
        resources.router,
        resource_editing.router,
        staff.router,
        staff_editing.router,
        case_type_settings.router,
        case_type_rules.router,
        # /arenden/nytt before /arenden/{case_id}
        case_creation.router,
        case_lists.router,
        case_page.router,
        draft_editing.router,
        case_attachments.router,
        case_actions.router,
        case_notes.router,
        case_handling.router,
        project_list.router,
        project_page.router,
        project_groups.router,
        project_addresses.router,
        project_address_form.router,
        project_bulk.router,
        project_jobs.router,
        bell.router,
        live_stream.router,
    ]
    if settings.mailbox_dir is not None:
        routers.append(dev_mail.router)
    app = runtime.build_app(title="Installer portal", routers=routers)
    app.state.settings = settings
    app.state.sessions = sessions
    app.state.identity = IdentityClient(identity_http)
    app.state.gis = GisClient(gis_http)
    app.state.cases = CasesClient(cases_http)
    app.state.case_type_menu = CaseTypeMenu(app.state.cases)
    app.state.projects = ProjectsClient(projects_http)
    app.state.notifications = NotificationsClient(notifications_http)
    app.state.live_channel = live_channel
    if settings.mailbox_dir is not None:
        app.state.mailbox = Mailbox(settings.mailbox_dir)
    install_page_error_handlers(app)
    install_access_handlers(app)
    install_cases_handlers(app)
    install_projects_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(CaseTypeMenuMiddleware, menu=app.state.case_type_menu)  # inside the session's
    app.add_middleware(SessionMiddleware, store=sessions, secure=settings.secure_cookies)
    app.add_middleware(
        SecurityHeadersMiddleware, tile_origin=_origin(settings.map_tile_url), hsts=settings.secure_cookies
    )
    # Outermost: an oversized upload is refused before it is spooled to disk; the largest legitimate body
    # is a case attachment (cases takes 20 MB) with the draft form around it.
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=MAX_REQUEST_BYTES,
        refusal="Filen är för stor (högst 20 MB). · Filen er for stor (højst 20 MB). · "
        "The file is too large (20 MB at most).",
    )
    return app


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    host = parts.netloc
    if "{s}" in url:  # Leaflet's subdomain placeholder: allow every subdomain of the tile host
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"

"""Builds notifications: the one place that picks concrete adapters."""

from fastapi import FastAPI

from contracts.topics import CASES_CASES, IDENTITY_TEAM_APPLICATIONS, IDENTITY_USERS
from notifications.adapters.smtp import SmtpSender
from notifications.adapters.templates import JinjaMailRenderer
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.config import NotificationsSettings
from notifications.domain.links import PortalLinks
from notifications.domain.local_time import MAIL_TIME_ZONES, mail_time_zone
from notifications.entrypoints.api import notifications, preferences
from notifications.entrypoints.consumers.cases import case_handlers
from notifications.entrypoints.consumers.team_applications import team_application_handlers
from notifications.entrypoints.consumers.user_directory import user_directory_handlers
from notifications.entrypoints.consumers.users import user_handlers
from notifications.service_layer.dispatcher import MailDispatcher
from servicekit.messaging.consumer import EventConsumer
from servicekit.runtime import ServiceRuntime


def build_app(settings: NotificationsSettings) -> FastAPI:
    # Fail at start, not at the first password mail, where the system lacks a time zone database.
    for language in MAIL_TIME_ZONES:
        mail_time_zone(language)
    runtime = ServiceRuntime(settings)

    def uow_factory() -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(runtime.session_factory, source=settings.service_name)

    dispatcher = MailDispatcher(
        uow_factory,
        SmtpSender(
            settings,
            tracer=runtime.tracer_provider.get_tracer("notifications.smtp"),
            registry=runtime.metrics.registry,
        ),
        max_attempts=settings.mail_max_attempts,
        poll_seconds=settings.dispatch_poll_seconds,
    )
    renderer = JinjaMailRenderer()
    links = PortalLinks(settings.portal_url)
    for topic, name, handlers in (
        (IDENTITY_TEAM_APPLICATIONS, "team-application-mail", team_application_handlers(renderer, links)),
        (IDENTITY_USERS, "user-mail", user_handlers(renderer, links)),
        (IDENTITY_USERS, "user-directory", user_directory_handlers()),
        (CASES_CASES, "case-mail", case_handlers(renderer, links)),
    ):
        runtime.consume(
            topic,
            EventConsumer(
                name=name,
                uow_factory=uow_factory,
                handlers=handlers,
                dead_letters=runtime.dead_letters,
                max_attempts=settings.consumer_max_attempts,
                after_commit=dispatcher.wake,
            ),
        )
    runtime.on_startup(dispatcher.start)
    runtime.on_shutdown(dispatcher.stop)
    # The runtime also runs the outbox relay: the bell's events (notifications.in_app) leave through it.
    app = runtime.build_app(title="Notifications", routers=[notifications.router, preferences.router])
    app.state.uow_factory = uow_factory
    app.state.links = links
    return app

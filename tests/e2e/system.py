"""The parts of the system a browser journey needs, each a real service on the test infrastructure:
identity, notifications (mailing to the SMTP sink) and the gateway the browser talks to."""

import contextlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from gateway.__main__ import MIGRATIONS_DIR as GATEWAY_MIGRATIONS
from gateway.bootstrap import build_app as build_gateway
from gateway.config import GatewaySettings
from identity.__main__ import MIGRATIONS_DIR as IDENTITY_MIGRATIONS
from identity.__main__ import seed_demo
from identity.bootstrap import build_app as build_identity
from identity.config import IdentitySettings
from notifications.__main__ import MIGRATIONS_DIR as NOTIFICATIONS_MIGRATIONS
from notifications.bootstrap import build_app as build_notifications
from notifications.config import NotificationsSettings
from servicekit.infra import Infrastructure, free_port
from servicekit.testing.plugin import ServiceDatabase
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test


@dataclass(frozen=True)
class RunningSystem:
    portal_url: str
    identity_url: str
    identity_settings: IdentitySettings


@contextlib.asynccontextmanager
async def running_system(
    infra: Infrastructure, service_database: ServiceDatabase, key_dir: Path
) -> AsyncIterator[RunningSystem]:
    gateway_port = free_port()
    portal_url = f"http://127.0.0.1:{gateway_port}"
    identity_settings = settings_for_test(
        IdentitySettings,
        infra,
        await service_database("identity", IDENTITY_MIGRATIONS),
        dev_key_dir=key_dir,
        # Every test browser comes from 127.0.0.1 and Redis outlives a run: without these, failed logins
        # in one test would lock the demo accounts (or the address) of the next. The limits stay.
        login_failures_per_ip=10_000,
        login_counter_prefix=f"test:{secrets.token_hex(6)}:login-failures",
    )
    await seed_demo(identity_settings)
    notifications_settings = settings_for_test(
        NotificationsSettings,
        infra,
        await service_database("notifications", NOTIFICATIONS_MIGRATIONS),
        smtp_host=infra.smtp_host,
        smtp_port=infra.smtp_port,
        dispatch_poll_seconds=0.5,
        portal_url=portal_url,
    )
    async with (
        running_app(build_identity(identity_settings)) as identity_url,
        running_app(build_notifications(notifications_settings)),
    ):
        gateway_settings = settings_for_test(
            GatewaySettings,
            infra,
            await service_database("gateway", GATEWAY_MIGRATIONS),
            session_secret=secrets.token_urlsafe(32),
            identity_url=identity_url,
            mailbox_dir=infra.mailbox_dir,
        )
        async with running_app(build_gateway(gateway_settings), port=gateway_port):
            yield RunningSystem(portal_url, identity_url, identity_settings)

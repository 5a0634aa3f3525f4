"""Builds identity: the one place that picks concrete adapters."""

from datetime import timedelta

from fastapi import FastAPI
from redis.asyncio import Redis

from identity.adapters.common_passwords import common_passwords
from identity.adapters.keys import token_signer
from identity.adapters.login_throttle import LoginThrottle
from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.personal_numbers import personal_number_cipher
from identity.adapters.uow import IdentityUnitOfWork
from identity.config import IdentitySettings
from identity.domain.password_policy import PasswordPolicy
from identity.entrypoints.api import (
    jwks,
    me,
    passwords,
    resources,
    reviews,
    sessions,
    staff,
    team_applications,
    teams,
)
from identity.service_layer.authentication import Authenticator
from servicekit.runtime import ServiceRuntime


def build_app(settings: IdentitySettings) -> FastAPI:
    runtime = ServiceRuntime(settings)
    signer = token_signer(settings)
    # Identity verifies its own tokens without fetching its own JWKS over HTTP.
    runtime.jwks_verifier.use_keys(signer.jwks())
    redis = Redis.from_url(settings.redis_url)
    runtime.add_readiness_check("redis", redis.ping)  # type: ignore[arg-type]
    runtime.on_shutdown(redis.aclose)

    app = runtime.build_app(
        title="Identity",
        routers=[
            team_applications.router,
            reviews.router,
            resources.router,
            staff.router,
            teams.router,
            jwks.router,
            sessions.router,
            passwords.router,
            me.router,
        ],
    )
    app.state.settings = settings
    app.state.token_signer = signer
    app.state.redis = redis
    app.state.authenticator = Authenticator(
        hasher=PasswordHasher(),
        throttle=LoginThrottle(
            redis,
            per_account=settings.login_failures_per_account,
            per_ip=settings.login_failures_per_ip,
            window_seconds=settings.login_failure_window_seconds,
            prefix=settings.login_counter_prefix,
        ),
        signer=signer,
        session_lifetime=timedelta(hours=settings.login_session_hours),
    )
    app.state.password_policy = PasswordPolicy(common_passwords())
    app.state.personal_number_cipher = personal_number_cipher(settings)
    app.state.uow_factory = lambda: IdentityUnitOfWork(runtime.session_factory, source=settings.service_name)
    return app

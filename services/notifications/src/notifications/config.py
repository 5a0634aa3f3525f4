"""Notifications' settings: NOTIFICATIONS_* environment variables."""

from pydantic import SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)

    service_name: str = "notifications"
    port: int = 8004

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_implicit_tls: bool = False
    smtp_timeout_seconds: float = 15.0
    mail_from: str = "Installatörsportalen <no-reply@installatorsportalen.local>"
    mail_max_attempts: int = 8
    dispatch_poll_seconds: float = 2.0
    # The portal as recipients reach it (the gateway): the base of every link in a mail.
    portal_url: str = "http://127.0.0.1:8000"

    @field_validator("portal_url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http(s) URL, e.g. https://portal.example.com")
        return value.rstrip("/")

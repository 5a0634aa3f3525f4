"""Notifications' settings: NOTIFICATIONS_* environment variables."""

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)

    service_name: str = "notifications"
    port: int = 8004

    smtp_host: str = Field("127.0.0.1", description="the SMTP relay that takes the portal's mail")
    smtp_port: int = Field(25, description="its port: 25, 465 (implicit TLS) or 587 (STARTTLS)")
    smtp_username: str | None = Field(None, description="SMTP AUTH user, if the relay wants one")
    smtp_password: SecretStr | None = Field(None, description="SMTP AUTH password")
    smtp_starttls: bool = Field(False, description="upgrade the connection with STARTTLS (port 587)")
    smtp_implicit_tls: bool = Field(False, description="TLS from the first byte (port 465)")
    smtp_timeout_seconds: float = Field(15.0, description="per SMTP hand-over")
    mail_from: str = Field(
        "Installatörsportalen <no-reply@installatorsportalen.local>", description="the From of every mail"
    )
    mail_max_attempts: int = Field(
        8, description="SMTP attempts per mail (backoff 30 s doubling, at most an hour) before it is given up"
    )
    dispatch_poll_seconds: float = Field(
        2.0, description="how often queued mail is looked for when no new one wakes the dispatcher"
    )
    # The portal as recipients reach it (the gateway): the base of every link in a mail.
    portal_url: str = "http://127.0.0.1:8000"

    @field_validator("portal_url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an absolute http(s) URL, e.g. https://portal.example.com")
        return value.rstrip("/")

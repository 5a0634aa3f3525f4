"""The gateway's settings: GATEWAY_* environment variables."""

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", frozen=True)

    service_name: str = "gateway"
    port: int = 8000

    session_secret: SecretStr = Field(
        description="keys the Redis names of browser sessions; at least 32 random characters"
    )
    session_ttl_seconds: int = Field(8 * 3600, description="idle time after which a session ends")
    secure_cookies: bool = Field(False, description="send cookies over HTTPS only (always in production)")
    identity_url: str = Field("http://127.0.0.1:8001", description="the identity service's base URL")
    gis_url: str = Field("http://127.0.0.1:8005", description="the GIS service's base URL (the map's data)")
    cases_url: str = Field("http://127.0.0.1:8002", description="the cases service's base URL")
    projects_url: str = Field(
        "http://127.0.0.1:8003",
        description="the projects service's base URL (projects, imports, bulk actions)",
    )
    notifications_url: str = Field(
        "http://127.0.0.1:8004", description="the notifications service's base URL (the bell)"
    )
    map_tile_url: str | None = Field(
        None,
        description="base map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; none: vectors only",
    )
    map_tile_attribution: str = Field("", description="the tiles' attribution, shown on the map")
    mailbox_dir: Path | None = Field(
        None, description="development only: the SMTP sink's directory, shown at /dev/mail"
    )

    @model_validator(mode="after")
    def _production_is_strict(self) -> "GatewaySettings":
        if len(self.session_secret.get_secret_value()) < 32:
            raise ValueError("session_secret must be at least 32 characters (GATEWAY_SESSION_SECRET)")
        if self.environment == "production" and not self.secure_cookies:
            raise ValueError("secure_cookies must be true in production (GATEWAY_SECURE_COOKIES)")
        if self.environment == "production" and self.mailbox_dir is not None:
            raise ValueError("mailbox_dir is a development aid; unset GATEWAY_MAILBOX_DIR in production")
        return self

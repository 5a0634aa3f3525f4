"""The settings every service shares; each service subclasses with its own env prefix."""

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from servicekit.sealing import DEVELOPMENT_SEALING_KEYS

Environment = Literal["development", "test", "production"]

PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "dev-secret", "", DEVELOPMENT_SEALING_KEYS.lower()}


class ServiceSettings(BaseSettings):
    """Built once in bootstrap, never at import time. Env prefix per service, e.g. `IDENTITY_`."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: str
    environment: Environment = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"

    database_url: str = Field(description="postgresql+asyncpg://user:password@host:port/database")
    redis_url: str = Field(description="redis://host:port/db")
    kafka_bootstrap: str = Field(description="host:port[,host:port]")
    # tansu has no idempotent producer (InitProducerId v0 is rejected); production Kafka does.
    kafka_idempotent_producer: bool = False
    kafka_session_timeout_ms: int = 10_000
    kafka_heartbeat_interval_ms: int = 3_000
    kafka_create_topics: bool = True
    consumer_max_attempts: int = 5

    identity_jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    jwt_issuer: str = "installer-portal-identity"
    jwt_audience: str = "installer-portal"
    otlp_endpoint: str | None = None

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "ServiceSettings":
        if self.environment != "production":
            return self
        for name, value in self:
            if (
                isinstance(value, SecretStr)
                and value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS
            ):
                raise ValueError(f"{name} has a placeholder value; set a real secret in production")
        return self

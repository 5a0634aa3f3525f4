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

    service_name: str = Field(description="names the service in logs, traces, consumer groups and the relay")
    environment: Environment = Field(
        "development",
        description="production refuses placeholder secrets and development defaults; development and "
        "test may generate keys and start local infrastructure",
    )
    host: str = Field("127.0.0.1", description="address the HTTP server binds (0.0.0.0 in a container)")
    port: int = Field(8000, description="HTTP port: the API, /healthz and /readyz")
    metrics_port: int | None = Field(
        None,
        description="a second port that alone serves /metrics (Kubernetes: 9464, open to Prometheus "
        "only); unset: /metrics is served on the HTTP port",
    )
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR (JSON lines on stdout)")

    database_url: str = Field(description="postgresql+asyncpg://user:password@host:port/database")
    redis_url: str = Field(description="redis://host:port/db")
    kafka_bootstrap: str = Field(description="host:port[,host:port]")
    # tansu has no idempotent producer (InitProducerId v0 is rejected); production Kafka does.
    kafka_idempotent_producer: bool = Field(
        False, description="the idempotent producer (Apache Kafka: true; tansu, the local broker: false)"
    )
    kafka_session_timeout_ms: int = Field(
        10_000, description="consumer group session timeout; a group join waits about half of it"
    )
    kafka_heartbeat_interval_ms: int = Field(3_000, description="consumer group heartbeat interval")
    kafka_create_topics: bool = Field(
        True, description="create missing topics and DLQs at start (false where Strimzi owns topics)"
    )
    consumer_max_attempts: int = Field(
        5, description="attempts at one event before it is parked on <topic>.dlq"
    )

    identity_jwks_url: str = Field(
        "http://127.0.0.1:8001/.well-known/jwks.json",
        description="identity's public signing keys, which verify access tokens",
    )
    jwt_issuer: str = Field("installer-portal-identity", description="the access tokens' `iss`")
    jwt_audience: str = Field("installer-portal", description="the access tokens' `aud`")
    otlp_endpoint: str | None = Field(
        None,
        description="OTLP/HTTP collector, e.g. http://otel-collector:4318 (/v1/traces is added); unset: "
        "traces are made (trace ids in logs, traceparent in events) but not exported",
    )

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

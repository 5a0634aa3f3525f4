"""Identity's settings: IDENTITY_* environment variables."""

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore", frozen=True)

    service_name: str = "identity"
    port: int = 8001

    signing_key_file: Path | None = Field(
        None, description="Ed25519 private key (PEM) that signs access tokens; required in production"
    )
    previous_signing_key_files: list[Path] = Field(
        default_factory=list, description="keys still published in the JWKS after a rotation"
    )
    dev_key_dir: Path = Field(
        Path(".data/identity"), description="outside production: where a generated signing key is kept"
    )
    access_token_minutes: int = Field(
        10, ge=1, le=60, description="access token lifetime; a retired signing key stays published this long"
    )
    login_session_hours: int = Field(
        12, ge=1, le=24 * 30, description="how long a login (its refresh token) lasts"
    )
    personal_number_key: SecretStr | None = Field(
        None, description="32 bytes, base64: encrypts sole traders' personal numbers; required in production"
    )
    login_failures_per_account: int = Field(10, description="failed logins per account within the window")
    login_failures_per_ip: int = Field(30, description="failed logins per client address within the window")
    login_failure_window_seconds: int = Field(15 * 60, description="the failed-login counters' window")
    login_counter_prefix: str = Field(
        "identity:login-failures",
        pattern=r"^[A-Za-z0-9:_-]{1,100}$",
        description="Redis key prefix of the failed-login counters; differs per environment sharing a Redis",
    )
    max_certificate_bytes: int = Field(
        10 * 1024 * 1024, description="largest authorisation certificate a team application may attach"
    )

    @model_validator(mode="after")
    def _production_needs_real_keys(self) -> "IdentitySettings":
        if self.environment == "production":
            if self.signing_key_file is None:
                raise ValueError("signing_key_file is required in production (IDENTITY_SIGNING_KEY_FILE)")
            if self.personal_number_key is None:
                raise ValueError(
                    "personal_number_key is required in production (IDENTITY_PERSONAL_NUMBER_KEY)"
                )
        return self

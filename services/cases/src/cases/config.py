"""Cases' settings: CASES_* environment variables."""

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit.sealing import DEVELOPMENT_SEALING_KEYS
from servicekit.settings import ServiceSettings


class CasesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore", frozen=True)

    service_name: str = "cases"
    port: int = 8002
    gis_url: str = Field("http://127.0.0.1:8005", description="the GIS service: routing, places, facilities")
    # Per call to GIS (a draft's place, a facility lookup); later, the caller gets a 503 and may retry.
    gis_timeout_seconds: float = 5.0
    draft_expiry_interval_seconds: float = Field(
        300.0, description="how often drafts are checked for expiry (0: never, for tests that drive it)"
    )
    # Fernet keys shared with projects (PROJECTS_BATCH_SEALING_KEYS), comma-separated: the first seals,
    # all open, so keys rotate without a stop. Production refuses the development key.
    batch_sealing_keys: SecretStr = SecretStr(DEVELOPMENT_SEALING_KEYS)

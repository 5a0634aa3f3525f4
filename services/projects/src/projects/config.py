"""Projects' settings: PROJECTS_* environment variables."""

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit.sealing import DEVELOPMENT_SEALING_KEYS
from servicekit.settings import ServiceSettings


class ProjectsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROJECTS_", extra="ignore", frozen=True)

    service_name: str = "projects"
    port: int = 8003
    # The cases service: template fields, the check of an import's rows, the project's cases.
    cases_url: str = "http://127.0.0.1:8002"
    # The GIS service: an import's addresses resolved and routed to grid areas in one call.
    gis_url: str = "http://127.0.0.1:8005"
    # Per call to cases or GIS; generous, since a 10,000-row import is checked in one call each.
    http_timeout_seconds: float = 30.0
    # Fernet keys shared with cases (CASES_BATCH_SEALING_KEYS), comma-separated; the first seals.
    batch_sealing_keys: SecretStr = SecretStr(DEVELOPMENT_SEALING_KEYS)

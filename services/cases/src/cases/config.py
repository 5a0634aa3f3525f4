"""Cases' settings: CASES_* environment variables."""

from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class CasesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore", frozen=True)

    service_name: str = "cases"
    port: int = 8002

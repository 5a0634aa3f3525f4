"""GIS settings: GIS_* environment variables."""

from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class GISSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GIS_", extra="ignore", frozen=True)

    service_name: str = "gis"
    port: int = 8005

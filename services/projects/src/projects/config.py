"""Projects' settings: PROJECTS_* environment variables."""

from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings


class ProjectsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROJECTS_", extra="ignore", frozen=True)

    service_name: str = "projects"
    port: int = 8003

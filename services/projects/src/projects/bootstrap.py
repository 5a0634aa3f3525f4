"""Builds projects: the one place that picks concrete adapters."""

from fastapi import FastAPI

from projects.config import ProjectsSettings
from servicekit.runtime import ServiceRuntime


def build_app(settings: ProjectsSettings) -> FastAPI:
    runtime = ServiceRuntime(settings)
    return runtime.build_app(title="Projects")

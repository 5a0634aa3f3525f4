"""Builds gis: the one place that picks concrete adapters."""

from fastapi import FastAPI

from gis.config import GISSettings
from servicekit.runtime import ServiceRuntime


def build_app(settings: GISSettings) -> FastAPI:
    runtime = ServiceRuntime(settings)
    return runtime.build_app(title="GIS")

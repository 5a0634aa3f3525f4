"""Builds cases: the one place that picks concrete adapters."""

from fastapi import FastAPI

from cases.config import CasesSettings
from servicekit.runtime import ServiceRuntime


def build_app(settings: CasesSettings) -> FastAPI:
    runtime = ServiceRuntime(settings)
    return runtime.build_app(title="Cases")

"""Each service runs from an environment holding exactly its image's packages — `uv sync --frozen --no-dev
--package portal-<service>`, as deploy/Dockerfile builds it, so without the embedded servers and the test
tools: it migrates an empty database and then serves, ready, on the real PostgreSQL, Redis and broker.
(No Docker engine here: this is the image's Python environment without the container around it.)"""

import asyncio
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import httpx
import pytest

from servicekit.infra import Infrastructure, drop_database, ensure_database

from .service_process import ServiceProcess

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("identity", "cases", "projects", "notifications", "gis", "gateway")
REQUIRED = {"gateway": {"session_secret": "a-session-secret-of-the-test-" + uuid.uuid4().hex}}


def image_environment(service: str, directory: Path) -> str:
    """The image's virtual environment, built from the lock (hard links from uv's cache: seconds)."""
    uv = shutil.which("uv")
    assert uv is not None, "uv is on PATH wherever the tests run (`make install`)"
    environment = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(directory)}
    subprocess.run(
        [uv, "sync", "--quiet", "--frozen", "--no-dev", "--package", f"portal-{service}"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    python = str(directory / "bin" / "python")
    lacks = subprocess.run([python, "-c", "import pgserver"], capture_output=True, check=False)
    assert lacks.returncode != 0  # really the image's packages, not the workspace's
    return python


@pytest.mark.parametrize("service", SERVICES)
async def test_the_service_migrates_and_serves_from_its_image_environment(
    service: str, infra: Infrastructure, tmp_path: Path
) -> None:
    python = await asyncio.to_thread(image_environment, service, tmp_path / "venv")
    name = f"test_image_{service}_{uuid.uuid4().hex[:8]}"
    await asyncio.to_thread(ensure_database, infra.postgres_url, name)
    process = ServiceProcess(
        service, infra, infra.database_url(name), python=python, **REQUIRED.get(service, {})
    )
    try:
        await process.run("migrate")
        await process.start()
        async with httpx.AsyncClient(base_url=process.url) as client:
            assert (await client.get("/healthz")).status_code == 200
            assert (await client.get("/readyz")).status_code == 200
    finally:
        await process.stop()
        await asyncio.to_thread(drop_database, infra.postgres_url, name)

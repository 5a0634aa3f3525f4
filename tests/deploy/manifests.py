"""Rendering deploy/overlays/* with the pinned kubectl's kustomize, and reading what the manifests give
each container: its environment (literal, ConfigMap or Secret) and the objects around it."""

import functools
import importlib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from deploy.kubectl import kubectl_binary
from servicekit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
OVERLAYS = ("dev", "prod")
SERVICES = ("identity", "cases", "projects", "notifications", "gis", "gateway")
CONTAINER_PORT = 8080
METRICS_PORT = 9464  # /metrics alone (<SERVICE>_METRICS_PORT), open to Prometheus only

Manifest = dict[str, Any]


@functools.cache
def rendered(overlay: str) -> tuple[Manifest, ...]:
    kubectl = kubectl_binary()
    assert kubectl is not None, (
        "no kubectl: run `make install` (python -m deploy.kubectl fetches the pinned one)"
    )
    result = subprocess.run(
        [str(kubectl), "kustomize", str(DEPLOY / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"kustomize failed for overlays/{overlay}:\n{result.stderr}"
    return tuple(document for document in yaml.safe_load_all(result.stdout) if document)


def of_kind(overlay: str, kind: str) -> list[Manifest]:
    return [item for item in rendered(overlay) if item["kind"] == kind]


def named(overlay: str, kind: str, name: str) -> Manifest:
    found = [item for item in of_kind(overlay, kind) if item["metadata"]["name"] == name]
    assert len(found) == 1, f"overlays/{overlay}: expected one {kind} {name!r}, found {len(found)}"
    return found[0]


def pod_spec(overlay: str, service: str) -> Manifest:
    spec: Manifest = named(overlay, "Deployment", service)["spec"]["template"]["spec"]
    return spec


def containers(overlay: str, service: str) -> list[Manifest]:
    """The app container and the init containers (the migration), each with its own environment."""
    spec = pod_spec(overlay, service)
    return [*spec["containers"], *spec.get("initContainers", [])]


def settings_class(service: str) -> type[ServiceSettings]:
    module = importlib.import_module(f"{service}.config")
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, ServiceSettings) and value is not ServiceSettings
    ]
    assert len(found) == 1, f"{service}.config should define one Settings class, found {found}"
    return found[0]


def prefix(service: str) -> str:
    return str(settings_class(service).model_config.get("env_prefix", ""))


@dataclass(frozen=True)
class EnvValue:
    """Where a container's variable comes from: a literal, a ConfigMap key, or a Secret key."""

    source: str  # "literal" | "configmap" | "secret"
    value: str | None  # the value, where the repository holds it (never for a Secret)
    reference: str = ""  # "<secret>/<key>" or "<configmap>/<key>"
    optional: bool = False


def environment(overlay: str, container: Manifest) -> dict[str, EnvValue]:
    """The container's variables as Kubernetes would set them (later entries win, `env` over `envFrom`)."""
    configmaps = {item["metadata"]["name"]: item.get("data", {}) for item in of_kind(overlay, "ConfigMap")}
    found: dict[str, EnvValue] = {}
    for source in container.get("envFrom", []):
        assert "secretRef" not in source, (
            f"{container['name']}: name each Secret key in `env` (secretKeyRef), so the manifests show "
            "which keys must exist and a missing one stops the pod with its name"
        )
        name = source["configMapRef"]["name"]
        assert name in configmaps, (
            f"{container['name']}: envFrom ConfigMap {name!r} is not in overlays/{overlay}"
        )
        for key, value in configmaps[name].items():
            found[source.get("prefix", "") + key] = EnvValue("configmap", str(value), f"{name}/{key}")
    for variable in container.get("env", []):
        name = variable["name"]
        if "value" in variable:
            found[name] = EnvValue("literal", str(variable["value"]))
            continue
        ref = variable.get("valueFrom", {})
        if "secretKeyRef" in ref:
            key = ref["secretKeyRef"]
            found[name] = EnvValue(
                "secret", None, f"{key['name']}/{key['key']}", optional=bool(key.get("optional", False))
            )
        elif "configMapKeyRef" in ref:
            key = ref["configMapKeyRef"]
            value = configmaps.get(key["name"], {}).get(key["key"])
            assert value is not None, f"{name}: ConfigMap key {key['name']}/{key['key']} does not exist"
            found[name] = EnvValue("configmap", str(value), f"{key['name']}/{key['key']}")
        else:
            raise AssertionError(f"{container['name']}: {name} has a source this test does not know: {ref}")
    return found


def stand_in(reference: str) -> str:
    """What a Secret key holds in these tests: a real-looking value, never one production refuses."""
    return "from-secret-" + reference.replace("/", "-") + "-" + "k" * 32


def yaml_file(path: Path) -> list[Manifest]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]

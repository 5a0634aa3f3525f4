"""Every service runs as operators need it: probes that mean what they say, requests and limits, a
non-root read-only container, its migration before it starts, scaling and disruption rules, and an
image pinned per release."""

import pytest

from .manifests import (
    CONTAINER_PORT,
    METRICS_PORT,
    OVERLAYS,
    SERVICES,
    containers,
    environment,
    named,
    of_kind,
    pod_spec,
)

CASES = [(overlay, service) for overlay in OVERLAYS for service in SERVICES]


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_the_app_container_has_liveness_readiness_and_startup_probes(overlay: str, service: str) -> None:
    app = pod_spec(overlay, service)["containers"][0]
    ports = {port["name"]: port["containerPort"] for port in app["ports"]}
    assert ports == {"http": CONTAINER_PORT, "metrics": METRICS_PORT}
    for probe, path in (
        ("livenessProbe", "/healthz"),
        ("readinessProbe", "/readyz"),
        ("startupProbe", "/healthz"),
    ):
        assert app[probe]["httpGet"] == {"path": path, "port": "http"}, f"{service} {probe}"
    # A slow start is the startup probe's to judge; liveness must not restart a pod that is starting.
    startup = app["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 60


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_every_container_has_requests_and_limits(overlay: str, service: str) -> None:
    for container in containers(overlay, service):
        resources = container["resources"]
        for kind in ("requests", "limits"):
            assert set(resources[kind]) >= {"cpu", "memory"}, f"{service}/{container['name']} {kind}"


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_pods_run_non_root_read_only_without_capabilities(overlay: str, service: str) -> None:
    spec = pod_spec(overlay, service)
    pod = spec["securityContext"]
    assert pod["runAsNonRoot"] is True
    assert pod["runAsUser"] != 0
    assert pod["seccompProfile"] == {"type": "RuntimeDefault"}
    assert spec["automountServiceAccountToken"] is False
    # Kubernetes would otherwise set e.g. CASES_PORT=tcp://… (a Service's address) in every pod.
    assert spec["enableServiceLinks"] is False
    assert not spec.get("hostNetwork") and not spec.get("hostPID") and not spec.get("hostIPC")
    volumes = {volume["name"]: volume for volume in spec["volumes"]}
    for container in containers(overlay, service):
        context = container["securityContext"]
        assert context["runAsNonRoot"] is True
        assert context["readOnlyRootFilesystem"] is True
        assert context["allowPrivilegeEscalation"] is False
        assert context["capabilities"] == {"drop": ["ALL"]}
        assert context.get("seccompProfile", pod["seccompProfile"]) == {"type": "RuntimeDefault"}
        mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], f"{service}/{container['name']}: /tmp must be writable"


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_the_migration_runs_before_the_service_with_the_same_image_and_settings(
    overlay: str, service: str
) -> None:
    spec = pod_spec(overlay, service)
    app = spec["containers"][0]
    (migrate,) = spec["initContainers"]
    assert app["command"] == ["python", "-m", service] and app["args"] == ["serve"]
    assert migrate["command"] == ["python", "-m", service] and migrate["args"] == ["migrate"]
    for same in ("image", "env", "envFrom", "volumeMounts"):
        assert migrate.get(same) == app.get(same), f"{service}: the migration's {same} differs from the app's"
    assert not {"livenessProbe", "readinessProbe", "startupProbe"} & set(migrate)
    # One new pod at a time (one migration at a time), and none taken away before its successor is ready.
    strategy = named(overlay, "Deployment", service)["spec"]["strategy"]
    assert strategy == {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_each_service_has_its_service_autoscaler_and_disruption_budget(overlay: str, service: str) -> None:
    deployment = named(overlay, "Deployment", service)
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert "replicas" not in deployment["spec"], "the HorizontalPodAutoscaler owns the replica count"

    kube_service = named(overlay, "Service", service)
    assert kube_service["spec"].get("type", "ClusterIP") == "ClusterIP"
    assert kube_service["spec"]["selector"].items() <= pod_labels.items()
    assert [port["targetPort"] for port in kube_service["spec"]["ports"]] == ["http"]

    autoscaler = named(overlay, "HorizontalPodAutoscaler", service)["spec"]
    assert autoscaler["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": service}
    assert 1 <= autoscaler["minReplicas"] <= autoscaler["maxReplicas"]
    if overlay == "prod":
        assert autoscaler["minReplicas"] >= 2, "production keeps a second pod for node drains and rollouts"

    budget = named(overlay, "PodDisruptionBudget", service)["spec"]
    assert budget["selector"]["matchLabels"].items() <= pod_labels.items()
    assert budget.get("maxUnavailable") == 1

    assert pod_spec(overlay, service)["serviceAccountName"] == service
    assert named(overlay, "ServiceAccount", service)["automountServiceAccountToken"] is False


def test_production_images_come_from_a_registry_with_a_pinned_version() -> None:
    for service in SERVICES:
        for container in containers("prod", service):
            image = container["image"]
            name, _, tag = image.rpartition(":")
            assert "/" in name.split("@")[0] and "." in name.split("/")[0], f"{image}: no registry host"
            assert "@sha256:" in image or (tag and tag != "latest"), f"{image}: pin a version or digest"
            assert name.endswith(f"/installer-portal/{service}") or "@sha256:" in image


def test_no_cron_job_the_draft_expiry_runs_inside_cases() -> None:
    # cases checks drafts every CASES_DRAFT_EXPIRY_INTERVAL_SECONDS in its own loop (deploy/README.md);
    # 0 would switch that off, and nothing else would expire them.
    for overlay in OVERLAYS:
        assert not of_kind(overlay, "CronJob") and not of_kind(overlay, "Job")
        interval = environment(overlay, pod_spec(overlay, "cases")["containers"][0]).get(
            "CASES_DRAFT_EXPIRY_INTERVAL_SECONDS"
        )
        assert interval is None or float(interval.value or 0) > 0

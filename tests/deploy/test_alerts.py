"""The alert rules (deploy/base/monitoring/alerts.yaml): they parse, name only metrics the services
export, cover what operators must hear of, and each has its section in docs/operations.md; promtool
(Debian's `prometheus` package, which .ci/run installs) checks the PromQL and runs alert_cases.yaml,
which says when each alert fires and when it must not."""

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from notifications.adapters.smtp import SmtpSender
from notifications.config import NotificationsSettings
from servicekit.metrics import METRIC_NAMES, ServiceMetrics

from .manifests import DEPLOY, ROOT, named, of_kind

ALERTS = DEPLOY / "base" / "monitoring" / "alerts.yaml"
OPERATIONS = ROOT / "docs" / "operations.md"
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# What issue 8 asks alerts for, by the rule that answers it.
EXPECTED = {
    "PortalOutboxBacklogOld",  # outbox backlog age
    "PortalDeadLetters",  # DLQ growth
    "PortalConsumerStuck",  # a consumer stuck
    "PortalHighErrorRate",  # error rate
    "PortalMailNotGettingThrough",  # mail failures
    "PortalMailGivenUp",
    "PortalNotReady",  # readiness failing
}


def rules() -> list[dict[str, Any]]:
    spec = yaml.safe_load(ALERTS.read_text())["spec"]
    return [rule for group in spec["groups"] for rule in group["rules"]]


def exported_names() -> set[str]:
    """What a service's /metrics can hold: servicekit's metrics and notifications' mail counters."""
    metrics = ServiceMetrics()
    SmtpSender(
        NotificationsSettings(database_url="x", redis_url="x", kafka_bootstrap="x"), registry=metrics.registry
    )
    names = set()
    for family in metrics.registry.collect():
        names.add(family.name + ("_total" if family.type == "counter" else ""))
    return names


def test_the_listed_metric_names_are_those_a_service_exports() -> None:
    assert exported_names() == METRIC_NAMES


def test_the_rules_cover_what_operators_must_hear_of_and_name_only_exported_metrics() -> None:
    assert {rule["alert"] for rule in rules()} == EXPECTED
    histograms = {name for name in METRIC_NAMES if name.endswith("_seconds") and "duration" in name}
    known = METRIC_NAMES | {name + suffix for name in histograms for suffix in HISTOGRAM_SUFFIXES}
    for rule in rules():
        named_metrics = set(re.findall(r"\bportal_[a-z_]+\b", rule["expr"]))
        assert named_metrics, f"{rule['alert']} names no portal metric"
        assert named_metrics <= known, f"{rule['alert']}: unknown {named_metrics - known}"
        assert rule["expr"].count("(") == rule["expr"].count(")"), rule["alert"]


def test_each_alert_has_its_section_in_the_operations_guide() -> None:
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in OPERATIONS.read_text().splitlines()
        if line.startswith("#")
    }
    for rule in rules():
        runbook = rule["annotations"]["runbook"]
        assert runbook == f"docs/operations.md#{rule['alert'].lower()}"
        assert rule["alert"].lower() in anchors, f"docs/operations.md has no section {rule['alert']}"


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_both_overlays_carry_the_rules_and_scrape_every_portal_pod(overlay: str) -> None:
    assert (
        named(overlay, "PrometheusRule", "installer-portal")["spec"]
        == yaml.safe_load(ALERTS.read_text())["spec"]
    )
    (monitor,) = of_kind(overlay, "PodMonitor")
    assert monitor["spec"]["selector"]["matchLabels"] == {"app.kubernetes.io/part-of": "installer-portal"}
    assert [endpoint["port"] for endpoint in monitor["spec"]["podMetricsEndpoints"]] == ["metrics"]


def test_promtool_checks_the_rules_and_when_they_fire(tmp_path: Path) -> None:
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail(
            "promtool is missing: apt-get install prometheus (.ci/run does), so the rules' PromQL is checked"
        )
    spec = yaml.safe_load(ALERTS.read_text())["spec"]
    (tmp_path / "full.yaml").write_text(yaml.safe_dump(spec))
    for group in spec["groups"]:
        for rule in group["rules"]:
            rule.pop("annotations")  # alert_cases.yaml checks when alerts fire, not their wording
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(spec))
    shutil.copy(Path(__file__).with_name("alert_cases.yaml"), tmp_path / "alert_cases.yaml")
    for command in (["check", "rules", "full.yaml"], ["test", "rules", "alert_cases.yaml"]):
        result = subprocess.run(
            [promtool, *command], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr

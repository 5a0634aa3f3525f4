"""Who may talk to whom. Only the gateway's HTTP port is reachable from outside the namespace (from the
ingress controller), with one explicit exception: Prometheus in namespace `monitoring` reaches every
pod's metrics port, and that port alone (base/platform's allow-monitoring, which also lets the pods send
traces to the OpenTelemetry collector there). Each service reaches its own database, Kafka, Redis where
it uses it, and exactly the services its *_URL settings name, which in turn admit exactly those
callers."""

from typing import Any
from urllib.parse import urlsplit

import pytest

from .manifests import (
    CONTAINER_PORT,
    METRICS_PORT,
    OVERLAYS,
    ROOT,
    SERVICES,
    Manifest,
    environment,
    named,
    of_kind,
    pod_spec,
    prefix,
    settings_class,
)

CASES = [(overlay, service) for overlay in OVERLAYS for service in SERVICES]
APP = "app.kubernetes.io/name"


def url_settings(service: str) -> dict[str, str]:
    """Its settings that hold another service's base URL (`<service>_url`, identity's JWKS), by callee."""
    found = {}
    for name in settings_class(service).model_fields:
        if name == "identity_jwks_url":
            found[name] = "identity"
        elif name.endswith("_url") and name.removesuffix("_url") in SERVICES:
            found[name] = name.removesuffix("_url")
    return found


def callees(service: str) -> set[str]:
    return set(url_settings(service).values())


def callers(service: str) -> set[str]:
    return {caller for caller in SERVICES if service in callees(caller)}


def uses_redis(service: str) -> bool:
    """Every Settings class requires REDIS_URL; only services whose code connects to it need the route."""
    source = ROOT / "services" / service / "src"
    return any("settings.redis_url" in path.read_text() for path in source.rglob("*.py"))


def policy(overlay: str, service: str) -> dict[str, Any]:
    spec: dict[str, Any] = named(overlay, "NetworkPolicy", service)["spec"]
    return spec


def peer_apps(rules: list[Manifest], side: str) -> set[str]:
    """The services named by podSelector-only peers of these rules."""
    return {
        peer["podSelector"]["matchLabels"][APP]
        for rule in rules
        for peer in rule.get(side, [])
        if set(peer) == {"podSelector"} and peer["podSelector"].get("matchLabels", {}).get(APP) in SERVICES
    }


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_each_service_has_a_policy_for_both_directions(overlay: str, service: str) -> None:
    spec = policy(overlay, service)
    pod_labels = named(overlay, "Deployment", service)["spec"]["template"]["metadata"]["labels"]
    assert spec["podSelector"]["matchLabels"].items() <= pod_labels.items()
    assert set(spec["policyTypes"]) == {"Ingress", "Egress"}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_everything_else_is_denied_and_dns_allowed_for_every_portal_pod(overlay: str) -> None:
    deny = named(overlay, "NetworkPolicy", "default-deny")["spec"]
    assert set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert not deny.get("ingress") and not deny.get("egress")
    dns = named(overlay, "NetworkPolicy", "allow-dns")["spec"]
    assert {(port["protocol"], port["port"]) for rule in dns["egress"] for port in rule["ports"]} == {
        ("UDP", 53),
        ("TCP", 53),
    }
    for service in SERVICES:
        pod_labels = named(overlay, "Deployment", service)["spec"]["template"]["metadata"]["labels"]
        for selected in (deny, dns):
            assert selected["podSelector"]["matchLabels"].items() <= pod_labels.items(), service


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_only_the_gateway_admits_traffic_from_outside_the_namespace(overlay: str, service: str) -> None:
    rules = policy(overlay, service).get("ingress", [])
    peers = [peer for rule in rules for peer in rule.get("from", [])]
    assert all(rule.get("from") for rule in rules), f"{service}: a rule without `from` admits everyone"
    outside = [peer for peer in peers if "namespaceSelector" in peer or "ipBlock" in peer]
    if service == "gateway":
        assert outside and all("namespaceSelector" in peer and "podSelector" in peer for peer in outside)
        assert peer_apps(rules, "from") == set(), "no service calls the gateway"
    else:
        assert not outside, f"{service} must not be reachable from outside the namespace"
    for rule in rules:
        assert rule["ports"] == [{"protocol": "TCP", "port": CONTAINER_PORT}]


MONITORING = {"kubernetes.io/metadata.name": "monitoring"}
PROMETHEUS = {
    "namespaceSelector": {"matchLabels": MONITORING},
    "podSelector": {"matchLabels": {APP: "prometheus"}},
}
COLLECTOR = {
    "namespaceSelector": {"matchLabels": MONITORING},
    "podSelector": {"matchLabels": {APP: "opentelemetry-collector"}},
}


def admitted_from_outside(overlay: str) -> dict[str, list[tuple[Manifest, list[Manifest]]]]:
    """Every NetworkPolicy of the overlay (the services' and the platform's) that admits peers from
    outside the namespace: its name → [(peer, ports)]."""
    found: dict[str, list[tuple[Manifest, list[Manifest]]]] = {}
    for item in of_kind(overlay, "NetworkPolicy"):
        for rule in item["spec"].get("ingress", []):
            for peer in rule.get("from", []):
                if "namespaceSelector" in peer or "ipBlock" in peer:
                    found.setdefault(item["metadata"]["name"], []).append((peer, rule["ports"]))
    return found


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_from_outside_only_the_ingress_controller_to_the_gateway_and_prometheus_to_metrics(
    overlay: str,
) -> None:
    outside = admitted_from_outside(overlay)
    assert set(outside) == {"gateway", "allow-monitoring"}
    assert [ports for _, ports in outside["gateway"]] == [[{"protocol": "TCP", "port": CONTAINER_PORT}]]
    assert outside["allow-monitoring"] == [(PROMETHEUS, [{"protocol": "TCP", "port": METRICS_PORT}])]
    # And it covers every service's pods, whose metrics port no other rule opens.
    monitoring = named(overlay, "NetworkPolicy", "allow-monitoring")["spec"]
    for service in SERVICES:
        pod_labels = named(overlay, "Deployment", service)["spec"]["template"]["metadata"]["labels"]
        assert monitoring["podSelector"]["matchLabels"].items() <= pod_labels.items(), service
        ports = {
            port["port"] for rule in policy(overlay, service).get("ingress", []) for port in rule["ports"]
        }
        assert METRICS_PORT not in ports, f"{service} opens its metrics port to callers"
    # Out: traces to the collector over OTLP/HTTP, nothing else.
    assert monitoring["egress"] == [{"to": [COLLECTOR], "ports": [{"protocol": "TCP", "port": 4318}]}]


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_services_reach_and_admit_exactly_whom_their_url_settings_name(overlay: str, service: str) -> None:
    spec = policy(overlay, service)
    assert peer_apps(spec["egress"], "to") == callees(service)
    if service != "gateway":
        assert peer_apps(spec.get("ingress", []), "from") == callers(service)
    service_rules = [rule for rule in spec["egress"] if peer_apps([rule], "to")]
    assert all(rule["ports"] == [{"protocol": "TCP", "port": CONTAINER_PORT}] for rule in service_rules)
    # And the URLs themselves point at those services' in-cluster names.
    variables = environment(overlay, pod_spec(overlay, service)["containers"][0])
    for field, callee in url_settings(service).items():
        variable = variables[f"{prefix(service)}{field}".upper()]
        assert urlsplit(variable.value or "").hostname == callee, f"{service}.{field} = {variable.value}"


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_services_reach_only_their_own_database_kafka_and_redis_where_used(
    overlay: str, service: str
) -> None:
    egress = policy(overlay, service)["egress"]
    others = [rule for rule in egress if not peer_apps([rule], "to")]
    by_port: dict[int, list[Manifest]] = {}
    for rule in others:
        for port in rule["ports"]:
            by_port.setdefault(port["port"], []).extend(rule["to"])
    database = by_port.pop(5432)
    assert database == [
        {"podSelector": {"matchLabels": {APP: "postgresql", "app.kubernetes.io/instance": f"{service}-db"}}}
    ]
    kafka = by_port.pop(9092)
    assert all(set(peer) == {"podSelector"} and "strimzi.io/cluster" in str(peer) for peer in kafka)
    redis = by_port.pop(6379, None)
    assert (redis is not None) == uses_redis(service), f"{service}: Redis route vs. use in code"
    if service == "notifications":  # the SMTP relay, outside the cluster: SMTP ports only
        smtp = [by_port.pop(port, None) for port in (25, 465, 587)]
        assert all(peers == [{"ipBlock": {"cidr": "0.0.0.0/0"}}] for peers in smtp)
    assert not by_port, f"{service}: unexpected egress {by_port}"


def test_the_production_ingress_leads_to_the_gateway_only_over_https() -> None:
    (ingress,) = of_kind("prod", "Ingress")
    spec = ingress["spec"]
    backends = [path["backend"]["service"] for rule in spec["rules"] for path in rule["http"]["paths"]]
    assert backends == [{"name": "gateway", "port": {"name": "http"}}]
    hosts = {rule["host"] for rule in spec["rules"]}
    assert hosts <= {host for tls in spec["tls"] for host in tls["hosts"]}
    # The links in mails point at the same public address.
    notifications = environment("prod", pod_spec("prod", "notifications")["containers"][0])
    portal_url = notifications["NOTIFICATIONS_PORTAL_URL"].value or ""
    assert portal_url.startswith("https://") and urlsplit(portal_url).hostname in hosts
    assert not of_kind("dev", "Ingress")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_service_is_exposed_on_nodes_or_load_balancers(overlay: str) -> None:
    for item in of_kind(overlay, "Service"):
        assert item["spec"].get("type", "ClusterIP") == "ClusterIP", item["metadata"]["name"]


def test_the_callee_graph_matches_the_settings_as_documented() -> None:
    # If a service starts calling another, its *_URL setting appears, and this graph (and the policies
    # the tests above demand) grow with it.
    assert {service: callees(service) for service in SERVICES} == {
        "identity": {"identity"},
        "cases": {"gis", "identity"},
        "projects": {"cases", "gis", "identity"},
        "notifications": {"identity"},
        "gis": {"identity"},
        "gateway": {"identity", "gis", "cases", "projects", "notifications"},
    }

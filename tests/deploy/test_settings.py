"""What each service's Settings class requires, the manifests provide: every container's environment
(literals, ConfigMap keys, Secret keys standing in with real-looking values) is fed to the real
pydantic Settings class, in production for overlays/prod. A field without a default, or one that
production refuses to leave at its default (a placeholder secret, a missing key), fails here."""

import os

import pytest
from pydantic import SecretStr, ValidationError

from servicekit.serve import ConfigurationError, load_settings
from servicekit.settings import ServiceSettings

from .manifests import (
    CONTAINER_PORT,
    METRICS_PORT,
    OVERLAYS,
    SERVICES,
    EnvValue,
    containers,
    environment,
    prefix,
    settings_class,
    stand_in,
)

CASES = [(overlay, service) for overlay in OVERLAYS for service in SERVICES]
EXPECTED_ENVIRONMENT = {"dev": "development", "prod": "production"}
# Read from the environment by something other than a Settings class.
NOT_SETTINGS = {"FORWARDED_ALLOW_IPS"}  # uvicorn: the proxies whose X-Forwarded-For the gateway believes


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No service variable of this machine's leaks into the Settings under test."""
    prefixes = tuple(prefix(service) for service in SERVICES)
    for name in list(os.environ):
        if name.upper().startswith(prefixes):
            monkeypatch.delenv(name)
    return monkeypatch


def as_process_environment(variables: dict[str, EnvValue]) -> dict[str, str]:
    return {
        name: variable.value if variable.value is not None else stand_in(variable.reference)
        for name, variable in variables.items()
        if not variable.optional
    }


def settings_from(
    monkeypatch: pytest.MonkeyPatch, service: str, variables: dict[str, str]
) -> ServiceSettings:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    try:
        # The path `python -m <service> serve|migrate` takes, so its one-line error names the variable.
        return load_settings(settings_class(service))
    finally:
        for name in variables:
            monkeypatch.delenv(name)


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_the_manifests_give_every_container_the_settings_its_service_requires(
    clean_environment: pytest.MonkeyPatch, overlay: str, service: str
) -> None:
    for container in containers(overlay, service):
        variables = as_process_environment(environment(overlay, container))
        settings = settings_from(clean_environment, service, variables)
        assert settings.environment == EXPECTED_ENVIRONMENT[overlay], container["name"]
        assert settings.host == "0.0.0.0" and settings.port == CONTAINER_PORT  # noqa: S104 - all addresses
        # /metrics only on the port the pod names `metrics`, which the NetworkPolicies open to Prometheus.
        assert settings.metrics_port == METRICS_PORT
        assert settings.otlp_endpoint, "traces go to the collector (base/platform allows OTLP egress)"


# What production refuses to start without, beyond the fields that have no default at all: found by
# the test below, listed here so that a change in either direction is seen in review.
PRODUCTION_NEEDS = {
    "identity": {"IDENTITY_SIGNING_KEY_FILE", "IDENTITY_PERSONAL_NUMBER_KEY"},
    "cases": {"CASES_BATCH_SEALING_KEYS"},
    "projects": {"PROJECTS_BATCH_SEALING_KEYS"},
    "notifications": set(),
    "gis": set(),
    "gateway": {"GATEWAY_SESSION_SECRET", "GATEWAY_SECURE_COOKIES"},
}


@pytest.mark.parametrize("service", SERVICES)
def test_each_variable_production_cannot_do_without_is_found_and_given(
    clean_environment: pytest.MonkeyPatch, service: str
) -> None:
    """Introspection with teeth: leave out one variable at a time from production's environment; those
    whose absence the Settings refuse are exactly the fields without default plus PRODUCTION_NEEDS."""
    variables = as_process_environment(environment("prod", containers("prod", service)[0]))
    needed = set()
    for name in variables:
        try:
            settings_from(clean_environment, service, {k: v for k, v in variables.items() if k != name})
        except ConfigurationError:
            needed.add(name)
    p = prefix(service)
    fields = settings_class(service).model_fields
    without_default = {f"{p}{name}".upper() for name, field in fields.items() if field.is_required()}
    assert without_default >= {f"{p}DATABASE_URL", f"{p}REDIS_URL", f"{p}KAFKA_BOOTSTRAP"}
    assert needed == without_default | PRODUCTION_NEEDS[service]


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_secrets_come_from_kubernetes_secrets_never_from_the_repository(overlay: str, service: str) -> None:
    p = prefix(service)
    fields = settings_class(service).model_fields
    secret_fields = {f"{p}{name}".upper() for name, field in fields.items() if _is_secret(field.annotation)}
    credentials = {f"{p}DATABASE_URL", f"{p}REDIS_URL"}  # they carry passwords
    for container in containers(overlay, service):
        for name, variable in environment(overlay, container).items():
            if name in secret_fields | credentials:
                assert variable.source == "secret", (
                    f"{service}/{container['name']}: {name} from {variable.source}"
                )


@pytest.mark.parametrize(("overlay", "service"), CASES)
def test_every_variable_the_manifests_set_is_a_setting_of_that_service(overlay: str, service: str) -> None:
    """A misspelt variable would be ignored silently (extra="ignore"); here it fails."""
    p = prefix(service)
    known = {f"{p}{name}".upper() for name in settings_class(service).model_fields}
    for container in containers(overlay, service):
        unknown = set(environment(overlay, container)) - known - NOT_SETTINGS
        assert not unknown, f"{service}/{container['name']}: {sorted(unknown)} are no settings of {service}"


def test_production_refuses_a_placeholder_and_a_stand_in_is_none(
    clean_environment: pytest.MonkeyPatch,
) -> None:
    def cases(**secret: SecretStr) -> ServiceSettings:
        return settings_class("cases")(
            environment="production",
            database_url="postgresql+asyncpg://x",
            redis_url="redis://x",
            kafka_bootstrap="x:9092",
            **secret,
        )

    with pytest.raises(ValidationError, match="placeholder"):
        cases()  # the development sealing keys, by default
    cases(batch_sealing_keys=SecretStr(stand_in("batch-sealing-keys/keys")))


def _is_secret(annotation: object) -> bool:
    return annotation is SecretStr or SecretStr in getattr(annotation, "__args__", ())

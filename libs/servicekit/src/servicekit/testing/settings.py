"""Settings of a service under test, pointed at the test infrastructure."""

from typing import Any, TypeVar

from servicekit.infra import Infrastructure
from servicekit.settings import ServiceSettings

S = TypeVar("S", bound=ServiceSettings)

# tansu: joining a group blocks for about half the session timeout, so tests keep it short.
FAST_GROUP_JOIN = {"kafka_session_timeout_ms": 2000, "kafka_heartbeat_interval_ms": 500}


def settings_for_test(
    settings_class: type[S], infra: Infrastructure, database_url: str, **overrides: Any
) -> S:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "redis_url": infra.redis_url,
        "kafka_bootstrap": infra.kafka_bootstrap,
        **FAST_GROUP_JOIN,
        **overrides,
    }
    return settings_class(**values)

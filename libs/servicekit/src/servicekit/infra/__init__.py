"""Local infrastructure for `make up` and the tests: PostgreSQL, Redis, a Kafka-protocol broker, SMTP.

`LocalInfrastructure(data_dir).start()` yields their addresses. Per component a PORTAL_* variable wins
(PORTAL_POSTGRES_URL, PORTAL_REDIS_URL, PORTAL_KAFKA_BOOTSTRAP, PORTAL_SMTP_URL); else testcontainers
if allowed and Docker answers; else embedded servers from our locked wheels.
"""

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.mailbox import Mailbox
from servicekit.infra.model import Infrastructure
from servicekit.infra.ports import free_port
from servicekit.infra.postgres import drop_database, ensure_database
from servicekit.infra.resolver import VARIABLES, LocalInfrastructure

__all__ = [
    "VARIABLES",
    "Infrastructure",
    "InfrastructureError",
    "LocalInfrastructure",
    "Mailbox",
    "drop_database",
    "ensure_database",
    "free_port",
]

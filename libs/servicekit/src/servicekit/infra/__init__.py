"""Local infrastructure for `make up` and the tests: PostgreSQL, Redis, a Kafka-protocol broker, SMTP.

`servicekit.infra.resolver.LocalInfrastructure(data_dir).start()` yields their addresses. Per component
a PORTAL_* variable wins (PORTAL_POSTGRES_URL, PORTAL_REDIS_URL, PORTAL_KAFKA_BOOTSTRAP, PORTAL_SMTP_URL);
else testcontainers if allowed and Docker answers; else embedded servers from our locked wheels.

The embedded servers come with servicekit's `local` extra, which the workspace installs for development
and tests but the production images do not: only the resolver imports them, so this package itself
(the mailbox the portal's dev mail page reads, the address model) imports without them.
"""

from servicekit.infra.errors import InfrastructureError
from servicekit.infra.mailbox import Mailbox
from servicekit.infra.model import Infrastructure
from servicekit.infra.ports import free_port
from servicekit.infra.postgres import drop_database, ensure_database

__all__ = [
    "Infrastructure",
    "InfrastructureError",
    "Mailbox",
    "drop_database",
    "ensure_database",
    "free_port",
]

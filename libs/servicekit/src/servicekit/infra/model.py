"""What the resolver hands out: where each component answers, and where that came from."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class Infrastructure:
    postgres_url: str  # libpq form, pointing at the admin database
    redis_url: str
    kafka_bootstrap: str
    smtp_host: str
    smtp_port: int
    mailbox_dir: Path | None  # where the embedded SMTP sink stores mails; None for an external server
    # component -> "environment" | "testcontainers" | "embedded"
    sources: Mapping[str, str] = field(default_factory=dict, hash=False)

    def database_url(self, database: str) -> str:
        """SQLAlchemy asyncpg URL for another database on the same server (same credentials)."""
        parts = urlsplit(self.postgres_url)
        # libpq says sslmode=…, SQLAlchemy's asyncpg dialect passes query keys to asyncpg.connect as ssl=…
        query = urlencode([("ssl" if k == "sslmode" else k, v) for k, v in parse_qsl(parts.query)])
        return urlunsplit(("postgresql+asyncpg", parts.netloc, f"/{database}", query, ""))

    def redis_url_for(self, db: int) -> str:
        """The same Redis server, another logical database."""
        parts = urlsplit(self.redis_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))

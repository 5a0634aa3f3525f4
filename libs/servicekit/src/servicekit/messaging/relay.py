"""The outbox relay: publishes committed outbox rows in id order, then marks them sent.

At least once: a crash after publishing and before marking re-sends on restart; consumers de-duplicate.
One relay per database publishes at a time (a PostgreSQL advisory lock), which keeps per-key order when
a service runs several replicas; the others stand by.
"""

import asyncio
import contextlib
import logging
import zlib
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from servicekit.db.engine import asyncpg_dsn
from servicekit.db.tables import OUTBOX_CHANNEL
from servicekit.messaging.publisher import OutboundRecord, RecordPublisher

log = logging.getLogger(__name__)

_SELECT_BATCH = text(
    "SELECT id, topic, key, envelope, headers FROM outbox_message "
    "WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE"
)
_MARK_SENT = text("UPDATE outbox_message SET published_at = now() WHERE id = ANY(:ids)")
_PRUNE = text("DELETE FROM outbox_message WHERE published_at < now() - make_interval(secs => :seconds)")


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        publisher: RecordPublisher,
        *,
        name: str,
        batch_size: int = 500,
        poll_interval: float = 2.0,
        retention: timedelta = timedelta(days=7),
    ) -> None:
        self._engine = engine
        self._publisher = publisher
        self._lock_id = zlib.crc32(f"outbox-relay:{name}".encode())
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._retention = retention
        self.is_leader = False

    async def publish_pending(self) -> int:
        """Publish one batch of unsent rows; returns how many were published."""
        async with self._engine.begin() as conn:
            rows = (await conn.execute(_SELECT_BATCH, {"limit": self._batch_size})).mappings().all()
            if not rows:
                return 0
            await self._publisher.publish([_record(row) for row in rows])
            await conn.execute(_MARK_SENT, {"ids": [row["id"] for row in rows]})
        return len(rows)

    async def drain(self) -> int:
        """Publish until nothing is left; returns the total."""
        total = 0
        while published := await self.publish_pending():
            total += published
        return total

    async def run(self) -> None:
        """Publish for as long as the task lives; survives database and broker outages."""
        backoff = 0.5
        while True:
            try:
                async with self._leadership() as (conn, wake):
                    backoff = 0.5
                    await self._publish_while_leader(conn, wake)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay failed; retrying in %.1f s", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _publish_while_leader(self, lock: "asyncpg.Connection", wake: asyncio.Event) -> None:
        loops = 0
        while True:
            if lock.is_closed():
                # The lock went with its connection: another replica may lead now. Stand in line again.
                raise ConnectionError("the relay lost its lock connection")
            wake.clear()
            if await self.publish_pending() == self._batch_size:
                continue  # more are waiting
            loops += 1
            if loops % 500 == 1:
                await self._prune()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), self._poll_interval)

    async def _prune(self) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(_PRUNE, {"seconds": self._retention.total_seconds()})

    @contextlib.asynccontextmanager
    async def _leadership(self) -> AsyncIterator[tuple["asyncpg.Connection", asyncio.Event]]:
        """Hold the advisory lock and listen for new rows on one dedicated connection."""
        url = self._engine.url.render_as_string(hide_password=False)
        conn: asyncpg.Connection = await asyncpg.connect(asyncpg_dsn(url))
        wake = asyncio.Event()
        try:
            # Another replica may hold the lock and publish; stand by until it goes.
            while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", self._lock_id):  # noqa: ASYNC110
                await asyncio.sleep(self._poll_interval)
            self.is_leader = True
            await conn.add_listener(OUTBOX_CHANNEL, lambda *_: wake.set())
            conn.add_termination_listener(lambda *_: wake.set())  # notice a lost lock at once
            yield conn, wake
        finally:
            self.is_leader = False
            await conn.close()  # releases the lock


def _record(row: Any) -> OutboundRecord:
    headers: dict[str, str] = row["headers"] or {}
    return OutboundRecord(
        topic=row["topic"],
        key=row["key"].encode(),
        value=orjson.dumps(row["envelope"]),
        headers=[(name, value.encode()) for name, value in headers.items()],
    )

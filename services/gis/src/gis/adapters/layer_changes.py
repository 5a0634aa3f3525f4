"""Telling every GIS replica that a layer changed: PostgreSQL NOTIFY, sent in the import's transaction (so
only a committed import is announced), heard on a dedicated LISTEN connection by each replica."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.db.engine import asyncpg_dsn

CHANNEL = "gis_layers_changed"
log = logging.getLogger(__name__)


async def announce_layers_changed(session: AsyncSession) -> None:
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


async def listen_for_layer_changes(
    database_url: str, on_change: Callable[[], Awaitable[None]], *, settle_seconds: float = 1.0
) -> None:
    """Run until cancelled: `on_change` after each announced change (a burst counts once), and after every
    reconnect, since a change may have been announced while no one listened."""
    delay = 1.0
    first = True
    while True:
        try:
            conn: asyncpg.Connection = await asyncpg.connect(asyncpg_dsn(database_url))
        except (OSError, asyncpg.PostgresError) as error:
            log.warning(
                "cannot listen for layer changes (%s); retrying in %.0f s", type(error).__name__, delay
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
            continue
        delay = 1.0
        try:
            await _listen(conn, on_change, settle_seconds, caught_up=first)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            log.warning("lost the layer-change listener (%s); reconnecting", type(error).__name__)
        finally:
            with contextlib.suppress(Exception):
                await conn.close()
        first = False


async def _listen(
    conn: asyncpg.Connection,
    on_change: Callable[[], Awaitable[None]],
    settle_seconds: float,
    *,
    caught_up: bool,
) -> None:
    """Until the connection is lost."""
    changed, lost = asyncio.Event(), asyncio.Event()
    await conn.add_listener(CHANNEL, lambda *_: changed.set())
    conn.add_termination_listener(lambda *_: lost.set())
    if not caught_up:
        await on_change()
    while not lost.is_set():
        waiting = [asyncio.create_task(changed.wait()), asyncio.create_task(lost.wait())]
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        for task in waiting:
            task.cancel()
        if changed.is_set():
            await asyncio.sleep(settle_seconds)  # an import of several layers: rebuild once
            changed.clear()
            await on_change()

"""Redis Streams between the gateway's push consumer and every gateway replica's open pages: one replica
consumes each event (one consumer group), every replica's streams read it.

Streams rather than pub/sub so that nothing falls between a page's rendering and its stream connecting
(or reconnecting): a listener starts from the moment the page was rendered and first reads what was
published since. Each channel keeps its last few minutes of messages and expires when quiet."""

import json
import re
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

from redis.asyncio import Redis

KEEP_MESSAGES = 200  # per channel; a page further behind than that reloads anyway
QUIET_CHANNEL_EXPIRES_SECONDS = 3600


def now_millis() -> int:
    """The position a page rendered now listens from (Redis stream ids are milliseconds since the epoch;
    the gateway's and Redis's clocks agree to NTP's few milliseconds, which at worst repeats a message)."""
    return int(time.time() * 1000)


class LiveChannel:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.xadd(
                channel,
                {"m": json.dumps(message, separators=(",", ":"))},
                maxlen=KEEP_MESSAGES,
                approximate=True,
            )
            pipe.expire(channel, QUIET_CHANNEL_EXPIRES_SECONDS)
            await pipe.execute()

    async def listen(
        self, channels: Iterable[str], *, after: str, heartbeat_seconds: float
    ) -> AsyncIterator[tuple[str, str] | None]:
        """(message id, the message's JSON as published) for every message after the position `after`,
        oldest first, then as they come; None after `heartbeat_seconds` of silence (the stream sends a
        comment then, so proxies keep it open and a closed browser is noticed)."""
        positions: dict[Any, Any] = dict.fromkeys(channels, after)
        while True:
            # [[channel, [(id, {b"m": json})...]]...]; redis-py types it loosely
            found: Any = await self._redis.xread(positions, block=int(heartbeat_seconds * 1000))
            if not found:
                yield None
                continue
            for channel, entries in found:
                for entry_id, fields in entries:
                    positions[_text(channel)] = entry_id
                    data = fields[b"m"]
                    yield _text(entry_id), _text(data)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def resume_position(last_event_id: str | None, rendered_at: str | None) -> str | None:
    """Where a stream resumes: after the last message the page received (EventSource sends its id when
    it reconnects), else from when the page was rendered (a change committed before that is on the page
    already); None if neither is a sound position."""
    if last_event_id and _POSITION.fullmatch(last_event_id):
        # The id is one stream's; another of the page's streams may hold a message of the same
        # millisecond with a smaller sequence. Resuming from the start of that millisecond on every
        # stream may repeat a message (the page applies it again, harmlessly) but never skips one.
        millis = int(last_event_id.split("-")[0])
        return f"{millis - 1}-{_LAST_SEQUENCE}" if millis else "0-0"
    if rendered_at and rendered_at.isdigit() and len(rendered_at) <= 15:
        return f"{rendered_at}-0"
    return None


_POSITION = re.compile(r"\d{1,15}-\d{1,20}")
_LAST_SEQUENCE = 2**64 - 1  # the largest sequence number of a Redis stream id

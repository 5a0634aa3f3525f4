"""Browser sessions in Redis. The cookie holds a random id; Redis holds the data under a keyed hash of
it, so a copy of Redis (a backup, a replica) gives nobody a cookie that works. Signed-in sessions are
also indexed per user, so identity's "sessions ended" event can end all of a user's browser sessions."""

import hashlib
import hmac
from typing import Any, cast

import orjson
from redis.asyncio import Redis

from gateway.domain.session import BrowserSession

KEY_PREFIX = "gateway:session:"
USER_INDEX_PREFIX = "gateway:user-sessions:"


class RedisSessionStore:
    def __init__(self, redis: Redis, secret: bytes, ttl_seconds: int) -> None:
        self._redis = redis
        self._secret = secret
        self.ttl_seconds = ttl_seconds

    def key(self, session_id: str) -> str:
        digest = hmac.new(self._secret, session_id.encode(), hashlib.sha256).hexdigest()
        return KEY_PREFIX + digest

    async def load(self, session_id: str) -> BrowserSession | None:
        """The session, its idle timer restarted; None when unknown or expired."""
        if not session_id or len(session_id) > 100:
            return None
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.get(self.key(session_id))
            pipe.expire(self.key(session_id), self.ttl_seconds)
            raw, _ = await pipe.execute()
        if raw is None:
            return None
        return BrowserSession.from_data(session_id, cast(dict[str, Any], orjson.loads(raw)))

    async def save(self, session: BrowserSession) -> None:
        key = self.key(session.session_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            if session.replaced_id is not None:
                pipe.delete(self.key(session.replaced_id))
            if session.ended:
                pipe.delete(key)
            else:
                pipe.set(key, orjson.dumps(session.to_data()), ex=self.ttl_seconds)
                if session.user is not None:
                    index = USER_INDEX_PREFIX + session.user.user_id
                    pipe.sadd(index, key)
                    pipe.expire(index, self.ttl_seconds)
            await pipe.execute()
        session.modified = False
        session.replaced_id = None

    async def end_sessions_of(self, user_id: str, keep_identity_session_id: str | None = None) -> int:
        """Delete every browser session of the user (but the one on `keep_identity_session_id`)."""
        index = USER_INDEX_PREFIX + user_id
        ended = 0
        for raw_key in await self._redis.smembers(index):
            key = raw_key.decode() if isinstance(raw_key, bytes) else str(raw_key)
            if keep_identity_session_id is not None:
                raw = await self._redis.get(key)
                data = orjson.loads(raw) if raw else {}
                if data.get("identity_session_id") == keep_identity_session_id:
                    continue
            ended += int(await self._redis.delete(key))
            await self._redis.srem(index, key)
        return ended

    async def ping(self) -> None:
        await self._redis.ping()

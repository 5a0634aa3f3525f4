"""Failed logins counted in Redis, per account and per client IP, in fixed windows (ADR 0003).

Fails closed: when Redis does not answer, login is unavailable rather than unlimited.
"""

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

T = TypeVar("T")


class LoginThrottled(Exception):
    """Too many failed logins for this account or address within the window."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins; retry after {retry_after} s")
        self.retry_after = retry_after


class LoginThrottleUnavailable(Exception):
    """Redis did not answer, so attempts cannot be counted: login must be refused."""


class LoginThrottle:
    def __init__(
        self,
        redis: Redis,
        *,
        per_account: int,
        per_ip: int,
        window_seconds: int,
        prefix: str = "identity:login-failures",
        timeout_seconds: float = 2.0,
    ) -> None:
        self._prefix = prefix
        self._redis = redis
        self._limits = {"account": per_account, "ip": per_ip}
        self._window = window_seconds
        self._timeout = timeout_seconds

    async def check(self, account: str, client_ip: str | None) -> None:
        """Raises LoginThrottled once either counter has reached its limit."""
        keys = self._keys(account, client_ip)

        async def read() -> list[int | None]:
            pipe = self._redis.pipeline(transaction=False)
            for key in keys.values():
                pipe.get(key)
                pipe.ttl(key)
            return [None if value is None else int(value) for value in await pipe.execute()]

        values = await self._call(read)
        for (kind, _key), count, ttl in zip(keys.items(), values[::2], values[1::2], strict=True):
            if count is not None and count >= self._limits[kind]:
                raise LoginThrottled(retry_after=max(ttl or 0, 1))

    async def record_failure(self, account: str, client_ip: str | None) -> None:
        async def count() -> None:
            # SET NX EX starts the window with its expiry; INCR keeps it. One transaction, so no
            # counter is ever left without an expiry (works on Redis 6 too, unlike EXPIRE NX).
            pipe = self._redis.pipeline(transaction=True)
            for key in self._keys(account, client_ip).values():
                pipe.set(key, 0, ex=self._window, nx=True)
                pipe.incr(key)
            await pipe.execute()

        await self._call(count)

    async def clear_account(self, account: str) -> None:
        async def clear() -> None:
            await self._redis.delete(self._keys(account, None)["account"])

        await self._call(clear)

    def _keys(self, account: str, client_ip: str | None) -> dict[str, str]:
        # The address is hashed: Redis holds no e-mail addresses.
        keys = {"account": f"{self._prefix}:account:{hashlib.sha256(account.encode()).hexdigest()}"}
        if client_ip:
            keys["ip"] = f"{self._prefix}:ip:{client_ip}"
        return keys

    async def _call(self, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            async with asyncio.timeout(self._timeout):
                return await operation()
        except (RedisError, OSError, TimeoutError) as error:
            raise LoginThrottleUnavailable(type(error).__name__) from error

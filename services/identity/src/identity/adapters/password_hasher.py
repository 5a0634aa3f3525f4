"""argon2id password hashing (pwdlib), always in a worker thread so the event loop never blocks.

Cost above OWASP's minimum for argon2id (19 MiB, 2 iterations, parallelism 1): 64 MiB, 3 iterations,
parallelism 1 (ADR 0003). At most a few hashes run at once (the default thread pool's size), which
also bounds the memory they take.
"""

import asyncio
import functools
import logging
import secrets
from dataclasses import dataclass

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher

MEMORY_KIB = 64 * 1024
ITERATIONS = 3
PARALLELISM = 1

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Verification:
    matches: bool
    rehashed: str | None = None  # a new hash at today's cost when the stored one is outdated


class PasswordHasher:
    def __init__(
        self, *, memory_kib: int = MEMORY_KIB, iterations: int = ITERATIONS, parallelism: int = PARALLELISM
    ) -> None:
        self._hash = PasswordHash(
            (Argon2Hasher(time_cost=iterations, memory_cost=memory_kib, parallelism=parallelism),)
        )

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hash.hash, password)

    async def verify(self, password: str, stored: str | None) -> Verification:
        """No stored hash (unknown user, no password yet) costs the same time and never matches."""
        return await asyncio.to_thread(self._verify, password, stored)

    def _verify(self, password: str, stored: str | None) -> Verification:
        if stored is None:
            self._hash.verify(password, self._dummy_hash)
            return Verification(False)
        try:
            matches, rehashed = self._hash.verify_and_update(password, stored)
        except UnknownHashError:
            log.warning("a stored password hash is in no known format; treated as not matching")
            self._hash.verify(password, self._dummy_hash)
            return Verification(False)
        return Verification(matches, rehashed if matches else None)

    @functools.cached_property
    def _dummy_hash(self) -> str:
        # Made on first use, in the worker thread, at the same cost as real hashes.
        return self._hash.hash(secrets.token_urlsafe(32))

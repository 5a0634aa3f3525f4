"""A service run as its own process (`python -m <service> serve`, configured by environment variables as in
production), so a test can SIGKILL it mid-work and start it again on the same database and broker."""

import asyncio
import os
import signal
import sys
import tempfile
from typing import Any

import httpx

from servicekit.infra import Infrastructure, free_port
from servicekit.testing.settings import FAST_GROUP_JOIN


class ServiceProcess:
    def __init__(
        self,
        service: str,
        infra: Infrastructure,
        database_url: str,
        *,
        python: str = sys.executable,
        **settings: Any,
    ) -> None:
        """`python`: the interpreter of another environment, e.g. one holding only an image's packages."""
        self.service = service
        self.python = python
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
        self._log = tempfile.TemporaryFile()  # what it printed, for a failure's message  # noqa: SIM115

    def output(self, last: int = 3000) -> str:
        """The end of what the process printed (its logs)."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-last:]

    async def start(self, timeout: float = 60) -> None:
        """Started and ready: its database and broker answer (`/readyz`)."""
        self._process = await asyncio.create_subprocess_exec(
            self.python,
            "-m",
            self.service,
            "serve",
            env=self._env,
            stdout=self._log,
            stderr=asyncio.subprocess.STDOUT,
        )
        deadline = asyncio.get_running_loop().time() + timeout
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as client:
            while True:
                if self._process.returncode is not None:
                    raise AssertionError(
                        f"{self.service} exited with {self._process.returncode}: {self.output()}"
                    )
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"{self.service} was not ready within {timeout} s: {self.output()}")
                await asyncio.sleep(0.2)

    async def run(self, command: str, timeout: float = 120) -> str:
        """`python -m <service> <command>` (migrate, seed-demo) with the same settings; its output."""
        process = await asyncio.create_subprocess_exec(
            self.python,
            "-m",
            self.service,
            command,
            env=self._env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(process.communicate(), timeout)
        if process.returncode != 0:
            raise AssertionError(f"{self.service} {command} exited with {process.returncode}: {output!r}")
        return output.decode()

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

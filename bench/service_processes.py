"""Services as processes of their own, as they run in production: one uvicorn each, its app built by its
bootstrap, trusting a benchmark's token issuer; and how much memory each one took (Linux /proc).

Spawned, not forked: the parent runs an event loop and the infrastructure's threads, and a child should
hold only its own service's imports, so its peak memory is the service's. Everything a child needs is
named by import path ("gis.bootstrap:build_app") and imported in the child.
"""

import asyncio
import contextlib
import cProfile
import importlib
import logging
import multiprocessing
import signal
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import httpx

from servicekit.infra import free_port
from servicekit.settings import ServiceSettings

READY_TIMEOUT = 120.0  # GIS loads its map indexes (60,000 addresses) before /readyz answers


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    build_app: str  # "module:function" taking the settings, returning the FastAPI app
    settings: ServiceSettings
    jwks: dict[str, Any]  # the key set to trust: the benchmark's token issuer
    prepare: str | None = None  # "module:function" called with the app before it serves (probes)
    profile: Path | None = None  # where to write the process's cProfile statistics when it stops


def _imported(path: str) -> Any:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _serve(spec: ServiceSpec, port: int) -> None:  # pragma: no cover - runs in the child
    import uvicorn

    logging.basicConfig(level=logging.WARNING, format=f"{spec.name} %(levelname)s %(name)s: %(message)s")
    app = _imported(spec.build_app)(spec.settings)
    app.state.jwks_verifier.use_keys(spec.jwks)
    if spec.prepare:
        _imported(spec.prepare)(app)
    profiler = cProfile.Profile() if spec.profile else None
    if profiler:
        # uvicorn raises the SIGTERM it caught again once it has shut down: ignored, so the statistics
        # are written before the process ends.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        profiler.enable()
    try:
        uvicorn.run(
            app, host="127.0.0.1", port=port, log_config=None, access_log=False, timeout_graceful_shutdown=3
        )
    finally:
        if profiler and spec.profile:
            profiler.disable()
            profiler.dump_stats(spec.profile)


class ServiceProcess:
    def __init__(self, spec: ServiceSpec) -> None:
        self.spec = spec
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: BaseProcess | None = None

    @property
    def pid(self) -> int:
        assert self._process is not None and self._process.pid is not None
        return self._process.pid

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._process = context.Process(target=_serve, args=(self.spec, self.port), name=self.spec.name)
        self._process.start()

    async def ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        async with httpx.AsyncClient(base_url=self.url, timeout=3.0) as client:
            while asyncio.get_running_loop().time() < deadline:
                if self._process is not None and not self._process.is_alive():
                    raise RuntimeError(
                        f"{self.spec.name} exited with {self._process.exitcode} while starting"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get("/readyz")).status_code == 200:
                        return
                await asyncio.sleep(0.1)
        raise TimeoutError(f"{self.spec.name} was not ready within {timeout:.0f} s")

    def stop(self) -> None:
        process = self._process
        if process is None or not process.is_alive():
            return
        process.terminate()  # SIGTERM: uvicorn shuts down gracefully
        process.join(15)
        if process.is_alive():
            process.kill()
            process.join(5)

    def peak_mb(self) -> float:
        """The resident set's high-water mark since start or the last `reset_peak`, in MB."""
        return _status_kb(self.pid, "VmHWM") / 1024

    def rss_mb(self) -> float:
        return _status_kb(self.pid, "VmRSS") / 1024

    def reset_peak(self) -> bool:
        """Start the high-water mark again from the current resident set (Linux 4.0+); False if refused."""
        try:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        except OSError:
            return False
        return True


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(f"/proc/{pid}/status has no {field}")


class ServiceGroup:
    """Services started one after another (a later one may need an earlier one's URL), each ready before
    the next starts; `stop` ends them all, the last started first."""

    def __init__(self) -> None:
        self.services: list[ServiceProcess] = []

    async def start(self, spec: ServiceSpec) -> ServiceProcess:
        service = ServiceProcess(spec)
        service.start()
        self.services.append(service)
        await service.ready()
        return service

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

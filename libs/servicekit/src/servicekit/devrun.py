"""The local system in one command: infrastructure, migrations, demo data, every service, and a clean
stop on Ctrl-C (no process left behind)."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from servicekit.infra import Infrastructure, InfrastructureError, ensure_database
from servicekit.infra.processes import die_with_parent
from servicekit.infra.resolver import LocalInfrastructure


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    port: int
    seed_commands: Sequence[str] = ()
    extra_env: Mapping[str, str] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return f"{self.name.upper()}_"


def service_env(spec: ServiceSpec, infra: Infrastructure) -> dict[str, str]:
    p = spec.prefix
    return {
        **os.environ,
        f"{p}DATABASE_URL": infra.database_url(f"portal_{spec.name}"),
        f"{p}REDIS_URL": infra.redis_url,
        f"{p}KAFKA_BOOTSTRAP": infra.kafka_bootstrap,
        f"{p}PORT": str(spec.port),
        # tansu: joining a group blocks for about half the session timeout per subscriber.
        f"{p}KAFKA_SESSION_TIMEOUT_MS": "2000",
        f"{p}KAFKA_HEARTBEAT_INTERVAL_MS": "500",
        **spec.extra_env,
    }


class System:
    def __init__(self, specs: Sequence[ServiceSpec], data_dir: Path) -> None:
        self._specs = specs
        self._data_dir = data_dir
        self._infra = LocalInfrastructure(data_dir, allow_containers=False)
        self._children: list[subprocess.Popen[bytes]] = []

    def start(self, extra_env: Callable[[Infrastructure], Mapping[str, Mapping[str, str]]]) -> Infrastructure:
        """Infrastructure, migrations, seeds, services; returns once every service is ready.

        `extra_env(infra)` gives per-service variables that depend on the infrastructure (SMTP, mailbox).
        """
        infra = self._infra.start()
        logs = self._data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        extra = extra_env(infra)
        envs = {s.name: service_env(s, infra) | dict(extra.get(s.name, {})) for s in self._specs}
        for spec in self._specs:
            ensure_database(infra.postgres_url, f"portal_{spec.name}")
        self._run_all([[spec.name, "migrate"] for spec in self._specs], envs, logs)
        self._run_all([[s.name, c] for s in self._specs for c in s.seed_commands], envs, logs)
        for spec in self._specs:
            log = (logs / f"{spec.name}.log").open("ab")
            self._children.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and module
                    [sys.executable, "-m", spec.name, "serve"],
                    env=envs[spec.name],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    preexec_fn=die_with_parent,
                )
            )
        self._wait_ready(timeout=180)
        return infra

    def _run_all(self, commands: Sequence[list[str]], envs: Mapping[str, dict[str, str]], logs: Path) -> None:
        """Run one-off commands (`<service> migrate`, seeds) in parallel; fail on the first error."""
        running = []
        for name, command in commands:
            log = (logs / f"{name}-{command}.log").open("wb")
            running.append(
                (
                    (name, command),
                    log,
                    subprocess.Popen(  # noqa: S603
                        [sys.executable, "-m", name, command],
                        env=envs[name],
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        preexec_fn=die_with_parent,
                    ),
                )
            )
        for (name, command), log, process in running:
            code = process.wait()
            log.close()
            if code != 0:
                tail = (logs / f"{name}-{command}.log").read_text(errors="replace").strip().splitlines()[-1:]
                raise InfrastructureError(f"{name} {command} failed: {' '.join(tail) or f'exit code {code}'}")

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = {spec.name: f"http://127.0.0.1:{spec.port}/readyz" for spec in self._specs}
        while pending:
            for spec, child in zip(self._specs, self._children, strict=True):
                if child.poll() is not None:
                    log = self._data_dir / "logs" / f"{spec.name}.log"
                    raise InfrastructureError(
                        f"{spec.name} stopped with exit code {child.returncode} (see {log})"
                    )
            for name, url in list(pending.items()):
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(url, timeout=2).status_code == 200:
                        del pending[name]
            if time.monotonic() > deadline:
                raise InfrastructureError(f"not ready after {timeout:.0f} s: {', '.join(sorted(pending))}")
            time.sleep(0.3)

    def wait(self) -> str:
        """Block until Ctrl-C / SIGTERM or a service dies; returns why."""
        stop = {"reason": ""}

        def on_signal(signum: int, _frame: object) -> None:
            stop["reason"] = signal.Signals(signum).name

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        while not stop["reason"]:
            for spec, child in zip(self._specs, self._children, strict=True):
                if child.poll() is not None:
                    log = self._data_dir / "logs" / f"{spec.name}.log"
                    return f"{spec.name} exited with code {child.returncode} (see {log})"
            time.sleep(0.5)
        return stop["reason"]

    def stop(self) -> None:
        for child in self._children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 15
        for child in self._children:
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        self._infra.stop()

"""`make up`'s launcher starts the whole system, every service reports ready, and Ctrl-C leaves no
process behind."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PORTS = {
    "gateway": 8000,
    "identity": 8001,
    "cases": 8002,
    "projects": 8003,
    "notifications": 8004,
    "gis": 8005,
}


def test_the_system_starts_ready_and_stops_without_leftovers(tmp_path: Path) -> None:
    launcher = subprocess.Popen(
        [sys.executable, str(ROOT / "dev" / "up.py"), "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output_lines = _collect_output(launcher)
    descendants: set[int] = set()
    try:
        output = _wait_for_line(launcher, output_lines, "Ctrl-C stops everything", timeout=300)
        assert "http://127.0.0.1:8000" in output
        assert "Demo grid companies" in output
        descendants = {p.pid for p in psutil.Process(launcher.pid).children(recursive=True)}
        assert len(descendants) >= len(PORTS)
        for service, port in PORTS.items():
            response = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
            assert response.status_code == 200, f"{service}: {response.text}"
            assert response.json()["checks"]["database"] == "ok"
            assert response.json()["checks"]["broker"] == "ok"
        _log_in_as_printed(output)
    finally:
        launcher.send_signal(signal.SIGINT)
        try:
            launcher.wait(timeout=90)
        except subprocess.TimeoutExpired:
            launcher.kill()
            raise
    time.sleep(0.5)  # the reader thread takes the last lines
    assert launcher.returncode == 0, "".join(output_lines)
    assert "Stopped." in "".join(output_lines)
    survivors = [pid for pid in descendants if psutil.pid_exists(pid) and _alive(pid)]
    assert not survivors, f"processes left behind: {[psutil.Process(p).cmdline() for p in survivors]}"
    for port in PORTS.values():
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)


def _log_in_as_printed(output: str) -> None:
    """The printed demo password and team-admin login open the portal."""
    password = re.search(r"Demo logins \(password (\S+)\)", output)
    team_admin = re.search(r"^\s+(\S+@\S+)\s+team_admin\s+(.+?),", output, re.MULTILINE)
    assert password and team_admin, output
    with httpx.Client(base_url="http://127.0.0.1:8000", timeout=10) as browser:
        form = browser.get("/logga-in").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert csrf
        signed_in = browser.post(
            "/logga-in",
            data={"email": team_admin[1], "password": password[1], "next": "/", "csrf_token": csrf[1]},
        )
        assert signed_in.status_code == 303, signed_in.text
        assert team_admin[2] in browser.get("/").text


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _collect_output(process: subprocess.Popen[str]) -> list[str]:
    """The launcher's output lines as they come; a reader thread keeps the pipe from filling up."""
    assert process.stdout is not None
    stream = process.stdout
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(stream.readline, "")), daemon=True).start()
    return lines


def _wait_for_line(process: subprocess.Popen[str], lines: list[str], marker: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while not any(marker in line for line in lines):
        if process.poll() is not None:
            time.sleep(0.5)  # let the reader take the last lines
            raise AssertionError(f"the launcher exited with {process.returncode}:\n{''.join(lines)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"not ready within {timeout:.0f} s:\n{''.join(lines)}")
        time.sleep(0.2)
    return "".join(lines)

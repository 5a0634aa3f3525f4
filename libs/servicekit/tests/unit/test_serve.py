"""Misconfiguration stops a service with one line naming the variable, and a non-zero exit."""

import os
import socket
import subprocess
import sys

import pytest


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(service: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(service.upper() + "_")}
    return subprocess.run(
        [sys.executable, "-m", service, "serve"], env=clean | env, capture_output=True, text=True, timeout=60
    )


def test_missing_settings_are_named_in_one_line() -> None:
    result = _run("identity", {})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for variable in ("IDENTITY_DATABASE_URL", "IDENTITY_REDIS_URL", "IDENTITY_KAFKA_BOOTSTRAP"):
        assert f"{variable} is not set" in lines[0]


@pytest.mark.parametrize(
    ("service", "broken", "variable"),
    [
        ("notifications", "database", "NOTIFICATIONS_DATABASE_URL"),
        ("cases", "broker", "CASES_KAFKA_BOOTSTRAP"),
    ],
)
def test_an_unreachable_server_is_named_in_one_line(service: str, broken: str, variable: str) -> None:
    prefix = service.upper()
    port = _closed_port()
    database_port = port if broken == "database" else 5432
    env = {
        f"{prefix}_DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{database_port}/x",
        f"{prefix}_REDIS_URL": "redis://127.0.0.1:6379/0",
        f"{prefix}_KAFKA_BOOTSTRAP": f"127.0.0.1:{port}" if broken == "broker" else "127.0.0.1:5432",
    }
    result = _run(service, env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0] and f"127.0.0.1:{port}" in lines[0] and "does not answer" in lines[0]
    assert "Traceback" not in result.stderr


def test_asyncpg_gets_libpq_sslmode_where_sqlalchemy_says_ssl() -> None:
    from servicekit.db.engine import asyncpg_dsn

    assert (
        asyncpg_dsn("postgresql+asyncpg://u:p@db:5432/x?ssl=require")
        == "postgresql://u:p@db:5432/x?sslmode=require"
    )
    assert asyncpg_dsn("postgresql+asyncpg://u@db/x") == "postgresql://u@db/x"

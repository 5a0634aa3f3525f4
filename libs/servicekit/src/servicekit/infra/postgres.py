"""Administration on a PostgreSQL server given by its libpq URL: probe, create and drop databases."""

import asyncio
import re
import time

import asyncpg

from servicekit.infra.aio import run_sync

_NAME = re.compile(r"[a-z0-9_]{1,63}")


def _checked(name: str) -> str:
    # The name goes into DDL, where parameters are not allowed: only a safe alphabet passes.
    if not _NAME.fullmatch(name):
        raise ValueError(f"database name {name!r} must match [a-z0-9_]{{1,63}}")
    return name


async def _select_one(url: str, timeout: float) -> None:
    connection = await asyncpg.connect(url, timeout=timeout)
    try:
        await connection.fetchval("SELECT 1", timeout=timeout)
    finally:
        await connection.close()


def postgres_answers(url: str, timeout: float = 5.0) -> None:
    """Raises the connection's error unless a real session runs `SELECT 1`."""
    run_sync(lambda: _select_one(url, timeout))


def wait_for_postgres(url: str, timeout: float) -> BaseException | None:
    """None once the server answers; else the last error after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            postgres_answers(url, timeout=min(5.0, timeout))
            return None
        except (TimeoutError, OSError, asyncpg.PostgresError) as error:
            if time.monotonic() > deadline:
                return error
        time.sleep(0.1)


async def _create(url: str, name: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        for attempt in range(20):
            if await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                return
            try:
                await connection.execute(f'CREATE DATABASE "{name}"')
                return
            except (asyncpg.DuplicateDatabaseError, asyncpg.UniqueViolationError):
                return  # a concurrent caller created it first
            except asyncpg.ObjectInUseError:
                # Another session is copying template1 right now; it is free again in a moment.
                await asyncio.sleep(0.05 * (attempt + 1))
        raise RuntimeError(f"could not create database {name}: template1 stayed busy")
    finally:
        await connection.close()


async def _drop(url: str, name: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def ensure_database(postgres_url: str, name: str) -> None:
    """CREATE DATABASE unless it exists; safe to call from several processes at once."""
    _checked(name)
    run_sync(lambda: _create(postgres_url, name))


def drop_database(postgres_url: str, name: str) -> None:
    """Drops the database, disconnecting whoever is still connected."""
    _checked(name)
    run_sync(lambda: _drop(postgres_url, name))

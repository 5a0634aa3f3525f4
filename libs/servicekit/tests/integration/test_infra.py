"""The local-infrastructure resolver against real servers: embedded PostgreSQL, Redis, tansu and the
SMTP sink start, answer, keep PostgreSQL data across restarts, and leave no process behind."""

import asyncio
import concurrent.futures
import json
import os
import signal
import smtplib
import subprocess
import sys
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

import asyncpg
import psutil  # type: ignore[import-untyped]
import pytest
import redis
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from servicekit.infra import (
    InfrastructureError,
    Mailbox,
    drop_database,
    ensure_database,
    free_port,
)
from servicekit.infra.ports import tcp_answers
from servicekit.infra.resolver import LocalInfrastructure

pytestmark = pytest.mark.integration


def processes_using(directory: Path) -> list[str]:
    """Processes (other than us) whose command line or working directory mentions `directory`."""
    found = []
    for process in psutil.process_iter(["name", "cmdline", "cwd"]):
        if process.pid == os.getpid():
            continue
        where = " ".join(process.info["cmdline"] or []) + " " + (process.info["cwd"] or "")
        if str(directory) in where:
            found.append(f"{process.pid} {process.info['name']}: {where}")
    return found


async def check_kafka(bootstrap: str) -> None:
    topic = f"infra-check-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"hello", key=b"k")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    try:
        record = await asyncio.wait_for(consumer.getone(), timeout=20)
    finally:
        await consumer.stop()
    assert (record.key, record.value) == (b"k", b"hello")


def send_mail(host: str, port: int, subject: str) -> None:
    message = EmailMessage()
    message["From"] = "portal@example.test"
    message["To"] = "installer@example.test"
    message["Subject"] = subject
    message.set_content("Grüße aus dem Netz")
    with smtplib.SMTP(host, port, timeout=10) as client:
        client.send_message(message)


async def test_embedded_servers_answer_persist_and_leave_nothing_behind(tmp_path: Path) -> None:
    local = LocalInfrastructure(tmp_path, environ={})
    infra = local.start()
    try:
        assert dict(infra.sources) == dict.fromkeys(("postgres", "redis", "kafka", "smtp"), "embedded")
        connection = await asyncpg.connect(infra.postgres_url)
        assert await connection.fetchval("SELECT 1") == 1
        await connection.close()
        # Several processes' fixtures create databases at once: all must succeed.
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: ensure_database(infra.postgres_url, "infra_check"), range(4)))
        engine = create_async_engine(infra.database_url("infra_check"))
        async with engine.begin() as db:
            await db.execute(text("CREATE TABLE kept (note text)"))
            await db.execute(text("INSERT INTO kept VALUES ('from run 1')"))
        await engine.dispose()

        client = redis.Redis.from_url(infra.redis_url_for(2))
        client.set("greeting", "hej")
        assert client.get("greeting") == b"hej"
        client.close()

        await check_kafka(infra.kafka_bootstrap)

        assert infra.mailbox_dir == tmp_path / "mailbox"
        subject = f"Welcome {uuid.uuid4().hex[:6]}"
        await asyncio.to_thread(send_mail, infra.smtp_host, infra.smtp_port, subject)
        [mail] = await asyncio.to_thread(
            Mailbox(infra.mailbox_dir).wait_for, lambda m: m["Subject"] == subject
        )
        assert mail["X-RcptTo"] == "installer@example.test"
        assert mail.get_content().strip() == "Grüße aus dem Netz"
    finally:
        local.stop()
    local.stop()  # idempotent
    assert not processes_using(tmp_path)
    assert not tcp_answers(infra.smtp_host, infra.smtp_port)

    with LocalInfrastructure(tmp_path, environ={}) as again:
        connection = await asyncpg.connect(again.database_url("infra_check").replace("+asyncpg", ""))
        assert await connection.fetchval("SELECT note FROM kept") == "from run 1"
        await connection.close()
        drop_database(again.postgres_url, "infra_check")
        drop_database(again.postgres_url, "infra_check")  # already gone: no error
    assert not processes_using(tmp_path)


async def test_a_url_in_the_environment_wins(tmp_path: Path) -> None:
    if not tcp_answers("127.0.0.1", 6379):
        pytest.skip("needs the machine's Redis on 127.0.0.1:6379")
    url = "redis://127.0.0.1:6379/0"
    with LocalInfrastructure(tmp_path, environ={"PORTAL_REDIS_URL": url}) as infra:
        assert infra.sources["redis"] == "environment"
        assert infra.sources["postgres"] == "embedded"
        assert infra.redis_url == url
        assert not any("redis-server" in p for p in processes_using(tmp_path))
        assert not (tmp_path / "redis").exists()
    assert not processes_using(tmp_path)


async def test_an_unreachable_environment_url_is_named_in_the_error(tmp_path: Path) -> None:
    environ = {"PORTAL_POSTGRES_URL": f"postgresql://postgres@127.0.0.1:{free_port()}/postgres"}
    local = LocalInfrastructure(tmp_path, environ=environ)
    with pytest.raises(InfrastructureError, match="PORTAL_POSTGRES_URL") as caught:
        local.start()
    assert "\n" not in str(caught.value)
    assert "does not answer: connection refused" in str(caught.value)
    assert not processes_using(tmp_path)  # the embedded Redis and broker it started are gone again


LAUNCHER = """
import json, sys, time
from pathlib import Path
from servicekit.infra.resolver import LocalInfrastructure
infra = LocalInfrastructure(Path(sys.argv[1]), environ={}).start()
print(json.dumps({"postgres": infra.postgres_url, "kafka": infra.kafka_bootstrap}), flush=True)
time.sleep(300)
"""


def test_a_killed_launcher_takes_its_children_along_and_postgres_is_adopted(tmp_path: Path) -> None:
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert launcher.stdout is not None
        started = json.loads(launcher.stdout.readline())
    finally:
        launcher.send_signal(signal.SIGKILL)
        launcher.wait()
    deadline = time.monotonic() + 10
    while any("postgres" not in p for p in processes_using(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all("postgres" in p for p in processes_using(tmp_path)), "Redis or tansu outlived the launcher"
    # pg_ctl daemonises PostgreSQL; the next start adopts the running server and stop() ends it.
    with LocalInfrastructure(tmp_path, environ={}) as infra:
        assert infra.postgres_url == started["postgres"]
    assert not processes_using(tmp_path)

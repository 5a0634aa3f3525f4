"""The resolver's pure parts: URLs derived from the admin URL, database names, the file mailbox."""

from pathlib import Path

import pytest

from servicekit.infra import Infrastructure, Mailbox, ensure_database, free_port


def infra(postgres_url: str, redis_url: str = "redis://127.0.0.1:6379/0") -> Infrastructure:
    return Infrastructure(postgres_url, redis_url, "127.0.0.1:9092", "127.0.0.1", 25, None, {})


def test_database_url_keeps_server_and_credentials_and_switches_driver() -> None:
    assert (
        infra("postgresql://postgres@127.0.0.1:5432/postgres").database_url("portal_cases")
        == "postgresql+asyncpg://postgres@127.0.0.1:5432/portal_cases"
    )
    assert (
        infra("postgresql://app:s%40cret@db.internal:6432/admin?sslmode=require").database_url("x")
        == "postgresql+asyncpg://app:s%40cret@db.internal:6432/x?ssl=require"
    )


def test_redis_url_for_another_database_on_the_same_server() -> None:
    assert (
        infra("postgresql://p@h/p", "redis://:pw@cache:6380/0").redis_url_for(5) == "redis://:pw@cache:6380/5"
    )


@pytest.mark.parametrize("name", ["", "Portal", "a-b", 'x"; DROP DATABASE postgres; --', "a" * 64])
def test_database_names_outside_the_safe_alphabet_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="must match"):
        ensure_database("postgresql://postgres@127.0.0.1:1/postgres", name)


def test_free_port_is_a_usable_port() -> None:
    assert 1024 < free_port() < 65536


def write_mail(directory: Path, name: str, subject: str) -> None:
    (directory / name).write_text(f"To: a@example.test\r\nSubject: {subject}\r\n\r\nbody\r\n")


def test_mailbox_reads_in_arrival_order_ignores_partial_files_and_clears(tmp_path: Path) -> None:
    write_mail(tmp_path, f"{20:020d}-b.eml", "second")
    write_mail(tmp_path, f"{3:020d}-a.eml", "first")
    write_mail(tmp_path, ".00000000000000000001-c.partial", "being written")
    mailbox = Mailbox(tmp_path)
    assert [m["Subject"] for m in mailbox.messages()] == ["first", "second"]
    assert mailbox.count() == 2
    assert [m["Subject"] for m in mailbox.wait_for(lambda m: True, count=2, timeout=1)] == ["first", "second"]
    mailbox.clear()
    assert mailbox.count() == 0


def test_mailbox_wait_for_says_what_it_saw(tmp_path: Path) -> None:
    write_mail(tmp_path, f"{1:020d}-a.eml", "Your invoice")
    with pytest.raises(
        TimeoutError, match=r"found 0; .* holds 1, the latest: a@example.test: 'Your invoice'"
    ):
        Mailbox(tmp_path).wait_for(lambda m: m["Subject"] == "Welcome", timeout=0.3)

"""One-time links and logins expire on their own; only hashes of their tokens are kept."""

import uuid
from datetime import UTC, datetime, timedelta

from identity.domain.login_session import LoginSession, refresh_token_hash
from identity.domain.password_link import PasswordLink, token_hash

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_a_link_works_for_30_minutes_and_only_once() -> None:
    link, token = PasswordLink.issue(uuid.uuid4(), "password_reset", NOW)
    assert link.token_sha256 == token_hash(token) != token
    assert link.usable_at(NOW + timedelta(minutes=29, seconds=59))
    assert not link.usable_at(NOW + timedelta(minutes=30))
    link.used_at = NOW + timedelta(minutes=1)
    assert not link.usable_at(NOW + timedelta(minutes=2))


def test_every_link_has_its_own_256_bit_token() -> None:
    tokens = {PasswordLink.issue(uuid.uuid4(), "password_reset", NOW)[1] for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 43 for token in tokens)  # 32 bytes, URL-safe base64


def test_a_login_is_open_until_it_expires_or_ends() -> None:
    session, token = LoginSession.open(uuid.uuid4(), NOW, timedelta(hours=12), "192.0.2.1")
    assert session.refresh_token_sha256 == refresh_token_hash(token) != token
    assert session.is_open_at(NOW + timedelta(hours=11, minutes=59))
    assert not session.is_open_at(NOW + timedelta(hours=12))
    session.ended_at = NOW + timedelta(minutes=5)
    assert not session.is_open_at(NOW + timedelta(minutes=6))

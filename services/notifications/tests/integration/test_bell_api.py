"""The bell as the gateway will use it: the service running for real (its consumers on the Kafka-protocol
broker, its outbox relay, its HTTP API behind access tokens), events published to the broker as identity
and cases publish them (a note, a case given to another installer of the team), mails caught by the SMTP
sink, and the bell's own events read back from `notifications.in_app`."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import httpx
import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import EventEnvelope
from contracts.topics import CASES_CASES, IDENTITY_USERS, NOTIFICATIONS_IN_APP
from notifications.__main__ import MIGRATIONS_DIR
from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.bootstrap import build_app
from notifications.config import NotificationsSettings
from notifications.domain.notification import InAppNotification, NotificationKind
from servicekit.db.engine import make_engine, make_session_factory
from servicekit.infra import Infrastructure, Mailbox
from servicekit.testing.plugin import migrated_databases, unique_email
from servicekit.testing.server import running_app
from servicekit.testing.settings import settings_for_test
from servicekit.testing.tokens import TestTokenIssuer

from .bell_helpers import DSO, installer_changed, note_added, user_created

pytestmark = pytest.mark.integration

TOKENS = TestTokenIssuer()
PORTAL = "https://portal.example.test"


@dataclass
class Bell:
    """The running service: its API, its database (to seed and inspect) and the broker."""

    api: httpx.AsyncClient
    sessions: async_sessionmaker[AsyncSession]
    bootstrap: str

    def uow(self) -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(self.sessions, source="notifications")

    async def publish(self, topic: str, *envelopes: EventEnvelope) -> None:
        producer = AIOKafkaProducer(bootstrap_servers=self.bootstrap, acks="all")
        await producer.start()
        try:
            for envelope in envelopes:
                await producer.send_and_wait(
                    topic, envelope.model_dump_json().encode(), key=envelope.key.encode()
                )
        finally:
            await producer.stop()

    async def user(
        self, role: str, *, language: str = "en", name: str | None = None
    ) -> tuple[uuid.UUID, str]:
        """A user identity announces over the broker; returns once the directory knows them."""
        user_id, address = uuid.uuid4(), unique_email(role)
        created = user_created(user_id, address, role=role, name=name or f"{role} user", language=language)  # type: ignore[arg-type]
        await self.publish(IDENTITY_USERS.name, created)

        async def known() -> bool:
            async with self.uow() as uow:
                return await uow.recipients.get(user_id) is not None

        await until(known, what=f"the directory to know {role} {user_id}")
        return user_id, address

    async def seed(self, user_id: uuid.UUID, count: int) -> list[InAppNotification]:
        """Notifications put straight in the bell, oldest first (for the API's own tests)."""
        seeded = [
            InAppNotification(
                user_id,
                NotificationKind.CASE_STATUS,
                datetime(2026, 12, 1, 8, minute, tzinfo=UTC),
                {
                    "case_number": f"SK-000000{minute}",
                    "case_type": "fuse_change",
                    "address": "Solgatan 20",
                    "status": "planning",
                },
                case_id=uuid.uuid4(),
                source_event_id=uuid.uuid4(),
            )
            for minute in range(count)
        ]
        async with self.uow() as uow:
            for notification in seeded:
                assert await uow.in_app.add(notification)
            await uow.commit()
        return seeded


def as_user(user_id: uuid.UUID, role: str = "dso_handler", **headers: str) -> dict[str, str]:
    return TOKENS.headers(role, user_id=user_id, dso_id=DSO) | headers


async def until(condition: Callable[[], Any], *, what: str, timeout: float = 60.0) -> Any:
    """The condition's first truthy answer (awaited if it is a coroutine), polled until the timeout."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        answer = condition()
        if asyncio.iscoroutine(answer):
            answer = await answer
        if answer:
            return answer
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"waited {timeout:g} s for {what}")
        await asyncio.sleep(0.2)


async def in_app_events(
    bootstrap: str,
    user_id: uuid.UUID,
    *,
    until_found: Callable[[list[dict[str, Any]]], bool],
    timeout: float = 30.0,
) -> list[dict[str, Any]]:
    """The envelopes on notifications.in_app keyed by this user, from the topic's start, once
    `until_found` holds or the timeout has passed."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    found: list[dict[str, Any]] = []
    try:
        partitions = await until(
            lambda: consumer.partitions_for_topic(NOTIFICATIONS_IN_APP.name), what="the topic"
        )
        consumer.assign([TopicPartition(NOTIFICATIONS_IN_APP.name, p) for p in partitions])
        await consumer.seek_to_beginning()
        deadline = asyncio.get_running_loop().time() + timeout
        while not until_found(found) and asyncio.get_running_loop().time() < deadline:
            batch: dict[Any, list[ConsumerRecord[bytes, bytes]]] = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                found += [orjson.loads(r.value or b"{}") for r in records if r.key == str(user_id).encode()]
    finally:
        await consumer.stop()
    return found


@pytest.fixture(scope="module")
async def bell(infra: Infrastructure) -> AsyncIterator[Bell]:
    """One running service for the module: its consumers join their groups once."""
    async with migrated_databases(infra) as databases:
        settings = settings_for_test(
            NotificationsSettings,
            infra,
            await databases("notifications", MIGRATIONS_DIR),
            smtp_host=infra.smtp_host,
            smtp_port=infra.smtp_port,
            dispatch_poll_seconds=0.5,
            portal_url=PORTAL,
        )
        app = build_app(settings)
        TOKENS.trusted_by(app.state.jwks_verifier)
        engine = make_engine(settings.database_url, pool_size=2)
        try:
            async with running_app(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as api:
                yield Bell(api, make_session_factory(engine), infra.kafka_bootstrap)
        finally:
            await engine.dispose()


async def test_a_note_delivered_twice_rings_the_handler_once_mails_once_and_is_announced(
    bell: Bell, mailbox: Mailbox
) -> None:
    installer, _ = await bell.user("installer", language="sv")
    handler, address = await bell.user("dso_handler")
    note = note_added(installer_id=installer, author_id=installer, handler_id=handler)
    await bell.publish(CASES_CASES.name, note, note)  # the broker delivers it twice

    async def rung() -> list[dict[str, Any]]:
        return list((await bell.api.get("/notifications", headers=as_user(handler))).json()["items"])

    [item] = await until(rung, what="the handler's notification")
    assert item == {
        "id": item["id"],
        "kind": "case_note",
        "case_id": note.key,
        "title": "Ny anteckning i ärende SK-0000123",  # the token's language (sv)
        "text": "Erik Svensson har skrivit en anteckning. Säkringsändring, Solgatan 20, Helsingborg.",
        "link": f"{PORTAL}/arenden/{note.key}",
        "created_at": item["created_at"],
        "read": False,
    }
    english = await bell.api.get("/notifications", headers=as_user(handler, **{"accept-language": "en"}))
    assert english.json()["items"][0]["title"] == "New note on case SK-0000123"  # the portal's switch wins
    assert english.json()["unread"] == 1
    assert (await bell.api.get("/notifications/unread-count", headers=as_user(handler))).json() == {
        "unread": 1
    }
    mine = await bell.api.get("/notifications", headers=as_user(installer, "installer"))
    assert mine.json() == {"items": [], "unread": 0, "next": None}  # nobody hears of their own note

    [created] = await in_app_events(bell.bootstrap, handler, until_found=lambda found: len(found) >= 1)
    assert created["type"] == "in_app_notification.created.v1"
    assert created["payload"] | {"created_at": None} == {
        "notification_id": item["id"],
        "user_id": str(handler),
        "kind": "case_note",
        "case_id": note.key,
        "unread": 1,
        "created_at": None,
    }

    def to_handler(mail: EmailMessage) -> bool:
        return bool(mail["To"] == address)

    [mail] = await asyncio.to_thread(mailbox.wait_for, to_handler, timeout=60)
    assert mail["Subject"] == "New note on case SK-0000123"  # the handler's own language (en)
    await asyncio.sleep(2)  # time for a second notification, event or mail to show up, were one coming
    assert len(await rung()) == 1
    assert sum(to_handler(m) for m in mailbox.messages()) == 1
    announced = await in_app_events(bell.bootstrap, handler, until_found=lambda f: len(f) > 1, timeout=3)
    assert len(announced) == 1


async def test_with_mail_turned_off_the_note_still_rings(bell: Bell) -> None:
    installer, _ = await bell.user("installer")
    handler, address = await bell.user("dso_handler")
    chosen = await bell.api.put(
        "/me/notification-preferences", json={"case_note": False}, headers=as_user(handler)
    )
    assert chosen.status_code == 200, chosen.text
    assert {p["kind"]: p["mail"] for p in chosen.json()} == {
        "case_status": True,
        "case_note": False,
        "case_assigned": True,
    }

    await bell.publish(
        CASES_CASES.name, note_added(installer_id=installer, author_id=installer, handler_id=handler)
    )
    assert await until(lambda: _unread(bell, handler), what="the handler's notification") == 1
    async with bell.uow() as uow:
        # The mail would have been queued in the notification's own transaction: it is not.
        assert await uow.mails.for_recipient(address) == []


async def test_a_case_given_to_another_installer_rings_and_mails_only_them(
    bell: Bell, mailbox: Mailbox
) -> None:
    admin, _ = await bell.user("team_admin", language="sv", name="Anna Andersson")
    previous, _ = await bell.user("installer")
    installer, address = await bell.user("installer")  # mails in English
    given = installer_changed(installer_id=installer, previous_installer_id=previous, changed_by=admin)
    # A team admin who takes a case themself is told nothing.
    taken = installer_changed(installer_id=admin, previous_installer_id=previous, changed_by=admin)
    await bell.publish(CASES_CASES.name, taken, given, given)  # the broker delivers the handover twice

    async def rung() -> list[dict[str, Any]]:
        found = await bell.api.get("/notifications", headers=as_user(installer, "installer"))
        return list(found.json()["items"])

    [item] = await until(rung, what="the new installer's notification")
    assert item == {
        "id": item["id"],
        "kind": "case_assigned",
        "case_id": given.key,
        "title": "Du har fått ärende SK-0000123",  # the token's language (sv)
        "text": "Anna Andersson gav dig ärendet. Säkringsändring, Solgatan 20, Helsingborg.",
        "link": f"{PORTAL}/arenden/{given.key}",
        "created_at": item["created_at"],
        "read": False,
    }
    english = await bell.api.get(
        "/notifications", headers=as_user(installer, "installer", **{"accept-language": "en"})
    )
    assert english.json()["items"][0]["text"] == (
        "Anna Andersson gave you the case. Fuse change, Solgatan 20, Helsingborg."
    )

    def to_installer(mail: EmailMessage) -> bool:
        return bool(mail["To"] == address)

    [mail] = await asyncio.to_thread(mailbox.wait_for, to_installer, timeout=60)
    assert mail["Subject"] == "You were given case SK-0000123: Fuse change, Solgatan 20, Helsingborg"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    lines = body.get_content().splitlines()
    assert "Anna Andersson gave you a case. It is yours now." in lines
    assert f"{PORTAL}/arenden/{given.key}" in lines
    [created] = await in_app_events(bell.bootstrap, installer, until_found=lambda found: len(found) >= 1)
    assert (created["payload"]["kind"], created["payload"]["case_id"]) == ("case_assigned", given.key)

    await asyncio.sleep(2)  # time for a second notification or mail to show up, were one coming
    assert len(await rung()) == 1
    assert sum(to_installer(m) for m in mailbox.messages()) == 1
    for someone, role in [(previous, "installer"), (admin, "team_admin")]:
        theirs = await bell.api.get("/notifications", headers=as_user(someone, role))
        assert theirs.json()["items"] == [], role


async def _unread(bell: Bell, user_id: uuid.UUID) -> int:
    return int((await bell.api.get("/notifications/unread-count", headers=as_user(user_id))).json()["unread"])


async def test_reading_one_or_all_lowers_the_count_and_tells_the_users_other_pages(bell: Bell) -> None:
    user = uuid.uuid4()
    first, second, third = await bell.seed(user, 3)

    read = await bell.api.post(f"/notifications/{second.id}/read", headers=as_user(user))
    assert read.json() == {"unread": 2}
    again = await bell.api.post(f"/notifications/{second.id}/read", headers=as_user(user))
    assert again.json() == {"unread": 2}  # read already: nothing changes, nobody is told
    unread_only = (await bell.api.get("/notifications?unread=true", headers=as_user(user))).json()
    assert [i["id"] for i in unread_only["items"]] == [str(third.id), str(first.id)]
    everything = (await bell.api.get("/notifications", headers=as_user(user))).json()
    assert [i["read"] for i in everything["items"]] == [False, True, False]

    assert (await bell.api.post("/notifications/read-all", headers=as_user(user))).json() == {"unread": 0}
    assert await _unread(bell, user) == 0

    events = await in_app_events(
        bell.bootstrap, user, until_found=lambda found: any(e["payload"]["unread"] == 0 for e in found)
    )
    assert [(e["type"], e["payload"]["unread"]) for e in events] == [
        ("in_app_notifications.read.v1", 2),
        ("in_app_notifications.read.v1", 0),
    ]


async def test_each_user_sees_and_marks_only_their_own_and_nobody_anonymous(bell: Bell) -> None:
    owner, stranger = uuid.uuid4(), uuid.uuid4()
    [notification] = await bell.seed(owner, 1)

    refused = await bell.api.post(f"/notifications/{notification.id}/read", headers=as_user(stranger))
    assert refused.status_code == 404 and refused.headers["content-type"] == "application/problem+json"
    assert (await bell.api.get("/notifications", headers=as_user(stranger))).json()["items"] == []
    assert await _unread(bell, owner) == 1  # the stranger's attempt changed nothing
    missing = await bell.api.post(f"/notifications/{uuid.uuid4()}/read", headers=as_user(owner))
    assert missing.status_code == 404

    for method, path in [
        ("GET", "/notifications"),
        ("GET", "/notifications/unread-count"),
        ("POST", f"/notifications/{notification.id}/read"),
        ("POST", "/notifications/read-all"),
        ("GET", "/me/notification-preferences"),
        ("PUT", "/me/notification-preferences"),
    ]:
        anonymous = await bell.api.request(method, path, json={} if method == "PUT" else None)
        assert anonymous.status_code == 401, (method, path)
        assert anonymous.headers["www-authenticate"] == "Bearer"
    assert await _unread(bell, owner) == 1


async def test_the_bell_pages_newest_first_from_a_cursor(bell: Bell) -> None:
    user = uuid.uuid4()
    oldest, middle, newest = await bell.seed(user, 3)

    first = (await bell.api.get("/notifications?limit=2", headers=as_user(user))).json()
    assert [i["id"] for i in first["items"]] == [str(newest.id), str(middle.id)]
    assert first["unread"] == 3 and first["next"]
    rest = (
        await bell.api.get(
            "/notifications", params={"limit": 2, "before": first["next"]}, headers=as_user(user)
        )
    ).json()
    assert [i["id"] for i in rest["items"]] == [str(oldest.id)] and rest["next"] is None
    assert rest["items"][0]["title"] == "Ny status i ärende SK-0000000"

    invalid: list[tuple[dict[str, str | int], str]] = [
        ({"before": "not-a-cursor"}, "before"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
    ]
    for params, field in invalid:
        refused = await bell.api.get("/notifications", params=params, headers=as_user(user))
        assert refused.status_code == 422
        assert [e["field"] for e in refused.json()["errors"]] == [field]


async def test_preferences_list_the_roles_kinds_and_refuse_an_unknown_kind_by_name(bell: Bell) -> None:
    admin, installer = uuid.uuid4(), uuid.uuid4()
    listed = (await bell.api.get("/me/notification-preferences", headers=as_user(admin, "dso_admin"))).json()
    assert listed == [
        {"kind": "case_status", "label": "Statusändringar i ärenden", "mail": True},
        {"kind": "case_note", "label": "Nya anteckningar", "mail": True},
        {"kind": "case_assigned", "label": "Ärenden tilldelade dig", "mail": True},
        {"kind": "application_decision", "label": "Ansökningar om installatörsteam", "mail": True},
    ]
    installers = await bell.api.get(
        "/me/notification-preferences", headers=as_user(installer, "installer", **{"accept-language": "da"})
    )
    assert [(p["kind"], p["label"]) for p in installers.json()] == [
        ("case_status", "Statusændringer på sager"),
        ("case_note", "Nye noter"),
        ("case_assigned", "Sager tildelt dig"),
        ("draft_expiring", "Kladder der snart slettes"),
    ]

    for body, field in [
        ({"newsletter": True, "case_note": False}, "newsletter"),
        ({"case_note": "yes"}, "case_note"),
    ]:
        refused = await bell.api.put(
            "/me/notification-preferences", json=body, headers=as_user(admin, "dso_admin")
        )
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == [field]
    # Nothing of a refused change was kept.
    unchanged = (
        await bell.api.get("/me/notification-preferences", headers=as_user(admin, "dso_admin"))
    ).json()
    assert all(p["mail"] for p in unchanged)

    changed = await bell.api.put(
        "/me/notification-preferences",
        json={"application_decision": False},
        headers=as_user(admin, "dso_admin"),
    )
    assert {p["kind"]: p["mail"] for p in changed.json()}["application_decision"] is False
    others = (
        await bell.api.get("/me/notification-preferences", headers=as_user(installer, "installer"))
    ).json()
    assert all(p["mail"] for p in others)  # one user's choice is theirs alone

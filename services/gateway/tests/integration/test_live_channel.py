"""The live channel in real Redis: an open page hears what changed on its channels from the moment it was
rendered — also what was published while it loaded, before its stream connected — and nothing else."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from gateway.adapters.live_channel import LiveChannel, now_millis, resume_position
from servicekit.infra import Infrastructure

pytestmark = pytest.mark.integration


@pytest.fixture
async def channel(infra: Infrastructure) -> AsyncIterator[LiveChannel]:
    redis = Redis.from_url(infra.redis_url)
    yield LiveChannel(redis)
    await redis.aclose()


def fresh(name: str) -> str:
    return f"portal:live:test:{name}:{uuid.uuid4()}"


async def heard(channel: LiveChannel, channels: list[str], after: str, count: int) -> list[tuple[str, dict]]:
    messages: list[tuple[str, dict]] = []
    async for message in channel.listen(channels, after=after, heartbeat_seconds=0.2):
        if message is None:
            break
        messages.append((message[0], json.loads(message[1])))
        if len(messages) == count:
            break
    return messages


async def test_a_change_made_while_the_page_loaded_is_heard_once_connected(channel: LiveChannel) -> None:
    team, other_team = fresh("team"), fresh("team")
    await channel.publish(team, {"case_id": "before-the-page"})
    await asyncio.sleep(0.005)
    rendered = now_millis()
    await asyncio.sleep(0.005)
    await channel.publish(team, {"case_id": "while-loading"})
    await channel.publish(other_team, {"case_id": "not-ours"})

    messages = await heard(channel, [team], f"{rendered}-0", count=5)

    assert [body for _, body in messages] == [{"case_id": "while-loading"}]


async def test_a_reconnecting_page_resumes_after_the_last_message_it_had(channel: LiveChannel) -> None:
    user, team = fresh("user"), fresh("team")
    start = f"{now_millis() - 1}-0"
    await channel.publish(user, {"unread": 1})
    [(first_id, _)] = await heard(channel, [user, team], start, count=1)
    await channel.publish(team, {"case_id": "later"})
    await channel.publish(user, {"unread": 2})

    resumed = await heard(channel, [user, team], resume_position(first_id, None) or "", count=5)

    # Everything after the last message it had, at least once; at most that millisecond's messages again.
    bodies = [json.dumps(body) for _, body in resumed]
    assert {json.dumps({"case_id": "later"}), json.dumps({"unread": 2})} <= set(bodies)
    assert set(bodies) <= {
        json.dumps({"unread": 1}),
        json.dumps({"case_id": "later"}),
        json.dumps({"unread": 2}),
    }


async def test_silence_yields_a_heartbeat(channel: LiveChannel) -> None:
    listening = channel.listen([fresh("quiet")], after=f"{now_millis()}-0", heartbeat_seconds=0.1)
    assert await anext(listening) is None


def test_the_resume_position_prefers_the_last_message_and_refuses_nonsense() -> None:
    assert resume_position("1732350000000-3", "1732340000000") == "1732349999999-18446744073709551615"
    assert resume_position(None, "1732340000000") == "1732340000000-0"
    assert resume_position("<script>", "nonsense") is None
    assert resume_position(None, None) is None
    assert resume_position(None, "9" * 40) is None

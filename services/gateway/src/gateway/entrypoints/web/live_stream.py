"""`/live`: a Server-Sent Events stream per open page, carrying what the push consumer publishes for the
signed-in user (their bell; their team's or DSO's cases). The page decides what to refresh; the stream
only says that something changed. The page names when it was rendered (`?since=`), and a reconnecting
browser the last message it had (Last-Event-ID), so a change in between is sent first. A stream lives
a few minutes: the browser reconnects by itself, and each connection checks the login again, so a
deactivated user's pages stop hearing within that time."""

import time
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from gateway.adapters.live_channel import LiveChannel, now_millis, resume_position
from gateway.domain.live_updates import channels_of
from gateway.entrypoints.web.identity_calls import NotSignedIn, fresh_access_token

router = APIRouter(include_in_schema=False)

HEARTBEAT_SECONDS = 15.0
STREAM_SECONDS = 300.0
RECONNECT_MILLISECONDS = 3000


@router.get("/live")
async def live(request: Request) -> Response:
    try:
        user, _ = await fresh_access_token(request)
    except NotSignedIn:
        return Response(status_code=401)  # EventSource retries; the page's links lead to the login
    channel: LiveChannel = request.app.state.live_channel
    channels = channels_of(user)
    after = resume_position(request.headers.get("last-event-id"), request.query_params.get("since"))

    async def events() -> AsyncIterator[str]:
        yield f"retry: {RECONNECT_MILLISECONDS}\n: connected\n\n"
        ends_at = time.monotonic() + STREAM_SECONDS
        listening = channel.listen(
            channels, after=after or f"{now_millis()}-0", heartbeat_seconds=HEARTBEAT_SECONDS
        )
        async for message in listening:
            if await request.is_disconnected() or time.monotonic() > ends_at:
                return
            if message is None:
                yield ": heartbeat\n\n"
                continue
            message_id, data = message
            yield f"id: {message_id}\ndata: {data}\n\n"

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"cache-control": "no-store", "x-accel-buffering": "no"},
    )

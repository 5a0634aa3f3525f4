"""An app behind the body limit: small bodies pass untouched, a declared or streamed oversized one is 413
and the route never sees it."""

from collections.abc import AsyncIterator

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from servicekit.body_limit import BodyLimitMiddleware

seen: list[int] = []


async def echo_size(request: Request) -> PlainTextResponse:
    body = await request.body()
    seen.append(len(body))
    return PlainTextResponse(str(len(body)))


def client() -> httpx.AsyncClient:
    app = Starlette(routes=[Route("/", echo_size, methods=["POST"])])
    limited = BodyLimitMiddleware(app, max_bytes=1000, refusal="too large")
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=limited), base_url="http://test")


async def test_a_body_within_the_limit_reaches_the_route() -> None:
    async with client() as http:
        response = await http.post("/", content=b"x" * 1000)
    assert response.status_code == 200 and response.text == "1000"


async def test_a_declared_oversized_body_is_refused_unread() -> None:
    seen.clear()
    async with client() as http:
        response = await http.post("/", content=b"x" * 1001)
    assert response.status_code == 413 and response.text == "too large"
    assert seen == []


async def test_a_streamed_oversized_body_is_cut_off() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * 400

    seen.clear()
    async with client() as http:
        response = await http.post("/", content=chunks())
    assert response.status_code == 413
    assert seen == []

"""The GIS client: the user's token on every call; refusals and silence become typed errors."""

import httpx
import pytest

from gateway.adapters.gis_client import GisClient, GisProblem, GisUnavailable


def client(handler: httpx.MockTransport) -> GisClient:
    return GisClient(httpx.AsyncClient(base_url="http://gis.test", transport=handler))


async def test_calls_carry_the_users_token_and_answer_json() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"id": "grid_areas"}])

    layers = await client(httpx.MockTransport(answer)).json("GET", "/layers", token="user-token")
    assert layers == [{"id": "grid_areas"}]
    assert seen[0].headers["authorization"] == "Bearer user-token"


async def test_an_empty_answer_is_none() -> None:
    gis = client(httpx.MockTransport(lambda request: httpx.Response(204)))
    assert await gis.json("DELETE", "/pins", token="t") is None


async def test_a_refusal_is_a_problem_naming_the_fields() -> None:
    body = {"status": 422, "title": "Invalid input", "errors": [{"field": "lon", "message": "outside"}]}
    gis = client(httpx.MockTransport(lambda request: httpx.Response(422, json=body)))
    with pytest.raises(GisProblem) as refused:
        await gis.json("GET", "/routing", token="t", params={"lon": 0.0, "lat": 0.0})
    assert refused.value.status == 422
    assert refused.value.field_errors() == {"lon": "outside"}


async def test_a_refusal_without_a_problem_body_still_has_a_status() -> None:
    gis = client(httpx.MockTransport(lambda request: httpx.Response(502, text="<html>proxy</html>")))
    with pytest.raises(GisProblem) as refused:
        await gis.json("GET", "/layers", token="t")
    assert refused.value.status == 502
    assert refused.value.body["status"] == 502


async def test_silence_is_unavailable() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(GisUnavailable):
        await client(httpx.MockTransport(down)).json("GET", "/layers", token="t")

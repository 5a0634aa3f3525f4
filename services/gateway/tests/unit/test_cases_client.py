"""The cases client: the user's token and language on every call, refusals and silence as typed errors;
and the header's menu of case types, kept a while per DSO and language, the default when cases is silent."""

import httpx
import pytest

from gateway.adapters.case_type_menu import CaseTypeMenu
from gateway.adapters.cases_client import CasesClient, CasesProblem, CasesUnavailable
from gateway.domain.navigation import CaseTypeLink, case_type_links

TYPES = [{"code": "fuse_change", "version": 1, "name": "Säkringsändring", "project_capable": False}]


def client(handler: httpx.MockTransport) -> CasesClient:
    return CasesClient(httpx.AsyncClient(base_url="http://cases.test", transport=handler))


async def test_calls_carry_the_users_token_and_language() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=TYPES)

    found = await client(httpx.MockTransport(answer)).json(
        "GET", "/case-types", token="user-token", language="da"
    )
    assert found == TYPES
    assert seen[0].headers["authorization"] == "Bearer user-token"
    assert seen[0].headers["accept-language"] == "da"


async def test_a_refusal_is_a_problem_with_its_body() -> None:
    body = {"status": 422, "missing": [{"kind": "field", "name": "ean", "label": "EAN"}]}
    cases = client(httpx.MockTransport(lambda request: httpx.Response(422, json=body)))
    with pytest.raises(CasesProblem) as refused:
        await cases.json("POST", "/cases/x/submit", token="t", json={"version": 1})
    assert refused.value.status == 422 and refused.value.body["missing"][0]["name"] == "ean"


async def test_silence_is_unavailable() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(CasesUnavailable):
        await client(httpx.MockTransport(fail)).json("GET", "/cases", token="t")


def test_menu_links_come_from_cases_answer_and_skip_unusable_codes() -> None:
    links = case_type_links([*TYPES, {"code": "../x", "name": "Bad"}, {"name": "no code"}, "junk"])  # type: ignore[list-item]
    assert links == (CaseTypeLink("fuse_change", "Säkringsändring"),)
    assert links[0].path == "/arenden/nytt/fuse_change"


async def test_the_menu_is_kept_per_dso_and_language_and_retried_after_silence() -> None:
    calls: list[httpx.Request] = []
    down = True
    now = [0.0]

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if down:
            raise httpx.ConnectTimeout("slow", request=request)
        return httpx.Response(200, json=TYPES)

    menu = CaseTypeMenu(
        client(httpx.MockTransport(answer)), fresh_seconds=300, retry_seconds=30, clock=lambda: now[0]
    )
    assert await menu.links("sundkraft", "sv", "t") is None  # the default menu
    assert await menu.links("sundkraft", "sv", "t") is None and len(calls) == 1  # not asked again at once
    down, now[0] = False, 31.0
    assert await menu.links("sundkraft", "sv", "t") == (CaseTypeLink("fuse_change", "Säkringsändring"),)
    assert await menu.links("sundkraft", "sv", "t") is not None and len(calls) == 2  # kept
    await menu.links("sundkraft", "da", "t")
    assert len(calls) == 3  # another language is another list
    now[0] = 400.0
    await menu.links("sundkraft", "sv", "t")
    assert len(calls) == 4  # and a kept list goes stale


async def test_a_dso_changing_its_types_is_asked_again_at_once() -> None:
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["authorization"])
        return httpx.Response(200, json=TYPES)

    menu = CaseTypeMenu(client(httpx.MockTransport(answer)), clock=lambda: 0.0)
    await menu.links("sundkraft", "sv", "t")
    await menu.links("kystnet", "da", "t")
    menu.forget("sundkraft")
    await menu.links("sundkraft", "sv", "t")
    await menu.links("kystnet", "da", "t")
    assert len(calls) == 3  # Sundkraft's list asked again, Kystnet's still kept

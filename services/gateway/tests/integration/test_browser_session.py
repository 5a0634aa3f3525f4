"""The portal's session, CSRF and language behaviour over real HTTP, with the session data in real Redis."""

import re

import httpx
import pytest
import redis.asyncio as aioredis

from gateway.adapters.session_store import KEY_PREFIX
from gateway.config import GatewaySettings

pytestmark = pytest.mark.integration

HTML = {"accept": "text/html"}


def _csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF field"
    return match.group(1)


async def test_session_cookie_is_httponly_samesite_and_its_data_lives_in_redis(
    portal_url: str, gateway_settings: GatewaySettings
) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        first = await browser.get("/", headers=HTML)
        cookie = first.headers["set-cookie"]
        assert cookie.startswith("portal_session=")
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Max-Age" not in cookie  # ends with the browser; the server's idle timeout ends it earlier
        session_id = browser.cookies["portal_session"]

        again = await browser.get("/", headers=HTML)
        assert "set-cookie" not in again.headers  # the same session, not a new one per page
        assert _csrf_token(again.text) == _csrf_token(first.text)

    redis = aioredis.Redis.from_url(gateway_settings.redis_url)
    try:
        keys = [key.decode() async for key in redis.scan_iter(f"{KEY_PREFIX}*")]
        stored = [await redis.get(key) for key in keys]
        assert any(value and _csrf_token(first.text).encode() in value for value in stored)
        assert all(session_id not in key for key in keys)  # Redis never holds the cookie value itself
        ttl = max([await redis.ttl(key) for key in keys])
        assert 0 < ttl <= gateway_settings.session_ttl_seconds
    finally:
        await redis.aclose()


async def test_language_switch_needs_the_sessions_csrf_token(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        page = await browser.get("/", headers=HTML)
        assert '<html lang="sv">' in page.text
        assert ">Ärenden</a>" in page.text

        forged = await browser.post("/language", data={"language": "da", "next": "/"}, headers=HTML)
        assert forged.status_code == 403
        assert "Formuläret kunde inte skickas" in forged.text
        wrong = await browser.post("/language", data={"language": "da", "csrf_token": "guess"})
        assert wrong.status_code == 403
        assert wrong.json()["errors"] == [{"field": "csrf_token", "message": "missing or wrong"}]
        assert '<html lang="sv">' in (await browser.get("/", headers=HTML)).text

        switched = await browser.post(
            "/language",
            data={"language": "da", "next": "/arenden", "csrf_token": _csrf_token(page.text)},
        )
        assert switched.status_code == 303
        assert switched.headers["location"] == "/arenden"
        danish = await browser.get("/", headers=HTML)
        assert '<html lang="da">' in danish.text
        assert ">Sager</a>" in danish.text
        assert ">Nytilslutning</a>" in danish.text


async def test_language_switch_never_redirects_off_site(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        token = _csrf_token((await browser.get("/", headers=HTML)).text)
        for target in ("https://evil.example.com/", "//evil.example.com", "/\\evil.example.com"):
            response = await browser.post(
                "/language", data={"language": "en", "next": target, "csrf_token": token}
            )
            assert response.headers["location"] == "/"


async def test_unknown_language_is_a_problem_naming_the_field(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        token = _csrf_token((await browser.get("/", headers=HTML)).text)
        response = await browser.post("/language", data={"language": "fi", "csrf_token": token})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "language"


async def test_first_visit_speaks_the_browsers_language(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        english = await browser.get("/", headers=HTML | {"accept-language": "en-GB,en;q=0.9"})
        assert '<html lang="en">' in english.text
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        unknown = await browser.get("/", headers=HTML | {"accept-language": "fi-FI"})
        assert '<html lang="sv">' in unknown.text


async def test_signed_in_sections_send_anonymous_visitors_to_login(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        for path in ("/arenden", "/utkast", "/arenden/nytt/fuse_change?x=1"):
            response = await browser.get(path, headers=HTML)
            assert response.status_code == 303
            assert response.headers["location"].startswith("/logga-in?next=/")
        login = await browser.get("/logga-in?next=/arenden", headers=HTML)
        assert 'name="password"' in login.text
        assert 'name="next" value="/arenden"' in login.text


async def test_pages_carry_security_headers_and_unknown_pages_say_so(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        page = await browser.get("/", headers=HTML)
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert page.headers["x-content-type-options"] == "nosniff"
        missing = await browser.get("/finns-inte", headers=HTML)
        assert missing.status_code == 404
        assert "Sidan finns inte" in missing.text
        api_missing = await browser.get("/finns-inte", headers={"accept": "application/json"})
        assert api_missing.headers["content-type"] == "application/problem+json"


async def test_static_assets_are_served_by_the_portal(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as browser:
        leaflet = await browser.get("/static/vendor/leaflet/leaflet.js")
        assert leaflet.status_code == 200
        assert "Leaflet" in leaflet.text[:500]
        assert "set-cookie" not in leaflet.headers  # assets never create sessions


async def test_readiness_includes_the_session_store(portal_url: str) -> None:
    async with httpx.AsyncClient(base_url=portal_url) as client:
        report = (await client.get("/readyz")).json()
        assert report["checks"] == {"database": "ok", "broker": "ok", "redis": "ok"}

"""The map page's JSON API through the running portal, signed in with the real identity: anonymous
callers get 401, bad parameters 422 naming the field without GIS being asked, GIS silent is 503, and
(against a stand-in GIS) calls carry the user's token and GIS's answers and refusals pass through."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from identity.service_layer.demo import DEMO_PASSWORD
from servicekit.infra import Infrastructure, free_port
from servicekit.testing.plugin import ServiceDatabase
from servicekit.testing.server import running_app
from tests.e2e.system import RunningSystem, running_system

from .portal_helpers import INSTALLER, csrf_token, log_in, portal

pytestmark = pytest.mark.integration

JSON = {"accept": "application/json"}
VIEW = "12.68,56.03,12.71,56.06"


@pytest.fixture
async def gis_down(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[RunningSystem]:
    """The portal with GIS at a port nothing listens on."""
    closed = f"http://127.0.0.1:{free_port()}"
    async with running_system(infra, service_database, tmp_path, gis_url=closed) as running:
        yield running


def stand_in_gis(calls: list[Request]) -> FastAPI:
    """Answers as ADR 0004's table says, and records each request it gets."""
    gis = FastAPI()

    @gis.middleware("http")
    async def record(request: Request, call_next: Any) -> Response:
        calls.append(request)
        response: Response = await call_next(request)
        return response

    @gis.get("/layers")
    async def layers() -> list[dict[str, str]]:
        return [{"id": "grid_areas"}, {"id": "addresses"}]

    @gis.get("/layers/{layer}/features")
    async def features(layer: str, bbox: str, zoom: int) -> Response:
        if layer == "properties":
            body = {"type": "/problems/forbidden", "title": "Not allowed", "status": 403, "detail": layer}
            return JSONResponse(body, 403, media_type="application/problem+json")
        return JSONResponse(
            {"type": "FeatureCollection", "features": [], "truncated": True, "total_in_view": 9}
        )

    @gis.get("/routing")
    async def routing(lon: float, lat: float) -> Response:
        errors = [{"field": "lon", "message": "outside every grid area"}]
        body = {"type": "/problems/invalid-input", "title": "Invalid input", "status": 422, "errors": errors}
        return JSONResponse(body, 422, media_type="application/problem+json")

    @gis.post("/pins", status_code=201)
    async def place_pin(request: Request) -> dict[str, Any]:
        return {"id": "7", **(await request.json())}

    @gis.delete("/pins/{pin_id}", status_code=204)
    async def remove_pin(pin_id: str) -> None:
        return None

    return gis


@pytest.fixture
async def gis_calls(
    infra: Infrastructure, service_database: ServiceDatabase, tmp_path: Path
) -> AsyncIterator[tuple[RunningSystem, list[Request]]]:
    calls: list[Request] = []
    async with (
        running_app(stand_in_gis(calls), ready_path=None) as gis_url,
        running_system(infra, service_database, tmp_path, gis_url=gis_url) as running,
    ):
        yield running, calls


async def signed_in(browser: httpx.AsyncClient) -> str:
    """Signs the installer in; the CSRF token the map page gives its script."""
    assert (await log_in(browser, INSTALLER, DEMO_PASSWORD)).status_code == 303
    return csrf_token((await browser.get("/")).text)


def problem_fields(response: httpx.Response) -> list[str]:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return [error["field"] for error in response.json().get("errors", [])]


async def test_anonymous_callers_get_401_and_the_page_asks_them_to_log_in(gis_down: RunningSystem) -> None:
    async with portal(gis_down.portal_url) as browser:
        page = await browser.get("/")
        assert "data-login-note" in page.text and 'id="address-search"' not in page.text
        assert 'data-signed-in="false"' in page.text
        for path in ("/api/karta/layers", f"/api/karta/layers/grid_areas/features?bbox={VIEW}&zoom=13"):
            answer = await browser.get(path, headers=JSON)
            assert answer.status_code == 401, answer.text
            assert answer.json()["status"] == 401
        token = {**JSON, "x-csrf-token": csrf_token(page.text)}
        pin = await browser.post("/api/karta/pins", json={"lon": 12.7, "lat": 56.05}, headers=token)
        assert pin.status_code == 401


async def test_bad_parameters_are_refused_naming_the_field_before_gis_is_asked(
    gis_down: RunningSystem,
) -> None:
    # GIS is down here: had any of these reached it, the answer would have been 503.
    async with portal(gis_down.portal_url) as browser:
        await signed_in(browser)
        refused = {
            "/api/karta/layers/grid_areas/features?bbox=12.68,56.03,12.71&zoom=13": "bbox",
            "/api/karta/layers/grid_areas/features?bbox=a,b,c,d&zoom=13": "bbox",
            "/api/karta/layers/grid_areas/features?bbox=12.71,56.03,12.68,56.06&zoom=13": "bbox",
            "/api/karta/layers/grid_areas/features?zoom=13": "bbox",
            f"/api/karta/layers/grid_areas/features?bbox={VIEW}&zoom=23": "zoom",
            f"/api/karta/layers/grid_areas/features?bbox={VIEW}&zoom=13.5": "zoom",
            f"/api/karta/layers/grid_areas/features?bbox={VIEW}&zoom=13&limit=5001": "limit",
            f"/api/karta/layers/Grid%20Areas/features?bbox={VIEW}&zoom=13": "layer",
            f"/api/karta/addresses?q={'x' * 101}": "q",
            "/api/karta/addresses?q=": "q",
            "/api/karta/routing?lon=200&lat=56": "lon",
            "/api/karta/places/at?lon=12.7": "lat",
        }
        for path, field in refused.items():
            answer = await browser.get(path, headers=JSON)
            assert answer.status_code == 422, f"{path}: {answer.status_code} {answer.text}"
            assert problem_fields(answer) == [field], path


async def test_a_signed_in_user_gets_503_when_gis_does_not_answer(gis_down: RunningSystem) -> None:
    async with portal(gis_down.portal_url) as browser:
        token = await signed_in(browser)
        page = await browser.get("/")
        assert f'data-csrf-token="{token}"' in page.text and 'data-signed-in="true"' in page.text
        for hook in ('id="address-search"', 'data-action="place-pin"', 'data-action="clear-pins"'):
            assert hook in page.text
        for path in ("/api/karta/layers", "/api/karta/pins", "/api/karta/addresses?q=Solgatan"):
            answer = await browser.get(path, headers=JSON)
            assert answer.status_code == 503, f"{path}: {answer.text}"
            assert answer.json()["status"] == 503
        pin = {"lon": 12.7, "lat": 56.05}
        saved = await browser.post("/api/karta/pins", json=pin, headers={**JSON, "x-csrf-token": token})
        assert saved.status_code == 503
        # Writes without the session's token never leave the portal.
        forged = await browser.post("/api/karta/pins", json=pin, headers=JSON)
        assert forged.status_code == 403 and problem_fields(forged) == ["csrf_token"]
        cleared = await browser.delete("/api/karta/pins", headers={**JSON, "x-csrf-token": "not-it"})
        assert cleared.status_code == 403


async def test_calls_go_to_gis_as_the_user_and_its_answers_pass_through(
    gis_calls: tuple[RunningSystem, list[Request]],
) -> None:
    system, calls = gis_calls
    async with portal(system.portal_url) as browser:
        token = await signed_in(browser)
        layers = await browser.get("/api/karta/layers", headers=JSON)
        assert layers.status_code == 200 and layers.json() == [{"id": "grid_areas"}, {"id": "addresses"}]
        assert layers.headers["cache-control"] == "no-store"

        view = await browser.get(f"/api/karta/layers/grid_areas/features?bbox={VIEW}&zoom=13", headers=JSON)
        assert view.status_code == 200 and view.json()["truncated"] is True
        assert calls[-1].query_params["bbox"] == VIEW and calls[-1].query_params["zoom"] == "13"

        hidden = await browser.get(f"/api/karta/layers/properties/features?bbox={VIEW}&zoom=13", headers=JSON)
        assert hidden.status_code == 403 and hidden.json()["detail"] == "properties"

        outside = await browser.get("/api/karta/routing?lon=10.0&lat=50.0", headers=JSON)
        assert outside.status_code == 422 and problem_fields(outside) == ["lon"]

        write = {**JSON, "x-csrf-token": token}
        pin = await browser.post("/api/karta/pins", json={"lon": 12.7, "lat": 56.05}, headers=write)
        assert pin.status_code == 201 and pin.json() == {"id": "7", "lon": 12.7, "lat": 56.05}
        removed = await browser.delete("/api/karta/pins/7", headers=write)
        assert removed.status_code == 204 and removed.content == b""

    bearer = {call.headers.get("authorization", "") for call in calls}
    assert len(bearer) == 1 and next(iter(bearer)).startswith("Bearer ey")  # the user's access token

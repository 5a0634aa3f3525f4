"""The GIS HTTP API over a real PostgreSQL with a (smaller) demo network: layers by role and DSO, features
in a viewport, address search, routing, facility lookup across DSOs, pins, and who sets layer access."""

import asyncio
import functools
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from gis.bootstrap import build_app
from gis.config import GISSettings
from gis.domain.demo_network import DemoNetwork, generate_demo_network
from gis.domain.ean import with_check_digit
from gis.domain.features import Layer
from gis.service_layer.demo import seed_demo_network
from gis.service_layer.demo_access import seed_demo_layer_access
from gis.service_layer.import_layers import import_layer
from servicekit.testing.server import running_app
from servicekit.testing.tokens import TestTokenIssuer

from .conftest import UowFactory
from .layer_helpers import grid_areas

pytestmark = pytest.mark.integration

NETWORK = functools.partial(generate_demo_network, properties=2_000, addresses=4_000, facilities=3_000)
WHOLE_REGION = "12.60,55.95,12.90,56.20"


@dataclass(frozen=True)
class Gis:
    url: str
    tokens: TestTokenIssuer
    network: DemoNetwork

    def as_(self, role: str, dso_id: str) -> dict[str, str]:
        return self.tokens.headers(role, dso_id=dso_id)


@pytest.fixture
async def gis(gis_settings: GISSettings, uow_factory: UowFactory) -> AsyncIterator[Gis]:
    await seed_demo_network(uow_factory(), generate=NETWORK)
    await seed_demo_layer_access(uow_factory())
    app = build_app(gis_settings)
    tokens = TestTokenIssuer()
    tokens.trusted_by(app.state.jwks_verifier)
    async with running_app(app) as url:  # ready once the map indexes are built
        yield Gis(url, tokens, NETWORK())


def facility_of(network: DemoNetwork, dso_id: str) -> dict[str, str]:
    found = next(f for f in network.facilities if f.dso_id == dso_id)
    return {"ean": found.ean, "meter_number": found.meter_number, "id": found.id}


async def test_each_role_sees_the_layers_its_dso_allows(gis: Gis) -> None:
    async with httpx.AsyncClient(base_url=gis.url) as client:
        seen = {
            (role, dso): [
                layer["id"] for layer in (await client.get("/layers", headers=gis.as_(role, dso))).json()
            ]
            for role, dso in (
                ("installer", "sundkraft"),
                ("installer", "kullabygden"),
                ("dso_handler", "kullabygden"),
            )
        }
        anonymous = await client.get("/layers")

    assert seen[("installer", "sundkraft")] == ["grid_areas", "properties", "facilities", "addresses"]
    assert seen[("installer", "kullabygden")] == ["grid_areas", "properties", "addresses"]
    assert seen[("dso_handler", "kullabygden")] == ["grid_areas", "properties", "facilities", "addresses"]
    assert anonymous.status_code == 401


async def test_a_viewport_answers_features_and_says_when_it_cut_them(gis: Gis) -> None:
    installer = gis.as_("installer", "sundkraft")
    async with httpx.AsyncClient(base_url=gis.url) as client:
        areas = await client.get(
            "/layers/grid_areas/features", params={"bbox": WHOLE_REGION, "zoom": 11}, headers=installer
        )
        cut = await client.get(
            "/layers/addresses/features",
            params={"bbox": WHOLE_REGION, "zoom": 16, "limit": 50},
            headers=installer,
        )
        own_facilities = await client.get(
            "/layers/facilities/features",
            params={"bbox": WHOLE_REGION, "zoom": 16, "limit": 5000},
            headers=installer,
        )
        refused = await client.get(
            "/layers/facilities/features",
            params={"bbox": WHOLE_REGION, "zoom": 16},
            headers=gis.as_("installer", "kullabygden"),
        )
        bad_box = await client.get(
            "/layers/grid_areas/features",
            params={"bbox": "12.8,56.1,12.7,56.0", "zoom": 11},
            headers=installer,
        )
        not_numbers = await client.get(
            "/layers/grid_areas/features", params={"bbox": "a,b,c", "zoom": 11}, headers=installer
        )
        unknown = await client.get(
            "/layers/roads/features", params={"bbox": WHOLE_REGION, "zoom": 11}, headers=installer
        )

    assert areas.status_code == 200
    body = areas.json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == len(gis.network.grid_areas) == body["total_in_view"]
    assert body["truncated"] is False
    assert {f["properties"]["dso_id"] for f in body["features"]} == {"sundkraft", "kullabygden"}
    assert cut.json()["truncated"] is True
    assert len(cut.json()["features"]) == 50 < cut.json()["total_in_view"]
    facilities = own_facilities.json()["features"]
    assert facilities and {f["properties"]["dso_id"] for f in facilities} == {
        "sundkraft"
    }  # never another DSO's
    assert refused.status_code == 403
    for wrong in (bad_box, not_numbers):
        assert wrong.status_code == 422
        assert [e["field"] for e in wrong.json()["errors"]] == ["bbox"]
    assert unknown.status_code == 404


async def test_addresses_are_found_as_typed_and_points_are_routed(gis: Gis) -> None:
    installer = gis.as_("installer", "sundkraft")
    address = gis.network.addresses[0]
    area = next(a for a in gis.network.grid_areas if a.geometry.covers(address.point))
    async with httpx.AsyncClient(base_url=gis.url) as client:
        typed = await client.get(
            "/addresses/search", params={"q": f"{address.street} {address.number}"}, headers=installer
        )
        misspelt = await client.get(
            "/addresses/search",
            params={"q": address.street[:3] + address.street[3:].replace("a", "", 1)},
            headers=installer,
        )
        routed = await client.get(
            "/routing", params={"lon": address.point.x, "lat": address.point.y}, headers=installer
        )
        outside = await client.get("/routing", params={"lon": 11.0, "lat": 57.5}, headers=installer)
        place = await client.get(
            "/places/at", params={"lon": address.point.x, "lat": address.point.y}, headers=installer
        )

    assert typed.status_code == 200
    assert typed.json()[0]["label"] == address.label
    assert any(hit["street"] == address.street for hit in misspelt.json())
    assert routed.json() == {"grid_area_id": area.id, "grid_area_name": area.name, "dso_id": area.dso_id}
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["field"] == "lon"
    assert "outside every grid area" in outside.json()["errors"][0]["message"]
    assert place.json()["address"]["label"] == address.label
    assert place.json()["grid_area"]["grid_area_id"] == area.id
    assert place.json()["property"]["designation"]


async def test_facility_lookup_stays_within_the_callers_dso_and_role(
    gis: Gis, caplog: pytest.LogCaptureFixture
) -> None:
    own = facility_of(gis.network, "sundkraft")
    other = facility_of(gis.network, "kullabygden")
    installer = gis.as_("installer", "sundkraft")
    async with httpx.AsyncClient(base_url=gis.url) as client:
        by_ean = await client.get("/facilities", params={"ean": own["ean"]}, headers=installer)
        by_meter = await client.get(
            "/facilities", params={"meter_number": own["meter_number"]}, headers=installer
        )
        wrong_digit = own["ean"][:-1] + str((int(own["ean"][-1]) + 1) % 10)
        bad = await client.get("/facilities", params={"ean": wrong_digit}, headers=installer)
        short = await client.get("/facilities", params={"ean": "73599912"}, headers=installer)
        unknown = await client.get(
            "/facilities", params={"ean": with_check_digit("73599900000000001")}, headers=installer
        )
        with caplog.at_level(logging.INFO):
            across = await client.get("/facilities", params={"ean": other["ean"]}, headers=installer)
        role_lacks = await client.get(
            "/facilities", params={"ean": other["ean"]}, headers=gis.as_("installer", "kullabygden")
        )
        own_staff = await client.get(
            "/facilities", params={"ean": other["ean"]}, headers=gis.as_("dso_handler", "kullabygden")
        )
        anonymous = await client.get("/facilities", params={"ean": own["ean"]})

    assert by_ean.status_code == 200
    assert by_ean.json() == by_meter.json()
    facility = by_ean.json()
    assert facility["ean"] == own["ean"] and facility["meter_number"] == own["meter_number"]
    assert {"technical_number", "main_fuse_amperes", "street", "postcode", "owner_name"} <= set(facility)
    assert not [key for key in facility if "personal" in key]
    for malformed in (bad, short):
        assert malformed.status_code == 422
        assert malformed.json()["errors"][0]["field"] == "ean"
    assert "check digit" in bad.json()["errors"][0]["message"]
    assert unknown.status_code == 404
    assert across.status_code == 404  # as if it did not exist, but logged as a refusal
    assert any("another DSO" in record.getMessage() for record in caplog.records)
    assert role_lacks.status_code == 403
    assert own_staff.status_code == 200
    assert anonymous.status_code == 401


async def test_pins_are_each_users_own(gis: Gis) -> None:
    anna = gis.tokens.headers("installer", dso_id="sundkraft", user_id=uuid.uuid4())
    erik = gis.tokens.headers("installer", dso_id="sundkraft", user_id=uuid.uuid4())
    async with httpx.AsyncClient(base_url=gis.url) as client:
        first = (
            await client.post("/pins", json={"lon": 12.70, "lat": 56.04, "label": "Mätarskåp"}, headers=anna)
        ).json()
        await client.post("/pins", json={"lon": 12.71, "lat": 56.05}, headers=anna)
        bad = await client.post("/pins", json={"lon": 200, "lat": 56.05}, headers=anna)
        erik_removes = await client.delete(f"/pins/{first['id']}", headers=erik)
        erik_sees = (await client.get("/pins", headers=erik)).json()
        listed = (await client.get("/pins", headers=anna)).json()
        removed = await client.delete(f"/pins/{first['id']}", headers=anna)
        after_one = (await client.get("/pins", headers=anna)).json()
        cleared = await client.delete("/pins", headers=anna)
        after_all = (await client.get("/pins", headers=anna)).json()

    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "lon"
    assert erik_removes.status_code == 404 and erik_sees == []
    assert [(p["lon"], p["lat"], p["label"]) for p in listed] == [
        (12.70, 56.04, "Mätarskåp"),
        (12.71, 56.05, ""),
    ]
    assert removed.status_code == 204 and len(after_one) == 1
    assert cleared.status_code == 204 and after_all == []


async def test_only_a_dsos_own_admin_chooses_its_layer_access(gis: Gis) -> None:
    own_admin = gis.as_("dso_admin", "kullabygden")
    installer = gis.as_("installer", "kullabygden")
    choice = {"properties": ["installer", "team_admin"], "facilities": ["team_admin", "installer"]}
    async with httpx.AsyncClient(base_url=gis.url) as client:
        before = [layer["id"] for layer in (await client.get("/layers", headers=installer)).json()]
        other_admin = await client.put(
            "/dsos/kullabygden/layer-access", json=choice, headers=gis.as_("dso_admin", "sundkraft")
        )
        handler = await client.put(
            "/dsos/kullabygden/layer-access", json=choice, headers=gis.as_("dso_handler", "kullabygden")
        )
        bad_role = await client.put(
            "/dsos/kullabygden/layer-access", json={**choice, "facilities": ["dso_admin"]}, headers=own_admin
        )
        saved = await client.put("/dsos/kullabygden/layer-access", json=choice, headers=own_admin)
        read = await client.get("/dsos/kullabygden/layer-access", headers=own_admin)
        after = [layer["id"] for layer in (await client.get("/layers", headers=installer)).json()]

    assert "facilities" not in before
    assert other_admin.status_code == handler.status_code == 403
    assert bad_role.status_code == 422
    assert saved.status_code == 200
    assert read.json() == {
        "properties": ["installer", "team_admin"],
        "facilities": ["installer", "team_admin"],
    }
    assert "facilities" in after


async def test_an_imported_layer_reaches_the_running_service_without_a_restart(
    gis: Gis, uow_factory: UowFactory
) -> None:
    installer = gis.as_("installer", "sundkraft")
    replacement = grid_areas(4326)  # two areas, "Väster" (Sundkraft) and "Öster" (Kullabygden)
    await import_layer(uow_factory(), Layer.GRID_AREAS, replacement)

    async with httpx.AsyncClient(base_url=gis.url) as client:
        names: list[str] = []
        for _ in range(100):
            answer = await client.get(
                "/layers/grid_areas/features",
                params={"bbox": "10.0,54.0,20.0,60.0", "zoom": 8},
                headers=installer,
            )
            names = sorted(feature["properties"]["name"] for feature in answer.json()["features"])
            if names == ["Väster", "Öster"]:
                break
            await asyncio.sleep(0.1)
    assert names == ["Väster", "Öster"]

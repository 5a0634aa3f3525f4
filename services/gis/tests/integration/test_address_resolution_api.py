"""POST /addresses/resolve over a real PostgreSQL with a (smaller) demo network: an import's 10,000 rows
answered in order and routed, who may ask, and the rows and batches refused."""

import functools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gis.bootstrap import build_app
from gis.config import GISSettings
from gis.domain.demo_network import DemoNetwork, generate_demo_network
from gis.domain.features import Address
from gis.service_layer.demo import seed_demo_network
from servicekit.testing.server import running_app
from servicekit.testing.tokens import TestTokenIssuer

from .conftest import UowFactory

pytestmark = pytest.mark.integration

NETWORK = functools.partial(generate_demo_network, properties=1_000, addresses=2_000, facilities=500)


@dataclass(frozen=True)
class Gis:
    url: str
    installer: dict[str, str]
    network: DemoNetwork


@pytest.fixture
async def gis(gis_settings: GISSettings, uow_factory: UowFactory) -> AsyncIterator[Gis]:
    await seed_demo_network(uow_factory(), generate=NETWORK)
    app = build_app(gis_settings)
    tokens = TestTokenIssuer()
    tokens.trusted_by(app.state.jwks_verifier)
    async with running_app(app) as url:  # ready once the map indexes are built
        yield Gis(url, tokens.headers("installer", dso_id="sundkraft"), NETWORK())


def row(number: int, address: Address) -> dict[str, Any]:
    """Row `number` of an import, written in one of four ways."""
    match number % 4:
        case 0:  # as the register writes it
            return {
                "ref": str(number),
                "street": f"{address.street} {address.number}",
                "postcode": address.postcode,
            }
        case 1:  # shouted, the postcode without its space, and the city
            return {
                "ref": str(number),
                "street": f"{address.street.upper()} {address.number.lower()}",
                "postcode": address.postcode.replace(" ", ""),
                "city": address.town,
            }
        case 2:  # a letter dropped from the street's name
            return {
                "ref": str(number),
                "street": f"{address.street[:3]}{address.street[4:]} {address.number}",
            }
        case _:  # a house number the street does not have
            return {"ref": str(number), "street": f"{address.street} 9999", "city": address.town}


async def test_an_imports_rows_are_answered_in_order_found_and_routed_or_with_near_misses(gis: Gis) -> None:
    addresses = gis.network.addresses
    rows = [row(number, addresses[number % len(addresses)]) for number in range(10_000)]
    async with httpx.AsyncClient(base_url=gis.url, timeout=30) as client:
        answer = await client.post("/addresses/resolve", json={"addresses": rows}, headers=gis.installer)

    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [result["ref"] for result in results] == [str(number) for number in range(10_000)]
    assert [result["status"] for result in results[:4]] == ["found", "found", "not_found", "not_found"]
    first, shouted, misspelt, no_such_number = results[:4]
    for found, address in ((first, addresses[0]), (shouted, addresses[1])):
        area = next(a for a in gis.network.grid_areas if a.geometry.covers(address.point))
        assert found["address"]["id"] == address.id and found["address"]["label"] == address.label
        assert found["grid_area"] == {
            "grid_area_id": area.id,
            "grid_area_name": area.name,
            "dso_id": area.dso_id,
        }
        assert found["candidates"] == []
    assert misspelt["address"] is misspelt["grid_area"] is None
    assert addresses[2].label in [candidate["label"] for candidate in misspelt["candidates"]]
    assert 1 <= len(no_such_number["candidates"]) <= 3
    assert {candidate["street"] for candidate in no_such_number["candidates"]} == {addresses[3].street}
    assert sum(result["status"] == "found" for result in results) == 5_000


async def test_only_signed_in_users_may_ask_and_bad_rows_or_too_many_are_refused_by_name(gis: Gis) -> None:
    one = {"ref": "1", "street": "Solgatan 20"}
    async with httpx.AsyncClient(base_url=gis.url, timeout=30) as client:
        anonymous = await client.post("/addresses/resolve", json={"addresses": [one]})
        too_many = await client.post(
            "/addresses/resolve", json={"addresses": [one] * 10_001}, headers=gis.installer
        )
        no_street = await client.post(
            "/addresses/resolve",
            json={"addresses": [one, {"ref": "2", "city": "Höganäs"}]},
            headers=gis.installer,
        )
        blank_or_long = await client.post(
            "/addresses/resolve",
            json={"addresses": [{"ref": "1", "street": "x" * 201}, {"ref": "2", "street": "  "}]},
            headers=gis.installer,
        )
        numbered_ref = await client.post(
            "/addresses/resolve", json={"addresses": [{**one, "ref": 7}]}, headers=gis.installer
        )
        empty = await client.post("/addresses/resolve", json={"addresses": []}, headers=gis.installer)

    assert anonymous.status_code == 401
    assert too_many.status_code == 422
    assert [error["field"] for error in too_many.json()["errors"]] == ["addresses"]
    assert no_street.status_code == 422
    assert [error["field"] for error in no_street.json()["errors"]] == ["addresses[1].street"]
    assert [error["field"] for error in blank_or_long.json()["errors"]] == [
        "addresses[0].street",
        "addresses[1].street",
    ]
    assert numbered_ref.json()["results"][0]["ref"] == "7"
    assert empty.json() == {"results": []}

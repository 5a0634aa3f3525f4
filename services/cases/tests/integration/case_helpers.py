"""Places of the demo network by DSO, and the steps most tests take with a case."""

from typing import Any

import httpx
from shapely import Point
from shapely.prepared import prep

from gis.domain.demo_network import DemoNetwork
from gis.domain.features import Address, Facility

from .conftest import CasesApi

# What a fuse change needs besides the site (which the address fills in) to be sent.
FUSE_CHANGE_FILLED = {
    "ean": None,
    "current_main_fuse": "16",
    "new_main_fuse": "25",
    "owner_name": "Karin Holm",
    "owner_personal_number": "19800101-1234",
    "owner_street": "Solgatan 20",
    "owner_postcode": "25225",
    "owner_city": "Helsingborg",
    "payer_name": "Karin Holm",
    "payer_personal_number": "19800101-1234",
    "payer_street": "Solgatan 20",
    "payer_postcode": "25225",
    "payer_city": "Helsingborg",
}


def _in_dso(network: DemoNetwork, dso_id: str, point: Point) -> bool:
    return any(area.dso_id == dso_id and area.geometry.contains(point) for area in network.grid_areas)


def addresses_in(network: DemoNetwork, dso_id: str, count: int = 1) -> list[Address]:
    areas = [prep(area.geometry) for area in network.grid_areas if area.dso_id == dso_id]
    found = [a for a in network.addresses if any(area.contains(a.point) for area in areas)]
    return found[:count]


def facility_in(network: DemoNetwork, dso_id: str, *, skip: int = 0) -> Facility:
    areas = [prep(area.geometry) for area in network.grid_areas if area.dso_id == dso_id]
    found = [
        f
        for f in network.facilities
        if f.dso_id == dso_id or (f.dso_id is None and any(area.contains(f.point) for area in areas))
    ]
    return found[skip]


async def create_case(
    api: CasesApi,
    headers: dict[str, str],
    *,
    at: Address,
    case_type: str = "fuse_change",
    **values: str | None,
) -> dict[str, Any]:
    response = await api.client.post(
        "/cases",
        json={"case_type": case_type, "lon": at.point.x, "lat": at.point.y, "values": values},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def filled_case(api: CasesApi, headers: dict[str, str], at: Address) -> dict[str, Any]:
    """A fuse change with everything it needs to be sent (a valid EAN included)."""
    facility = facility_in(api.gis.network, "sundkraft")
    values = {**FUSE_CHANGE_FILLED, "ean": facility.ean}
    return await create_case(api, headers, at=at, **values)


async def submit(api: CasesApi, headers: dict[str, str], case: dict[str, Any]) -> httpx.Response:
    return await api.client.post(
        f"/cases/{case['id']}/submit", json={"version": case["version"]}, headers=headers
    )


async def move(
    api: CasesApi, headers: dict[str, str], case: dict[str, Any], to: str, reason: str | None = None
) -> httpx.Response:
    body: dict[str, Any] = {"version": case["version"], "to_status": to}
    if reason is not None:
        body["reason"] = reason
    return await api.client.post(f"/cases/{case['id']}/transitions", json=body, headers=headers)

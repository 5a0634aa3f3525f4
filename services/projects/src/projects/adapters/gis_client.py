"""GIS's address resolution (`POST /addresses/resolve`), called with the user's own token."""

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from projects.domain.addresses import ResolvedAddress, WrittenAddress
from projects.service_layer.addresses import AddressesUnavailable


class GisClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def resolve(self, addresses: Sequence[WrittenAddress], *, token: str) -> list[ResolvedAddress]:
        if not addresses:
            return []
        body = {
            "addresses": [
                {"ref": str(asked.row_number), "street": asked.street}
                | ({"postcode": asked.postcode} if asked.postcode else {})
                | ({"city": asked.city} if asked.city else {})
                for asked in addresses
            ]
        }
        try:
            response = await self._http.post(
                "/addresses/resolve", json=body, headers={"authorization": f"Bearer {token}"}
            )
        except httpx.HTTPError as error:
            raise AddressesUnavailable(f"GIS did not answer: {type(error).__name__}") from error
        if response.status_code >= 400:
            raise AddressesUnavailable(f"GIS answered {response.status_code}")
        return resolved_addresses(response.json())


def resolved_addresses(answer: Mapping[str, Any]) -> list[ResolvedAddress]:
    """GIS's answer: `{"results": [{"ref", "status", "address": {label, lon, lat …} | null,
    "grid_area": {grid_area_id, grid_area_name, dso_id} | null, "candidates": [{label …}]}]}`."""
    try:
        return [_resolved(result) for result in answer["results"]]
    except (KeyError, TypeError, ValueError) as error:
        raise AddressesUnavailable(f"GIS answered something we cannot read: {error!r}") from error


def _resolved(result: Mapping[str, Any]) -> ResolvedAddress:
    address = result.get("address") or {}
    area = result.get("grid_area") or {}
    return ResolvedAddress(
        row_number=int(result["ref"]),
        status=str(result["status"]),
        label=address.get("label"),
        lon=None if address.get("lon") is None else float(address["lon"]),
        lat=None if address.get("lat") is None else float(address["lat"]),
        grid_area_id=area.get("grid_area_id"),
        grid_area_name=area.get("grid_area_name"),
        dso_id=area.get("dso_id"),
        candidates=tuple(str(candidate["label"]) for candidate in result.get("candidates") or ()),
    )

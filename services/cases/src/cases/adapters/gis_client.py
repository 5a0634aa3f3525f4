"""Cases' client of the GIS service. Every call carries the caller's own access token, so GIS applies the
caller's rights (a facility of another DSO is not found)."""

from typing import Any

import httpx

from cases.service_layer.gis import FacilityUnknown, GisUnavailable, InvalidFacilityNumber, Place
from servicekit.correlation import outgoing_headers


class GisClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def place_at(self, lon: float, lat: float, *, token: str) -> Place:
        found = await self._get("/places/at", {"lon": lon, "lat": lat}, token)
        area = found.get("grid_area") or {}
        address = found.get("address") or {}
        street = " ".join(part for part in (address.get("street"), address.get("number")) if part) or None
        return Place(
            grid_area_id=area.get("grid_area_id"),
            grid_area_name=area.get("grid_area_name"),
            dso_id=area.get("dso_id"),
            street=street,
            postcode=address.get("postcode"),
            city=address.get("town"),
            property_designation=(found.get("property") or {}).get("designation"),
        )

    async def facility(self, *, ean: str | None, meter_number: str | None, token: str) -> dict[str, str]:
        params = {"ean": ean} if ean is not None else {"meter_number": meter_number or ""}
        found = await self._get("/facilities", params, token)
        street = " ".join(str(part) for part in (found.get("street"), found.get("house_number")) if part)
        fields = {
            "ean": found.get("ean"),
            "meter_number": found.get("meter_number"),
            "technical_number": found.get("technical_number"),
            "current_main_fuse": found.get("main_fuse_amperes"),
            "street": street,
            "postcode": found.get("postcode"),
            "city": found.get("town"),
            "owner_name": found.get("owner_name"),
        }
        return {name: str(value) for name, value in fields.items() if value not in (None, "")}

    async def _get(self, path: str, params: dict[str, Any], token: str) -> dict[str, Any]:
        headers = outgoing_headers(token) | {"accept": "application/json"}
        try:
            response = await self._http.get(path, params=params, headers=headers)
        except httpx.HTTPError as error:
            raise GisUnavailable(type(error).__name__) from error
        if response.status_code in (403, 404):
            # 403: the caller may not see facilities at all; to the installer it is the same: not found.
            raise FacilityUnknown(path)
        if response.status_code == 422:
            raise InvalidFacilityNumber(_first_message(response))
        if response.status_code >= 400:
            raise GisUnavailable(f"GIS answered {response.status_code}")
        body: dict[str, Any] = response.json()
        return body


def _first_message(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors") or []
        return str(errors[0]["message"]) if errors else str(response.json().get("detail", "invalid"))
    except (ValueError, KeyError, IndexError, AttributeError):
        return "invalid"

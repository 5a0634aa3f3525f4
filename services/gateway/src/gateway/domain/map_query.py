"""The map's query parameters, checked before anything is forwarded to GIS: a bad one is the browser's
mistake, answered at once and naming the field, and GIS only ever sees well-formed, bounded values."""

import math
from dataclasses import dataclass

MAX_ZOOM = 22
MAX_SEARCH_LENGTH = 100


class InvalidParameter(ValueError):
    """`field` is wrong; `message` says how (in English, as the API's problems do)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True, slots=True)
class BoundingBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def as_param(self) -> str:
        """GIS's `bbox` form: minLon,minLat,maxLon,maxLat."""
        return ",".join(repr(value) for value in (self.min_lon, self.min_lat, self.max_lon, self.max_lat))


def parse_bbox(raw: str | None) -> BoundingBox:
    """`minLon,minLat,maxLon,maxLat` in WGS 84 degrees, minimum before maximum."""
    if not raw:
        raise InvalidParameter("bbox", "required: minLon,minLat,maxLon,maxLat")
    parts = raw.split(",")
    if len(parts) != 4:
        raise InvalidParameter("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
    except ValueError:
        raise InvalidParameter("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat") from None
    # float() accepts "nan" and "inf"; neither is a place on the map.
    if not all(math.isfinite(value) for value in (min_lon, min_lat, max_lon, max_lat)):
        raise InvalidParameter("bbox", "must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise InvalidParameter("bbox", "longitudes must be between -180 and 180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise InvalidParameter("bbox", "latitudes must be between -90 and 90")
    if min_lon > max_lon or min_lat > max_lat:
        raise InvalidParameter("bbox", "the minimum must not exceed the maximum")
    return BoundingBox(min_lon, min_lat, max_lon, max_lat)


def parse_zoom(raw: str | None) -> int:
    """A whole zoom level, 0 to 22 (Leaflet's fractional zooms are rounded by the page before asking)."""
    try:
        zoom = int(raw or "")
    except ValueError:
        raise InvalidParameter("zoom", f"must be a whole number from 0 to {MAX_ZOOM}") from None
    if not 0 <= zoom <= MAX_ZOOM:
        raise InvalidParameter("zoom", f"must be a whole number from 0 to {MAX_ZOOM}")
    return zoom


def search_text(raw: str | None) -> str:
    """The address search's text, trimmed; at most 100 characters, as nobody types a longer address."""
    text = " ".join((raw or "").split())
    if not text:
        raise InvalidParameter("q", "required")
    if len(text) > MAX_SEARCH_LENGTH:
        raise InvalidParameter("q", f"at most {MAX_SEARCH_LENGTH} characters")
    return text

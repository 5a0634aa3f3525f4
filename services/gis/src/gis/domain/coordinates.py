"""SWEREF 99 TM (EPSG:3006) and WGS 84 (EPSG:4326): data may arrive in either; GIS keeps WGS 84."""

import re
from collections.abc import Callable
from functools import cache
from typing import TypeVar

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

WGS84 = 4326
SWEREF99TM = 3006
SUPPORTED_EPSG = (WGS84, SWEREF99TM)

G = TypeVar("G", bound=BaseGeometry)

# GeoJSON (2008) `crs` names: "EPSG:3006", "urn:ogc:def:crs:EPSG::3006"; CRS84 is WGS 84 in lon/lat.
_EPSG_NAME = re.compile(r"(?:^|:)EPSG:(?:[\d.]*:)?(\d+)$", re.IGNORECASE)
_CRS84_NAME = re.compile(r"(?:^|:)CRS:?84$", re.IGNORECASE)


class UnsupportedCrs(ValueError):
    pass


def epsg_of(crs_name: str) -> int:
    """The EPSG code of a CRS name, if it is one GIS accepts."""
    name = crs_name.strip()
    if _CRS84_NAME.search(name):
        return WGS84
    match = _EPSG_NAME.search(name)
    code = int(match.group(1)) if match else None
    if code not in SUPPORTED_EPSG:
        raise UnsupportedCrs(f"unsupported coordinate system {crs_name!r}: use EPSG:3006 or EPSG:4326")
    return code


@cache
def _transformer(source_epsg: int, target_epsg: int) -> Transformer:
    # always_xy: x is easting or longitude whatever axis order the EPSG definition has.
    return Transformer.from_crs(source_epsg, target_epsg, always_xy=True)


def transform(geometry: G, source_epsg: int, target_epsg: int) -> G:
    """The geometry in another coordinate system."""
    if source_epsg == target_epsg:
        return geometry
    result: G = shapely.transform(geometry, _coordinate_function(source_epsg, target_epsg))
    return result


def transform_all(geometries: NDArray[np.object_], source_epsg: int, target_epsg: int) -> NDArray[np.object_]:
    """A whole layer at once: one pyproj call for every coordinate."""
    if source_epsg == target_epsg:
        return geometries
    result: NDArray[np.object_] = shapely.transform(
        geometries, _coordinate_function(source_epsg, target_epsg)
    )
    return result


def to_wgs84(geometry: G, source_epsg: int) -> G:
    return transform(geometry, source_epsg, WGS84)


def _coordinate_function(
    source_epsg: int, target_epsg: int
) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
    transformer = _transformer(source_epsg, target_epsg)

    def apply(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack((x, y))

    return apply

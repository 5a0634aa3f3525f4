"""Facility lookup for a case ("Hämta anl-data"): by EAN or meter number, within the caller's own DSO."""

from gis.adapters.uow import GISUnitOfWork
from gis.domain.ean import validate_ean
from gis.domain.features import Facility, Layer
from gis.domain.layer_access import LayerAccessPolicy, Viewer
from gis.service_layer.map_indexes import MapIndexes
from gis.service_layer.map_queries import LayerNotVisible


class FacilityNotFound(LookupError):
    """No facility with this number that the caller may see (another DSO's looks the same: not found)."""


class OtherDsosFacility(FacilityNotFound):
    """It exists, in another DSO: answered as not found, logged as a refusal."""


async def look_up_facility(
    uow: GISUnitOfWork,
    indexes: MapIndexes,
    policy: LayerAccessPolicy,
    viewer: Viewer,
    *,
    ean: str | None = None,
    meter_number: str | None = None,
) -> Facility:
    """Exactly one of `ean` (validated: InvalidEan) and `meter_number`."""
    if not policy.may_see(viewer, Layer.FACILITIES):
        raise LayerNotVisible(Layer.FACILITIES)
    async with uow:
        if ean is not None:
            found = await uow.facilities.by_ean(validate_ean(ean))
        else:
            found = await uow.facilities.by_meter_number((meter_number or "").strip())
    if found is None:
        raise FacilityNotFound
    dso_id = found.dso_id or _routed_dso(indexes, found)
    if dso_id != viewer.dso_id:
        raise OtherDsosFacility
    return found


def _routed_dso(indexes: MapIndexes, facility: Facility) -> str | None:
    area = indexes.routing.route_many([facility.point.x], [facility.point.y])[0]
    return None if area < 0 else indexes.routing.area(int(area)).dso_id

"""HTTP: facility lookup by EAN or meter number, for filling in a case."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from gis.domain.ean import InvalidEan
from gis.entrypoints.api.deps import Indexes, Policy, SignedInViewer, UowFactory
from gis.service_layer.facilities import FacilityNotFound, OtherDsosFacility, look_up_facility
from gis.service_layer.map_indexes import facility_properties
from gis.service_layer.map_queries import LayerNotVisible
from servicekit.auth import CurrentPrincipal, log_refusal
from servicekit.problems import Forbidden, NotFound, invalid_field

router = APIRouter(tags=["facilities"])


@router.get("/facilities")
async def facility(
    request: Request,
    principal: CurrentPrincipal,
    viewer: SignedInViewer,
    policy: Policy,
    indexes: Indexes,
    uow: UowFactory,
    ean: Annotated[str | None, Query(max_length=40, description="18 digits, GS1 check digit")] = None,
    meter_number: Annotated[str | None, Query(max_length=30)] = None,
) -> dict[str, Any]:
    """One facility and its customer data; the owner's personal identity number is never held here."""
    if (ean is None) == (meter_number is None) or (meter_number is not None and not meter_number.strip()):
        raise invalid_field("ean", "give either an EAN or a meter number")
    try:
        found = await look_up_facility(uow(), indexes, policy, viewer, ean=ean, meter_number=meter_number)
    except InvalidEan as invalid:
        raise invalid_field("ean", str(invalid)) from None
    except LayerNotVisible as refused:
        log_refusal(request, principal, str(refused))
        raise Forbidden(str(refused)) from None
    except OtherDsosFacility:
        log_refusal(request, principal, "the facility belongs to another DSO")
        raise NotFound("no facility with this number") from None
    except FacilityNotFound:
        raise NotFound("no facility with this number") from None
    return {"id": found.id, **facility_properties(found), "lon": found.point.x, "lat": found.point.y}

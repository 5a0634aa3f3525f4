"""Creating a case: from a map pin (`/arenden/nytt?lon=&lat=`, the type is chosen here) or from the "Skapa"
menu (`/arenden/nytt/{code}`, the place is chosen here by an address search). Both post the type and the
point; cases routes the point to its grid area and DSO and answers the new draft, whose page comes next.

Works without JavaScript: the address search is a plain GET form whose hits are buttons."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem
from gateway.adapters.gis_client import GisClient, GisProblem, GisUnavailable
from gateway.domain.map_query import InvalidParameter, search_text
from gateway.domain.navigation import is_case_type_code
from gateway.entrypoints.web.access import PageNotFound, refusals_as_pages
from gateway.entrypoints.web.cases_calls import AsCaseUser, TeamMember
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)

NEW = "/arenden/nytt"
SEARCH_HITS = 10
ERROR_KEYS = {
    "lon": "new_case.error.outside",
    "lat": "new_case.error.outside",
    "case_type": "new_case.error.type",
}


@router.get(NEW, response_class=HTMLResponse)
async def choose_type_page(
    request: Request,
    member: TeamMember,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
) -> HTMLResponse:
    """From a pin: which type of case at this point. Without a point, the types lead to the address search."""
    return await _type_page(request, member, lon, lat)


@router.get(f"{NEW}/{{code}}", response_class=HTMLResponse)
async def choose_place_page(
    request: Request, code: str, member: TeamMember, adress: str | None = None
) -> HTMLResponse:
    """From the menu: where. `adress` is the search typed; its hits each create the case there."""
    return await _place_page(request, member, code, adress)


@router.post(NEW, dependencies=[Depends(require_csrf)])
async def create_case(
    request: Request,
    member: TeamMember,
    case_type: Annotated[str, Form(max_length=60)],
    lon: Annotated[float, Form(ge=-180, le=180)],
    lat: Annotated[float, Form(ge=-90, le=90)],
    adress: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    if not is_case_type_code(case_type):
        raise PageNotFound
    try:
        with refusals_as_pages(request, back=NEW):
            created: dict[str, Any] = await member.json(
                "POST", "/cases", json={"case_type": case_type, "lon": lon, "lat": lat}
            )
    except CasesProblem as problem:
        if problem.status not in (409, 422):
            raise
        fields = problem.field_errors()
        key = next((ERROR_KEYS[field] for field in fields if field in ERROR_KEYS), "new_case.error.failed")
        error = translate(request, key)
        if adress is None:  # from a pin
            return await _type_page(request, member, lon, lat, error=error, status=problem.status)
        return await _place_page(request, member, case_type, adress, error=error, status=problem.status)
    return RedirectResponse(f"/arenden/{created['id']}?notis=created", status_code=303)


async def _type_page(
    request: Request,
    member: AsCaseUser,
    lon: float | None,
    lat: float | None,
    *,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    with refusals_as_pages(request):
        types: list[dict[str, Any]] = await member.json("GET", "/case-types")
    point = None if lon is None or lat is None else {"lon": lon, "lat": lat}
    place = await _place_at(request, member, point["lon"], point["lat"]) if point else None
    return render(
        request,
        "case_new_type.html",
        status,
        types=[item for item in types if is_case_type_code(item.get("code"))],
        point=point,
        place=place,
        other_dso=bool(
            place and place.get("grid_area") and place["grid_area"]["dso_id"] != member.user.dso_id
        ),
        error=error,
    )


async def _place_page(
    request: Request,
    member: AsCaseUser,
    code: str,
    typed: str | None,
    *,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    if not is_case_type_code(code):
        raise PageNotFound
    with refusals_as_pages(request):
        case_type: dict[str, Any] = await member.json("GET", f"/case-types/{code}")
    hits, search_error = await _search(request, member, typed)
    return render(
        request,
        "case_new_place.html",
        status,
        case_type=case_type,
        typed=(typed or "").strip(),
        hits=hits,
        search_error=search_error,
        error=error,
    )


async def _search(
    request: Request, member: AsCaseUser, typed: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Addresses matching what was typed, best first (GIS, as the user); a message instead when none."""
    if typed is None or not typed.strip():
        return [], None
    try:
        text = search_text(typed)
    except InvalidParameter:
        return [], translate(request, "new_case.search.too_long")
    gis: GisClient = request.app.state.gis
    try:
        hits = await gis.json(
            "GET", "/addresses/search", token=member.token, params={"q": text, "limit": SEARCH_HITS}
        )
    except (GisProblem, GisUnavailable):
        return [], translate(request, "new_case.search.unavailable")
    found = [hit for hit in hits or () if isinstance(hit, dict) and "lon" in hit and "lat" in hit]
    return found, None if found else translate(request, "new_case.search.none")


async def _place_at(request: Request, member: AsCaseUser, lon: float, lat: float) -> dict[str, Any] | None:
    """The address and grid area at the pin, to show where the case will be; nothing when GIS is silent
    (cases checks the point again anyway)."""
    gis: GisClient = request.app.state.gis
    try:
        found = await gis.json("GET", "/places/at", token=member.token, params={"lon": lon, "lat": lat})
    except (GisProblem, GisUnavailable):
        return None
    return found if isinstance(found, dict) else None

"""Team admin: add a resource to the team, or change one. Identity validates every field; its refusals are
shown next to the fields they name, with what was typed kept."""

import dataclasses
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityProblem
from gateway.domain.authorisations import in_order
from gateway.domain.resource_form import (
    FIELDS,
    LANGUAGES,
    ROLES,
    ResourceInput,
    error_keys,
)
from gateway.entrypoints.web.access import PageNotFound, TeamAdminIdentity, item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import AsUser
from gateway.entrypoints.web.rendering import language_of, render, translate
from gateway.entrypoints.web.resources import LIST_PAGE, team_path, team_resources

router = APIRouter(include_in_schema=False)
NEW_PAGE = f"{LIST_PAGE}/ny"


@router.get(NEW_PAGE, response_class=HTMLResponse)
async def new_resource_page(request: Request, identity: TeamAdminIdentity) -> HTMLResponse:
    return await _form(request, identity, None, ResourceInput(language=language_of(request)))


@router.post(NEW_PAGE, dependencies=[Depends(require_csrf)])
async def create_resource(request: Request, identity: TeamAdminIdentity) -> Response:
    values = await _typed(request)
    try:
        with refusals_as_pages(request, back=NEW_PAGE):
            await identity.json("POST", team_path(identity), json=values.for_create())
    except IdentityProblem as problem:
        return await _refused(request, identity, problem, None, values)
    return RedirectResponse(f"{LIST_PAGE}?notis=created", status_code=303)


@router.get(f"{LIST_PAGE}/{{resource_id}}", response_class=HTMLResponse)
async def edit_resource_page(request: Request, resource_id: str, identity: TeamAdminIdentity) -> HTMLResponse:
    return await _form(request, identity, item_id(resource_id), None)


@router.post(f"{LIST_PAGE}/{{resource_id}}", dependencies=[Depends(require_csrf)])
async def update_resource(request: Request, resource_id: str, identity: TeamAdminIdentity) -> Response:
    found = item_id(resource_id)
    values = await _typed(request)
    oneself = str(found) == identity.user.user_id
    try:
        with refusals_as_pages(request, back=f"{LIST_PAGE}/{found}"):
            await identity.json("PATCH", f"/resources/{found}", json=values.for_update(with_role=not oneself))
    except IdentityProblem as problem:
        return await _refused(request, identity, problem, found, values)
    return RedirectResponse(f"{LIST_PAGE}?notis=updated", status_code=303)


async def _typed(request: Request) -> ResourceInput:
    form = await request.form()
    text = {name: value for name in FIELDS if isinstance(value := form.get(name), str)}
    chosen = [value for value in form.getlist("authorisations") if isinstance(value, str)]
    return ResourceInput.from_form(text, chosen)


async def _refused(
    request: Request,
    identity: AsUser,
    problem: IdentityProblem,
    resource_id: uuid.UUID | None,
    values: ResourceInput,
) -> HTMLResponse:
    if problem.status not in (409, 422):
        raise problem
    keys = error_keys(problem.status, problem.field_errors()) or {"form": "resources.error.form"}
    errors = {field: translate(request, key) for field, key in keys.items()}
    return await _form(request, identity, resource_id, values, errors=errors, status=problem.status)


async def _form(
    request: Request,
    identity: AsUser,
    resource_id: uuid.UUID | None,
    values: ResourceInput | None,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The form for a new resource (no id), or for the resource with `resource_id`; `values` as typed,
    else the resource as identity has it."""
    resources = await team_resources(request, identity)
    resource: Mapping[str, Any] | None = None
    if resource_id is not None:
        # Identity has no GET /resources/{id}: the team's list is the way to one resource.
        resource = next((r for r in resources if r["id"] == str(resource_id)), None)
        if resource is None:
            raise PageNotFound
    if values is None:
        values = ResourceInput.of(resource) if resource is not None else ResourceInput()
    oneself = resource is not None and resource["id"] == identity.user.user_id
    if oneself and resource is not None:
        values = dataclasses.replace(values, role=resource["role"])  # not in the form: not to be changed
    return render(
        request,
        "team_resource_form.html",
        status,
        values=values,
        resource=resource,
        oneself=oneself,
        offered=await _team_authorisations(request, identity),
        roles=ROLES,
        languages_offered=LANGUAGES,
        errors=errors or {},
    )


async def _team_authorisations(request: Request, identity: AsUser) -> list[str]:
    """What the team is authorised for: a resource may be given these and no others."""
    with refusals_as_pages(request, back=LIST_PAGE):
        team: dict[str, Any] = await identity.json("GET", f"/teams/{identity.user.team_id}")
    return in_order(team["authorisations"])

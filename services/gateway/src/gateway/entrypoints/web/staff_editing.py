"""DSO admin: add a handler (or admin) to the DSO's staff, or change one. Identity validates every field;
its refusals are shown next to the fields they name, with what was typed kept."""

import dataclasses
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityProblem
from gateway.domain.language import LANGUAGES
from gateway.domain.staff_form import FIELDS, ROLES, StaffInput, error_keys
from gateway.entrypoints.web.access import DsoAdminIdentity, PageNotFound, item_id, refusals_as_pages
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import AsUser
from gateway.entrypoints.web.rendering import language_of, render, translate
from gateway.entrypoints.web.staff import LIST_PAGE, dso_path, dso_staff

router = APIRouter(include_in_schema=False)
NEW_PAGE = f"{LIST_PAGE}/ny"


@router.get(NEW_PAGE, response_class=HTMLResponse)
async def new_member_page(request: Request, identity: DsoAdminIdentity) -> HTMLResponse:
    return await _form(request, identity, None, StaffInput(language=language_of(request)))


@router.post(NEW_PAGE, dependencies=[Depends(require_csrf)])
async def create_member(request: Request, identity: DsoAdminIdentity) -> Response:
    values = await _typed(request)
    try:
        with refusals_as_pages(request, back=NEW_PAGE):
            await identity.json("POST", dso_path(identity), json=values.for_create())
    except IdentityProblem as problem:
        return await _refused(request, identity, problem, None, values)
    return RedirectResponse(f"{LIST_PAGE}?notis=created", status_code=303)


@router.get(f"{LIST_PAGE}/{{user_id}}", response_class=HTMLResponse)
async def edit_member_page(request: Request, user_id: str, identity: DsoAdminIdentity) -> HTMLResponse:
    return await _form(request, identity, item_id(user_id), None)


@router.post(f"{LIST_PAGE}/{{user_id}}", dependencies=[Depends(require_csrf)])
async def update_member(request: Request, user_id: str, identity: DsoAdminIdentity) -> Response:
    found = item_id(user_id)
    values = await _typed(request)
    oneself = str(found) == identity.user.user_id
    try:
        with refusals_as_pages(request, back=f"{LIST_PAGE}/{found}"):
            await identity.json("PATCH", f"/staff/{found}", json=values.for_update(with_role=not oneself))
    except IdentityProblem as problem:
        return await _refused(request, identity, problem, found, values)
    return RedirectResponse(f"{LIST_PAGE}?notis=updated", status_code=303)


async def _typed(request: Request) -> StaffInput:
    form = await request.form()
    return StaffInput.from_form({name: value for name in FIELDS if isinstance(value := form.get(name), str)})


async def _refused(
    request: Request,
    identity: AsUser,
    problem: IdentityProblem,
    user_id: uuid.UUID | None,
    values: StaffInput,
) -> HTMLResponse:
    if problem.status not in (409, 422):
        raise problem
    keys = error_keys(problem.status, problem.field_errors()) or {"form": "staff.error.form"}
    errors = {field: translate(request, key) for field, key in keys.items()}
    return await _form(request, identity, user_id, values, errors=errors, status=problem.status)


async def _form(
    request: Request,
    identity: AsUser,
    user_id: uuid.UUID | None,
    values: StaffInput | None,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The form for a new staff member (no id), or for the one with `user_id`; `values` as typed, else the
    member as identity has them."""
    member: Mapping[str, Any] | None = None
    if user_id is not None:
        # Identity has no GET /staff/{id}: the DSO's list is the way to one member.
        member = next((m for m in await dso_staff(request, identity) if m["id"] == str(user_id)), None)
        if member is None:
            raise PageNotFound
    if values is None:
        values = StaffInput.of(member) if member is not None else StaffInput()
    oneself = member is not None and member["id"] == identity.user.user_id
    if member is not None:
        # The login is not changed here; one's own role is not offered (a DSO keeps an admin).
        values = dataclasses.replace(values, email=member["email"])
        if oneself:
            values = dataclasses.replace(values, role=member["role"])
    return render(
        request,
        "dso_staff_form.html",
        status,
        values=values,
        member=member,
        oneself=oneself,
        roles=ROLES,
        languages_offered=LANGUAGES,
        errors=errors or {},
    )

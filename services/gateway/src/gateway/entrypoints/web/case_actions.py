"""Steps on a sent case. The team's: the completion notice ("färdiganmälan", its own mandatory fields),
"Klar för mätare" and "Makulera"; the DSO's: planning, execution, rejection (with a reason), closing and
archiving. Cases decides which are allowed now for whom (`allowed_transitions`); one that is no longer
allowed (the other side moved the case meanwhile) shows the case as it is now, saying so."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem
from gateway.domain.case_form import typed_values, values_from_form
from gateway.domain.case_list import STATUSES
from gateway.domain.case_missing import beyond_missing, missing_of
from gateway.entrypoints.web.access import PageNotFound, item_id, refusals_as_pages
from gateway.entrypoints.web.case_page import Shown, case_path, show_case
from gateway.entrypoints.web.cases_calls import CaseUser, TeamMember
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.draft_editing import version_of
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)


@router.post("/arenden/{case_id}/status", dependencies=[Depends(require_csrf)])
async def move(
    request: Request,
    case_id: str,
    member: CaseUser,
    to_status: Annotated[str, Form(max_length=40)],
    version: Annotated[str, Form(max_length=12)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    found = item_id(case_id)
    if to_status not in STATUSES:
        raise PageNotFound
    body: dict[str, object] = {"version": version_of(version), "to_status": to_status}
    if reason.strip():
        body["reason"] = reason.strip()
    try:
        with refusals_as_pages(request, back=case_path(found)):
            await member.json("POST", f"/cases/{found}/transitions", json=body)
    except CasesProblem as problem:
        if problem.status == 409:
            shown = Shown(status=409, message=translate(request, "case.error.not_allowed_now"))
            return await show_case(request, member, found, shown)
        if problem.status != 422:
            raise
        shown = Shown(status=422, reason_error=translate(request, "case.error.reason"))
        return await show_case(request, member, found, shown)
    return RedirectResponse(f"{case_path(found)}?notis=status", status_code=303)


@router.post("/arenden/{case_id}/fardiganmalan", dependencies=[Depends(require_csrf)])
async def completion_notice(request: Request, case_id: str, member: TeamMember) -> Response:
    found = item_id(case_id)
    form = await request.form()
    text = {name: value for name, value in form.multi_items() if isinstance(value, str)}
    body = {"version": version_of(text.get("version")), "values": values_from_form(text)}
    try:
        with refusals_as_pages(request, back=case_path(found)):
            await member.json("POST", f"/cases/{found}/completion-notice", json=body)
    except CasesProblem as problem:
        if problem.status == 409:
            shown = Shown(status=409, message=translate(request, "case.error.not_allowed_now"))
            return await show_case(request, member, found, shown)
        if problem.status != 422:
            raise
        missing = missing_of(problem.body)
        shown = Shown(
            status=422,
            notice_typed=typed_values(text),
            notice_missing=missing,
            notice_error_paths=beyond_missing(problem.field_errors(), missing),
        )
        return await show_case(request, member, found, shown)
    return RedirectResponse(f"{case_path(found)}?notis=completion", status_code=303)

"""The DSO's handling of a case on its page: taking it, giving it to a colleague, or back to the queue."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.case_page import Shown, case_path, show_case
from gateway.entrypoints.web.cases_calls import DsoStaff
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.draft_editing import version_of
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)


@router.post("/arenden/{case_id}/handlaggare", dependencies=[Depends(require_csrf)])
async def assign(
    request: Request,
    case_id: str,
    member: DsoStaff,
    handler_id: Annotated[str, Form(max_length=40)] = "",
    version: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    """`handler_id`: a colleague's id, `me`, or empty for the unassigned queue."""
    found = item_id(case_id)
    handler = (
        member.user.user_id if handler_id == "me" else (str(item_id(handler_id)) if handler_id else None)
    )
    body = {"version": version_of(version), "handler_id": handler}
    try:
        with refusals_as_pages(request, back=case_path(found)):
            await member.json("PUT", f"/cases/{found}/handler", json=body)
    except CasesProblem as problem:
        if problem.status not in (409, 422):
            raise
        key = "case.error.not_allowed_now" if problem.status == 409 else "case.handling.error_handler"
        return await show_case(
            request, member, found, Shown(status=problem.status, message=translate(request, key))
        )
    return RedirectResponse(f"{case_path(found)}?notis=assigned", status_code=303)

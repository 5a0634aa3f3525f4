"""DSO admin: approve a team application (identity creates the team and mails its administrator) or
reject it with a reason (mailed to the applicant). A decision already taken is said plainly."""

import uuid

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.identity_client import IdentityProblem
from gateway.entrypoints.web.access import DsoAdminIdentity, item_id, refusals_as_pages
from gateway.entrypoints.web.applications import details_page
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)

MAX_REASON = 2000  # identity's limit; the form says so before identity has to


@router.post("/dso/ansokningar/{application_id}/godkann", dependencies=[Depends(require_csrf)])
async def approve(request: Request, application_id: str, identity: DsoAdminIdentity) -> Response:
    found = item_id(application_id)
    try:
        with refusals_as_pages(request, back=_page(found)):
            await identity.json("POST", f"/team-applications/{found}/approve")
    except IdentityProblem as problem:
        if problem.status != 409:
            raise
        errors = {"decision": _conflict(request, problem)}
        return await details_page(request, identity, found, status=409, errors=errors)
    return RedirectResponse(f"{_page(found)}?notis=approved", status_code=303)


@router.post("/dso/ansokningar/{application_id}/avsla", dependencies=[Depends(require_csrf)])
async def reject(request: Request, application_id: str, identity: DsoAdminIdentity) -> Response:
    found = item_id(application_id)
    reason = str((await request.form()).get("reason") or "").strip()
    if not 1 <= len(reason) <= MAX_REASON:
        errors = {"reason": translate(request, "applications.reason_required", max=MAX_REASON)}
        return await details_page(request, identity, found, status=422, errors=errors, reason=reason)
    try:
        with refusals_as_pages(request, back=_page(found)):
            await identity.json("POST", f"/team-applications/{found}/reject", json={"reason": reason})
    except IdentityProblem as problem:
        if problem.status == 409:
            errors = {"decision": _conflict(request, problem)}
        elif problem.status == 422:
            errors = {"reason": translate(request, "applications.reason_required", max=MAX_REASON)}
        else:
            raise
        return await details_page(
            request, identity, found, status=problem.status, errors=errors, reason=reason
        )
    return RedirectResponse(f"{_page(found)}?notis=rejected", status_code=303)


def _page(application_id: uuid.UUID) -> str:
    return f"/dso/ansokningar/{application_id}"


def _conflict(request: Request, problem: IdentityProblem) -> str:
    """Why identity could not decide: already decided, or the team or its admin exists already."""
    fields = problem.field_errors()
    if "contact_email" in fields:
        return translate(request, "applications.conflict.contact_email")
    if "organisation_number" in fields:
        return translate(request, "applications.conflict.organisation_number")
    decided = problem.body.get("application_status")
    if decided in ("approved", "rejected"):
        return translate(request, f"applications.conflict.already_{decided}")
    return translate(request, "applications.conflict.other")

"""A draft's form and its buttons: "Spara utkast", "Hämta anl-data", "Kopiera från ägare", "Ladda upp",
"Ta bort" (an attachment) and "Skicka". They are one form, so every button first saves what was typed
(nothing typed is lost to another button), then a chosen file is uploaded, then the button's own step
runs with the version the save answered. Successes redirect (a reload repeats nothing); refusals show the
form again with the reason beside what it concerns."""

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem
from gateway.domain.case_form import typed_values, values_from_form
from gateway.domain.case_missing import beyond_missing, missing_of
from gateway.domain.facility_fetch import facility_lookup
from gateway.domain.navigation import is_case_type_code
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.case_attachments import UploadRefused, attachment_id, chosen_file, relay_upload
from gateway.entrypoints.web.case_page import Shown, case_path, read_case, show_case
from gateway.entrypoints.web.cases_calls import AsCaseUser, TeamMember
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)

FETCH_ERRORS = {404: "case.fetch.error.unknown", 422: "case.fetch.error.invalid"}


def version_of(text: str | None) -> int:
    """The version the form was read at; anything else is 0, which cases refuses as stale."""
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else 0


def done(case_id: uuid.UUID, notice: str, changed: list[str] | None = None) -> RedirectResponse:
    """The case's page saying what was done; the fields a fetch or copy changed are kept in the address."""
    params = {"notis": notice}
    if changed is not None:
        params["andrade"] = ",".join(name for name in changed if is_case_type_code(name))
    return RedirectResponse(f"{case_path(case_id)}?{urlencode(params, safe=',')}", status_code=303)


@router.post("/arenden/{case_id}", dependencies=[Depends(require_csrf)])
async def draft_form(request: Request, case_id: str, member: TeamMember) -> Response:
    found = item_id(case_id)
    form = await request.form()
    text = {name: value for name, value in form.multi_items() if isinstance(value, str)}
    action = text.get("action", "save")
    fetch = {key: text.get(f"fetch_{key}", "") for key in ("by", "number", "overwrite")}
    back = case_path(found)

    # 1. What was typed is saved, whichever button was pressed.
    try:
        with refusals_as_pages(request, back=back):
            case: dict[str, Any] = await member.json(
                "PATCH",
                f"/cases/{found}",
                json={"version": version_of(text.get("version")), "values": values_from_form(text)},
            )
    except CasesProblem as problem:
        if problem.status == 409:
            return await _conflict(request, member, found)
        if problem.status != 422:
            raise
        shown = Shown(
            status=422,
            error_paths=tuple(problem.field_errors()),
            typed=typed_values(text),
            version=version_of(text.get("version")),
            fetch=fetch,
        )
        return await show_case(request, member, found, shown)

    # 2. A chosen file goes up with any button.
    upload = chosen_file(form.get("file"))
    if upload is not None:
        try:
            await relay_upload(request, member, found, upload, text.get("category") or None)
        except UploadRefused as refused:
            shown = Shown(status=refused.status, upload_error=translate(request, refused.key), fetch=fetch)
            return await show_case(request, member, found, shown)
        case = await read_case(request, member, found)  # the upload may have moved the version on
    elif action == "upload":
        shown = Shown(status=422, upload_error=translate(request, "case.upload.error.none"), fetch=fetch)
        return await show_case(request, member, found, shown, case)

    # 3. The button's own step.
    try:
        with refusals_as_pages(request, back=back):
            return await _step(request, member, found, case, action, text, fetch)
    except CasesProblem as problem:
        if problem.status == 409:
            return await _conflict(request, member, found)
        raise


async def _step(
    request: Request,
    member: AsCaseUser,
    found: uuid.UUID,
    case: dict[str, Any],
    action: str,
    text: dict[str, str],
    fetch: dict[str, str],
) -> Response:
    version = {"version": case["version"]}
    if remove := text.get("remove_attachment"):
        await member.call("DELETE", f"/cases/{found}/attachments/{attachment_id(remove)}")
        return done(found, "removed")
    if action == "fetch":
        return await _fetch(request, member, found, case, fetch)
    if action == "copy_owner":
        copied = await member.json("POST", f"/cases/{found}/copy-owner-to-payer", json=version)
        return done(found, "copied", list(copied.get("changed_fields") or []))
    if action == "submit":
        try:
            await member.json("POST", f"/cases/{found}/submit", json=version)
        except CasesProblem as problem:
            if problem.status != 422:
                raise
            missing = missing_of(problem.body)
            shown = Shown(
                status=422,
                missing=missing,
                error_paths=beyond_missing(problem.field_errors(), missing),
                fetch=fetch,
            )
            return await show_case(request, member, found, shown, case)
        return done(found, "submitted")
    return done(found, "uploaded" if action == "upload" else "saved")


async def _fetch(
    request: Request, member: AsCaseUser, found: uuid.UUID, case: dict[str, Any], fetch: dict[str, str]
) -> Response:
    """ "Hämta anl-data": the facility's and its customer's data by EAN or meter number."""
    lookup = facility_lookup(fetch["by"], fetch["number"], fetch["overwrite"])
    if lookup is None:
        shown = Shown(status=422, fetch=fetch, fetch_error=translate(request, "case.fetch.error.empty"))
        return await show_case(request, member, found, shown, case)
    try:
        answer = await member.json(
            "POST", f"/cases/{found}/facility-data", json={"version": case["version"], **lookup}
        )
    except CasesProblem as problem:
        if problem.status not in FETCH_ERRORS:
            raise
        # Unknown number (404) is no missing page here: nothing changed, and the form says so.
        shown = Shown(
            status=problem.status, fetch=fetch, fetch_error=translate(request, FETCH_ERRORS[problem.status])
        )
        return await show_case(request, member, found, shown)
    return done(found, "fetched", list(answer.get("changed_fields") or []))


async def _conflict(request: Request, member: AsCaseUser, found: uuid.UUID) -> HTMLResponse:
    """Someone else changed the case (or sent it) since this form was read: the case as it is now."""
    shown = Shown(status=409, message=translate(request, "case.error.conflict"))
    return await show_case(request, member, found, shown)


@router.post("/arenden/{case_id}/radera", dependencies=[Depends(require_csrf)])
async def delete_draft(
    request: Request, case_id: str, member: TeamMember, version: str = Form("")
) -> Response:
    found = item_id(case_id)
    try:
        with refusals_as_pages(request, back=case_path(found)):
            await member.call("DELETE", f"/cases/{found}", params={"version": version_of(version)})
    except CasesProblem as problem:
        if problem.status != 409:
            raise
        return await _conflict(request, member, found)
    return RedirectResponse("/utkast?notis=deleted", status_code=303)

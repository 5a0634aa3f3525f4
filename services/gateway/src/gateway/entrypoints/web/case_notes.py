"""The notes chat on a sent case (`/arenden/{id}/anteckningar`), for the team and the DSO alike: writing a
note, and the thread alone as a fragment, which an open page fetches when the live stream says a note came
(showing it marks it read, as the whole page does)."""

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem
from gateway.domain.local_time import local_time
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.case_page import Shown, case_path, read_notes, show_case
from gateway.entrypoints.web.cases_calls import CaseUser
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import language_of, render, translate

router = APIRouter(include_in_schema=False)
MAX_NOTE_LENGTH = 4000


@router.get("/arenden/{case_id}/anteckningar", response_class=HTMLResponse)
async def thread(request: Request, case_id: str, member: CaseUser) -> HTMLResponse:
    found = item_id(case_id)
    notes = await read_notes(request, member, found)
    return render(
        request,
        "_case_notes_thread.html",
        notes=notes,
        when=partial(local_time, language=language_of(request)),
    )


@router.post("/arenden/{case_id}/anteckningar", dependencies=[Depends(require_csrf)])
async def write(
    request: Request,
    case_id: str,
    member: CaseUser,
    body: Annotated[str, Form(max_length=MAX_NOTE_LENGTH + 200)] = "",
) -> Response:
    found = item_id(case_id)
    try:
        with refusals_as_pages(request, back=case_path(found)):
            await member.json("POST", f"/cases/{found}/notes", json={"body": body})
    except CasesProblem as problem:
        if problem.status not in (409, 422):
            raise
        key = "case.notes.error_closed" if problem.status == 409 else "case.notes.error_empty"
        shown = Shown(status=problem.status, note_error=translate(request, key), note_typed=body)
        return await show_case(request, member, found, shown)
    return RedirectResponse(f"{case_path(found)}?notis=note#anteckningar", status_code=303)

"""A case's attachments: uploads relayed to cases (which judges the content: PDF, PNG or JPEG, 20 MB), and
downloads relayed back, shown by the browser's own viewer with no script and no framing."""

import re
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile as ReceivedFile

from gateway.adapters.cases_client import CasesProblem
from gateway.entrypoints.web.access import PageNotFound, item_id, refusals_as_pages
from gateway.entrypoints.web.case_page import Shown, case_path, show_case
from gateway.entrypoints.web.cases_calls import AsCaseUser, CaseUser, TeamMember
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.relayed_files import relayed_file
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)

# Cases refuses more than 20 MB; the gateway only spares itself relaying what is far beyond that.
RELAY_LIMIT_BYTES = 25 * 1024 * 1024
UPLOAD_ERRORS = {413: "case.upload.error.too_large", 422: "case.upload.error.type"}
ATTACHMENT_ID = re.compile(r"[A-Za-z0-9-]{1,64}")  # a piece of cases' path: no slashes, no dots


def attachment_id(value: str) -> str:
    """An attachment's id from the address or a form; anything else is a page that does not exist."""
    if not ATTACHMENT_ID.fullmatch(value):
        raise PageNotFound
    return value


class UploadRefused(Exception):
    """Cases (or the gateway) refused the file; `key` is the text saying why."""

    def __init__(self, key: str, status: int) -> None:
        super().__init__(key)
        self.key, self.status = key, status


def chosen_file(upload: object) -> ReceivedFile | None:
    """The form's file, or None when none was chosen (browsers send an empty, nameless part). Starlette's
    class: what `request.form()` gives is not FastAPI's subclass."""
    if isinstance(upload, ReceivedFile) and upload.filename:
        return upload
    return None


async def relay_upload(
    request: Request, member: AsCaseUser, case_id: uuid.UUID, upload: ReceivedFile, category: str | None
) -> None:
    """The file to cases, tagged with the required attachment it is (if any); UploadRefused if refused."""
    if upload.size is not None and upload.size > RELAY_LIMIT_BYTES:
        raise UploadRefused(UPLOAD_ERRORS[413], 413)
    content = await upload.read(RELAY_LIMIT_BYTES + 1)
    if len(content) > RELAY_LIMIT_BYTES:
        raise UploadRefused(UPLOAD_ERRORS[413], 413)
    files = {"file": (upload.filename, content, upload.content_type or "application/octet-stream")}
    try:
        with refusals_as_pages(request, back=case_path(case_id)):
            await member.call(
                "POST",
                f"/cases/{case_id}/attachments",
                files=files,
                data={"category": category} if category else None,
            )
    except CasesProblem as problem:
        if problem.status not in UPLOAD_ERRORS:
            raise
        raise UploadRefused(UPLOAD_ERRORS[problem.status], problem.status) from None


@router.post("/arenden/{case_id}/bilagor", dependencies=[Depends(require_csrf)])
async def upload(
    request: Request,
    case_id: str,
    member: TeamMember,
    file: Annotated[UploadFile | None, Form()] = None,
    category: Annotated[str | None, Form(max_length=60)] = None,
) -> Response:
    """An attachment to a sent case (a draft's form uploads with its other buttons, see draft_editing)."""
    found = item_id(case_id)
    chosen = chosen_file(file)
    if chosen is None:
        shown = Shown(status=422, upload_error=translate(request, "case.upload.error.none"))
        return await show_case(request, member, found, shown)
    try:
        await relay_upload(request, member, found, chosen, category or None)
    except UploadRefused as refused:
        shown = Shown(status=refused.status, upload_error=translate(request, refused.key))
        return await show_case(request, member, found, shown)
    return RedirectResponse(f"{case_path(found)}?notis=uploaded", status_code=303)


@router.get("/arenden/{case_id}/bilagor/{file_id}")
async def download(request: Request, case_id: str, file_id: str, member: CaseUser) -> Response:
    path = f"/cases/{item_id(case_id)}/attachments/{attachment_id(file_id)}"
    with refusals_as_pages(request):
        found = await member.call("GET", path)
    return relayed_file(found)

"""HTTP: a group's Excel template, an import of a filled one, and one address added by hand. The owning
team's members only: the DSO is told it may not (403); anyone else learns nothing (404)."""

import asyncio
import uuid

from fastapi import APIRouter, Request, Response, status
from starlette.datastructures import UploadFile

from projects.adapters.excel_template import template_workbook
from projects.adapters.excel_texts import Language
from projects.adapters.excel_upload import MAX_FILE_BYTES, UploadRejected, read_upload
from projects.domain.imports import RowValues, filled
from projects.entrypoints.api.deps import AddressesService, CaseTypesService, CurrentActor, Now, Sealing, Uow
from projects.entrypoints.api.downloads import XLSX, xlsx_download
from projects.entrypoints.api.job_schemas import AddressIn
from projects.entrypoints.api.problems import answered_as_problems
from projects.entrypoints.api.row_problems import (
    PayloadTooLarge,
    rows_problem,
    upload_problem,
    values_problem,
)
from projects.entrypoints.api.schemas import JobOut
from projects.service_layer.imports import RowsInvalid, group_form, import_rows
from servicekit.problems import invalid_field
from servicekit.uploads import BodyTooLarge, read_form
from servicekit.uploads import read_upload as read_file

router = APIRouter(tags=["imports"])
_LANGUAGES: dict[str, Language] = {"sv": "sv", "da": "da", "en": "en"}
_GROUP = "/projects/{project_id}/groups/{group_id}"


@router.get(f"{_GROUP}/template", response_class=Response, responses={200: {"content": {XLSX: {}}}})
async def template(
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    request: Request,
    actor: CurrentActor,
    uow: Uow,
    case_types: CaseTypesService,
) -> Response:
    """The group's case type as an Excel template, labelled in the caller's language."""
    with answered_as_problems(request, actor):
        form = await group_form(uow, case_types, actor, project_id, group_id)
    content = await asyncio.to_thread(
        template_workbook,
        form.columns,
        language=_LANGUAGES.get(actor.language, "sv"),
        case_type_label=form.type_name,
        group_name=form.group.name,
    )
    return xlsx_download(content, form.project.name, form.group.name)


@router.post(
    f"{_GROUP}/imports",
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            }
        }
    },
)
async def import_file(
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    request: Request,
    actor: CurrentActor,
    uow: Uow,
    case_types: CaseTypesService,
    addresses: AddressesService,
    seal: Sealing,
    now: Now,
) -> JobOut:
    """A filled template: every row checked, then one case created and sent per row, or none at all."""
    with answered_as_problems(request, actor):
        form = await group_form(uow, case_types, actor, project_id, group_id, importing=True)
    data = await _uploaded(request)
    try:
        # Parsing 10,000 rows is CPU: off the event loop, so other requests go on meanwhile.
        upload = await asyncio.to_thread(read_upload, data, form.columns)
    except UploadRejected as rejected:
        raise upload_problem(rejected) from None
    rows = [RowValues(row.row_number, filled(row.values)) for row in upload.rows]
    with answered_as_problems(request, actor):
        try:
            job = await import_rows(
                uow, actor, form, rows, case_types=case_types, addresses=addresses, seal=seal, now=now
            )
        except RowsInvalid as invalid:
            raise rows_problem(invalid.errors, upload.letters) from None
    return JobOut.of(job)


@router.post(f"{_GROUP}/addresses", status_code=status.HTTP_202_ACCEPTED)
async def add_address(
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    body: AddressIn,
    request: Request,
    actor: CurrentActor,
    uow: Uow,
    case_types: CaseTypesService,
    addresses: AddressesService,
    seal: Sealing,
    now: Now,
) -> JobOut:
    """One address with its case's values: checked as an import's row, then a job of one case."""
    with answered_as_problems(request, actor):
        form = await group_form(uow, case_types, actor, project_id, group_id)
        try:
            job = await import_rows(
                uow,
                actor,
                form,
                [RowValues(1, filled(body.values))],
                case_types=case_types,
                addresses=addresses,
                seal=seal,
                now=now,
                exclusive=False,
            )
        except RowsInvalid as invalid:
            raise values_problem(invalid.errors) from None
    return JobOut.of(job)


async def _uploaded(request: Request) -> bytes:
    too_large = PayloadTooLarge(f"the file may be at most {MAX_FILE_BYTES // 2**20} MB", code="too_large")
    try:
        form = await read_form(request, max_body_bytes=MAX_FILE_BYTES + 64 * 1024, max_fields=3)
    except BodyTooLarge:
        raise too_large from None
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise invalid_field("file", "attach the filled-in Excel template (.xlsx)")
    content, over = await read_file(file, MAX_FILE_BYTES)
    if over:
        raise too_large
    return content

"""HTTP: files on a case: upload (content-checked, size-capped), download, remove from a draft."""

import uuid
from urllib.parse import quote

from fastapi import APIRouter, Request, Response, status
from starlette.datastructures import UploadFile

from cases.domain.attachments import MAX_ATTACHMENT_BYTES
from cases.entrypoints.api.case_out import AttachmentOut
from cases.entrypoints.api.deps import CurrentActor, Now, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.attachments import attach_file, attachment_file, remove_attachment
from servicekit.files import download_name
from servicekit.problems import NotFound, Problem, invalid_field
from servicekit.uploads import BodyTooLarge, read_form, read_upload

router = APIRouter(tags=["attachments"])
_MB = MAX_ATTACHMENT_BYTES // (1024 * 1024)


class PayloadTooLarge(Problem):
    status, title, slug = 413, "Payload too large", "payload-too-large"


@router.post(
    "/cases/{case_id}/attachments",
    status_code=status.HTTP_201_CREATED,
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {
                                "type": "string",
                                "format": "binary",
                                "description": f"PDF, PNG or JPEG, ≤ {_MB} MB",
                            },
                            "category": {"type": "string", "description": "the required attachment it is"},
                        },
                    }
                }
            }
        }
    },
)
async def upload(
    request: Request, case_id: uuid.UUID, actor: CurrentActor, uow: UowFactory, now: Now
) -> AttachmentOut:
    too_large = PayloadTooLarge(f"an attachment may be at most {_MB} MB", errors=[])
    try:
        form = await read_form(request, max_body_bytes=MAX_ATTACHMENT_BYTES + 64 * 1024, max_fields=5)
    except BodyTooLarge:
        raise too_large from None
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise invalid_field("file", "attach a file (PDF, PNG or JPEG)")
    content, over = await read_upload(file, MAX_ATTACHMENT_BYTES)
    if over:
        raise too_large
    category = form.get("category")
    with answered_as_problems(request, actor):
        attachment = await attach_file(
            uow(),
            actor,
            case_id,
            file_name=file.filename or "attachment",
            content=content,
            category=category if isinstance(category, str) and category else None,
            now=now,
        )
    return AttachmentOut(
        id=attachment.id,
        file_name=attachment.file_name,
        content_type=attachment.content_type,
        size=attachment.size,
        category=attachment.category,
        uploaded_at=attachment.uploaded_at,
    )


@router.get("/cases/{case_id}/attachments/{attachment_id}")
async def download(
    request: Request, case_id: uuid.UUID, attachment_id: uuid.UUID, actor: CurrentActor, uow: UowFactory
) -> Response:
    with answered_as_problems(request, actor):
        found = await attachment_file(uow(), actor, case_id, attachment_id)
    if found is None:
        raise NotFound("no attachment with this id on the case")
    attachment, content = found
    name = quote(download_name(attachment.file_name, attachment.content_type))
    return Response(
        content,
        media_type=attachment.content_type,
        headers={
            "content-disposition": f"attachment; filename*=UTF-8''{name}",
            "x-content-type-options": "nosniff",
        },
    )


@router.delete("/cases/{case_id}/attachments/{attachment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove(
    request: Request, case_id: uuid.UUID, attachment_id: uuid.UUID, actor: CurrentActor, uow: UowFactory
) -> Response:
    with answered_as_problems(request, actor):
        removed = await remove_attachment(uow(), actor, case_id, attachment_id)
    if not removed:
        raise NotFound("no attachment with this id on the case")
    return Response(status_code=status.HTTP_204_NO_CONTENT)

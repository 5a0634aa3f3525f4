"""Reading multipart forms with uploads without letting a client make us read or hold too much.

A declared body beyond the limit is refused before a byte of it is read; an undeclared (chunked) one
is cut off where it crosses the limit. Files are spooled by Starlette (memory up to 1 MB, then disk)
and read back in chunks, stopping just past the size allowed.
"""

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.types import Message, Receive

CHUNK_BYTES = 64 * 1024


class BodyTooLarge(Exception):
    """The request body is larger than anything this form can legitimately be."""


async def read_form(request: Request, *, max_body_bytes: int, max_fields: int = 50) -> FormData:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_body_bytes:
        raise BodyTooLarge
    limited = Request(request.scope, _limited(request.receive, max_body_bytes))
    # Text fields are short; 16 KiB each is generous and keeps a field from being a hidden upload.
    return await limited.form(max_files=1, max_fields=max_fields, max_part_size=16 * 1024)


async def read_upload(upload: UploadFile, limit: int) -> tuple[bytes, bool]:
    """The file's content and False; or nothing and True once it proves longer than `limit`."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            return b"", True
        chunks.append(chunk)
    return b"".join(chunks), False


def _limited(receive: Receive, limit: int) -> Receive:
    received = 0

    async def receive_within_limit() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge
        return message

    return receive_within_limit

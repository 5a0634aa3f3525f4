"""An uploaded file a service holds (a certificate, a case attachment) shown to the browser: inline, under
the name its service gave it, never sniffed, never cached, and unable to run anything."""

import httpx
from fastapi.responses import Response

from gateway.domain.team_applications import inline_disposition

# A PDF or an image may render; nothing in it may script, load, submit or be framed elsewhere.
UPLOADED_FILE_POLICY = (
    "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def relayed_file(found: httpx.Response) -> Response:
    return Response(
        found.content,
        media_type=found.headers.get("content-type", "application/octet-stream"),
        headers={
            "content-disposition": inline_disposition(found.headers.get("content-disposition")),
            "x-content-type-options": "nosniff",
            "content-security-policy": UPLOADED_FILE_POLICY,
            "cache-control": "private, no-store",
        },
    )

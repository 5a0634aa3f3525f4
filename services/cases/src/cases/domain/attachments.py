"""What may be attached to a case: PDF and images, judged by content, up to a size a site plan needs."""

import hashlib
import uuid
from datetime import datetime

from cases.domain.records import Attachment

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS_PER_CASE = 50


class CaseTakesNoFiles(ValueError):
    """A finished case is as it was decided: nothing is added to it."""


class AttachmentRefused(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def new_attachment(
    case_id: uuid.UUID,
    *,
    file_name: str,
    content_type: str | None,
    content: bytes,
    category: str | None,
    categories: tuple[str, ...],
    already: int,
    by: uuid.UUID,
    at: datetime,
) -> Attachment:
    """`content_type` as the bytes say (None: neither PDF, PNG nor JPEG); `categories`: the required
    attachments of the case's type, the only tags an attachment may carry."""
    if content_type is None:
        raise AttachmentRefused("file", "must be a PDF, PNG or JPEG file")
    if not content:
        raise AttachmentRefused("file", "is empty")
    if category is not None and category not in categories:
        allowed = ", ".join(categories) or "none for this case type"
        raise AttachmentRefused("category", f"must be one of {allowed}")
    if already >= MAX_ATTACHMENTS_PER_CASE:
        raise AttachmentRefused("file", f"a case holds at most {MAX_ATTACHMENTS_PER_CASE} attachments")
    return Attachment(
        case_id=case_id,
        file_name=file_name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=by,
        uploaded_at=at,
        category=category,
    )

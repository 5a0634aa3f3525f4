"""An authorisation certificate ("Auktorisationsbevis") as uploaded with a team application.

Its type is decided by the file's first bytes, never by its name or the type the browser declared:
an .exe renamed .pdf is still an .exe.
"""

import hashlib
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
_MAX_NAME = 255


def sniff_content_type(content: bytes) -> str | None:
    """PDF, PNG or JPEG as the bytes themselves say; None for anything else."""
    return next((media_type for magic, media_type in _MAGIC if content.startswith(magic)), None)


def clean_file_name(name: str) -> str:
    """The uploaded name without any path or control characters (it is shown and served back)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return printable[:_MAX_NAME] or "certificate"


@dataclass(frozen=True)
class Certificate:
    file_name: str
    content_type: str
    size: int
    sha256: str
    content: bytes
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    uploaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def of(cls, file_name: str, content: bytes, content_type: str, at: datetime) -> "Certificate":
        return cls(
            file_name=clean_file_name(file_name),
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_at=at,
        )

    @property
    def download_name(self) -> str:
        """The name to save it under, with the extension of what it really is."""
        extensions = EXTENSIONS.get(self.content_type, ("",))
        name = self.file_name
        if name.lower().endswith(extensions):
            return name
        return (name.rsplit(".", 1)[0] if "." in name else name) + extensions[0]

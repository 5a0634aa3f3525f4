"""An authorisation certificate ("Auktorisationsbevis") as uploaded with a team application.

Its type is decided by the file's first bytes, never by its name or the type the browser declared:
an .exe renamed .pdf is still an .exe.
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from servicekit.files import clean_file_name, download_name


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
            file_name=clean_file_name(file_name, "certificate"),
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_at=at,
        )

    @property
    def download_name(self) -> str:
        """The name to save it under, with the extension of what it really is."""
        return download_name(self.file_name, self.content_type)

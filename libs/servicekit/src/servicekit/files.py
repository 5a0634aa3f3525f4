"""Uploaded files judged by their content: PDF, PNG or JPEG as the first bytes say, never by the name or
the type the browser declared (an .exe renamed .pdf is still an .exe). Pure: domains may use it."""

import unicodedata

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
_MAX_NAME = 255


def sniff_content_type(content: bytes) -> str | None:
    """PDF, PNG or JPEG as the bytes themselves say; None for anything else."""
    return next((media_type for magic, media_type in _MAGIC if content.startswith(magic)), None)


def clean_file_name(name: str, fallback: str = "file") -> str:
    """The uploaded name without any path or control characters (it is shown and served back)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return printable[:_MAX_NAME] or fallback


def download_name(file_name: str, content_type: str) -> str:
    """The name to save a file under, with the extension of what it really is."""
    extensions = EXTENSIONS.get(content_type, ("",))
    if file_name.lower().endswith(extensions):
        return file_name
    return (file_name.rsplit(".", 1)[0] if "." in file_name else file_name) + extensions[0]

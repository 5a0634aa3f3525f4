"""Workbooks answered as downloads, named for what they hold."""

from urllib.parse import quote

from fastapi import Response

from servicekit.files import clean_file_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(content: bytes, *names: str) -> Response:
    """`names` joined by an en dash into the file name; a slash in a name makes no folder."""
    name = clean_file_name(" – ".join(names).replace("/", "-") + ".xlsx", "workbook.xlsx")
    # An ASCII fallback for old clients, the real name (å, æ, ø) for the rest (RFC 6266).
    fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(
        content,
        media_type=XLSX,
        headers={
            "content-disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}",
            "x-content-type-options": "nosniff",
        },
    )

""" "Registrera & administrera team" → "Registrera nytt team": the application form, sent to identity,
which validates every field (the form shows identity's messages next to the fields they name)."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from gateway.adapters.identity_client import IdentityProblem
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import identity_client
from gateway.entrypoints.web.rendering import language_of, render, translate

router = APIRouter(include_in_schema=False)

TEXT_FIELDS = (
    "dso_id", "company_name", "organisation_number", "personal_number", "street", "postcode", "city",
    "contact_name", "contact_email", "contact_mobile",
)  # fmt: skip
AUTHORISATIONS = ("electricity", "district_heating", "biogas")
MAX_UPLOAD_BYTES = 11 * 1024 * 1024  # identity refuses beyond 10 MB with a message; this stops floods


@router.get("/registrera-team", response_class=HTMLResponse)
async def registration_page(request: Request) -> HTMLResponse:
    return await _form(request, values={}, errors={})


@router.post("/registrera-team", dependencies=[Depends(require_csrf)])
async def register_team(request: Request) -> Response:
    if int(request.headers.get("content-length") or 0) > MAX_UPLOAD_BYTES:
        errors = {"certificate": translate(request, "register.file_too_large")}
        return await _form(request, values={}, errors=errors, status=413)
    form = await request.form(max_files=1, max_fields=40)
    values = {name: str(form.get(name) or "").strip() for name in TEXT_FIELDS}
    chosen = [value for value in form.getlist("authorisations") if value in AUTHORISATIONS]
    data: dict[str, Any] = {
        **{name: value for name, value in values.items() if value},
        "authorisations": chosen,
        "sole_trader": "true" if form.get("sole_trader") else "false",
        "gdpr_consent": "true" if form.get("gdpr_consent") else "false",
        "language": language_of(request),
    }
    certificate = _upload(form)
    files = {"certificate": certificate} if certificate else None
    try:
        await identity_client(request).call("POST", "/team-applications", data=data, files=files)
    except IdentityProblem as problem:
        if problem.status >= 500:
            raise
        errors = problem.field_errors() or {
            "form": str(problem.body.get("detail") or problem.body.get("title"))
        }
        values["authorisations"] = chosen  # type: ignore[assignment]
        values["sole_trader"] = bool(form.get("sole_trader"))  # type: ignore[assignment]
        values.pop("personal_number", None)  # never echoed back into a page
        return await _form(request, values=values, errors=errors, status=problem.status)
    return render(request, "register_done.html", email=values["contact_email"])


def _upload(form: FormData) -> tuple[str, bytes, str] | None:
    file = form.get("certificate")
    if not isinstance(file, UploadFile) or not file.filename:
        return None
    file.file.seek(0)
    return (file.filename, file.file.read(), file.content_type or "application/octet-stream")


async def _form(
    request: Request, *, values: dict[str, Any], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    dsos = await identity_client(request).json("GET", "/dsos")
    return render(
        request,
        "register.html",
        status,
        dsos=dsos,
        values=values,
        errors=errors,
        authorisations=AUTHORISATIONS,
    )

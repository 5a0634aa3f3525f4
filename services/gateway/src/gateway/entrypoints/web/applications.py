"""DSO admin: "Teamansökningar" — the team applications to the admin's DSO, one application's details and
its authorisation certificate. Identity checks the role and the DSO again on every call: another DSO's
application is a page that does not exist."""

import uuid
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway.domain.authorisations import in_order
from gateway.domain.local_time import local_time
from gateway.domain.team_applications import (
    STATUSES,
    organisation_number,
    pending_first,
    status_filter,
)
from gateway.entrypoints.web.access import DsoAdminIdentity, item_id, refusals_as_pages
from gateway.entrypoints.web.identity_calls import AsUser
from gateway.entrypoints.web.relayed_files import relayed_file
from gateway.entrypoints.web.rendering import language_of, render

router = APIRouter(include_in_schema=False)

# The certificate is a PDF, PNG or JPEG (identity checked its content): shown by the browser's own viewer,
# it may run no script, load nothing and never be framed. No `sandbox`: browsers refuse PDFs in sandboxes.
NOTICES = {"approved": "applications.notice.approved", "rejected": "applications.notice.rejected"}


@router.get("/dso/ansokningar", response_class=HTMLResponse)
async def applications_page(
    request: Request, identity: DsoAdminIdentity, status: str | None = None
) -> HTMLResponse:
    chosen = status_filter(status)
    with refusals_as_pages(request):
        found = await identity.json(
            "GET", "/team-applications", params={"status": chosen} if chosen else None
        )
    return render(
        request,
        "dso_applications.html",
        applications=pending_first(found),
        status=chosen,
        statuses=STATUSES,
        when=partial(local_time, language=language_of(request)),
        orgnr=organisation_number,
    )


@router.get("/dso/ansokningar/{application_id}", response_class=HTMLResponse)
async def application_page(
    request: Request, application_id: str, identity: DsoAdminIdentity, notis: str | None = None
) -> HTMLResponse:
    return await details_page(request, identity, item_id(application_id), notice=NOTICES.get(notis or ""))


@router.get("/dso/ansokningar/{application_id}/bevis")
async def certificate(request: Request, application_id: str, identity: DsoAdminIdentity) -> Response:
    path = f"/team-applications/{item_id(application_id)}/certificate"
    with refusals_as_pages(request):
        found = await identity.client.call("GET", path, token=identity.token)
    return relayed_file(found)


async def details_page(
    request: Request,
    identity: AsUser,
    application_id: uuid.UUID,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    notice: str | None = None,
    reason: str = "",
) -> HTMLResponse:
    """The application as identity has it now, with the decision forms while it is undecided."""
    with refusals_as_pages(request):
        application: dict[str, Any] = await identity.json("GET", f"/team-applications/{application_id}")
    application["authorisations"] = in_order(application["authorisations"])
    return render(
        request,
        "dso_application.html",
        status,
        application=application,
        errors=errors or {},
        notice=notice,
        reason=reason,
        when=partial(local_time, language=language_of(request)),
        orgnr=organisation_number,
    )

"""One case, `/arenden/{id}`: a draft is its type's form to fill in and send; a sent case is read-only, with
its status, history, attachments and the steps the team may take now. Another team's case is a page that
does not exist (cases answers 404 and does not say whether it exists)."""

import dataclasses
import uuid
from datetime import UTC, datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from gateway.domain.case_display import address_text, completion_values, file_size, status_class
from gateway.domain.case_fieldsets import sections
from gateway.domain.case_form import Field, field_errors, fields_of, form_values
from gateway.domain.case_missing import Missing
from gateway.domain.drafts import days_left
from gateway.domain.facility_fetch import changed_fields
from gateway.domain.local_time import local_time
from gateway.entrypoints.web.access import item_id, refusals_as_pages
from gateway.entrypoints.web.cases_calls import AsCaseUser, CaseUser
from gateway.entrypoints.web.rendering import language_of, render, translate

router = APIRouter(include_in_schema=False)

DRAFT = "draft"
NOTICES = {
    "created": "case.notice.created",
    "saved": "case.notice.saved",
    "fetched": "case.notice.fetched",
    "copied": "case.notice.copied",
    "uploaded": "case.notice.uploaded",
    "removed": "case.notice.removed",
    "submitted": "case.notice.submitted",
    "status": "case.notice.status",
    "completion": "case.notice.completion",
    "assigned": "case.notice.assigned",
    "note": "case.notice.note",
}


def case_path(case_id: uuid.UUID | str) -> str:
    return f"/arenden/{case_id}"


@dataclasses.dataclass(slots=True)
class Shown:
    """What the case page says besides the case itself, after an action or a refusal."""

    status: int = 200
    notice: str | None = None  # a text key (NOTICES)
    message: str | None = None  # a refusal of the whole action, translated
    error_paths: tuple[str, ...] = ()  # cases' error paths (`values.ean`), shown beside the draft's fields
    missing: list[Missing] = dataclasses.field(
        default_factory=list
    )  # what a send (or completion notice) lacks
    changed: str | None = None  # fields a fetch or copy changed, as in the address (`a,b`)
    typed: dict[str, str] | None = None  # the draft's values as typed, when cases refused them
    version: int | None = None  # the version the typed values were based on
    fetch: dict[str, str] = dataclasses.field(default_factory=dict)  # "Hämta anl-data": by, number, overwrite
    fetch_error: str | None = None
    upload_error: str | None = None
    notice_typed: dict[str, str] | None = None  # the completion notice as typed
    notice_error_paths: tuple[str, ...] = ()
    notice_missing: list[Missing] = dataclasses.field(default_factory=list)
    reason_error: str | None = None
    note_error: str | None = None
    note_typed: str = ""


@router.get("/arenden/{case_id}", response_class=HTMLResponse)
async def case_page(
    request: Request, case_id: str, member: CaseUser, notis: str | None = None, andrade: str | None = None
) -> HTMLResponse:
    return await show_case(
        request, member, item_id(case_id), Shown(notice=NOTICES.get(notis or ""), changed=andrade)
    )


async def read_case(request: Request, member: AsCaseUser, case_id: uuid.UUID) -> dict[str, Any]:
    with refusals_as_pages(request):
        found: dict[str, Any] = await member.json("GET", f"/cases/{case_id}")
    return found


async def read_case_type(request: Request, member: AsCaseUser, case: dict[str, Any]) -> dict[str, Any]:
    """The type's form as the case was made with it (`version`: a DSO's later change is for new cases)."""
    params = {"version": case["case_type_version"]} if case.get("case_type_version") else None
    with refusals_as_pages(request):
        found: dict[str, Any] = await member.json("GET", f"/case-types/{case['case_type']}", params=params)
    return found


async def show_case(
    request: Request,
    member: AsCaseUser,
    case_id: uuid.UUID,
    shown: Shown | None = None,
    case: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The case as cases has it now (or `case`, just answered by cases), with what `shown` adds."""
    shown = shown or Shown()
    case = case if case is not None else await read_case(request, member, case_id)
    case_type = await read_case_type(request, member, case)
    fields = fields_of(case_type)
    language = language_of(request)
    changed = changed_fields(fields, shown.changed)
    required = [item for item in case_type.get("required_attachments") or () if isinstance(item, dict)]

    def messages(paths: tuple[str, ...], fields: tuple[Field, ...]) -> dict[str, str]:
        errors = field_errors(fields, paths)
        return {name: translate(request, error.key, **error.values) for name, error in errors.items()}

    context: dict[str, Any] = {
        "case": case,
        "case_type": case_type,
        "fields": fields,
        "notice": shown.notice,
        "message": shown.message,
        "when": partial(local_time, language=language),
        "address": address_text(case.get("address")),
        "status_class": status_class,
        "file_size": partial(file_size, language=language),
        "attachments": case.get("attachments") or [],
        "required_attachments": required,
        "categories": {item.get("code"): item.get("label") for item in required},
    }
    if case.get("status") == DRAFT:
        return render(
            request,
            "case_draft.html",
            shown.status,
            **context,
            fieldsets=sections(fields),
            values=shown.typed if shown.typed is not None else form_values(case.get("values")),
            version=shown.version if shown.version is not None else case.get("version"),
            errors=messages(shown.error_paths, fields),
            missing=shown.missing,
            missing_names={item.name for item in shown.missing if item.kind == "field"},
            changed=changed,
            changed_names={f.name for f in changed},
            fetch=shown.fetch,
            fetch_error=shown.fetch_error,
            upload_error=shown.upload_error,
            days_left=days_left(case.get("expires_at"), datetime.now(UTC)),
        )
    notice_fields = fields_of(case_type, "completion_notice_fields")
    return render(
        request,
        "case_view.html",
        shown.status,
        **context,
        is_dso=member.is_dso,
        notes=await read_notes(request, member, case_id),
        handlers=await _handlers(request, member) if member.is_dso else [],
        note_error=shown.note_error,
        note_typed=shown.note_typed,
        values=form_values(case.get("values")),
        allowed=case.get("allowed_transitions") or [],
        notice_fields=notice_fields,
        notice_values=shown.notice_typed or {},
        notice_errors=messages(shown.notice_error_paths, notice_fields),
        notice_missing=shown.notice_missing,
        notice_missing_names={item.name for item in shown.notice_missing if item.kind == "field"},
        completion_values=completion_values(case.get("completion_notice")),
        reason_error=shown.reason_error,
        upload_error=shown.upload_error,
    )


async def read_notes(request: Request, member: AsCaseUser, case_id: uuid.UUID) -> dict[str, Any]:
    """The notes thread as the reader's side sees it; showing it marks it read for that side."""
    with refusals_as_pages(request):
        thread: dict[str, Any] = await member.json("GET", f"/cases/{case_id}/notes")
        if thread.get("unread"):
            await member.json("POST", f"/cases/{case_id}/notes/read")
    return thread


async def _handlers(request: Request, member: AsCaseUser) -> list[dict[str, Any]]:
    with refusals_as_pages(request):
        found: list[dict[str, Any]] = await member.json("GET", "/handlers")
    return found

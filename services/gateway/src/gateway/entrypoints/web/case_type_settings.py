"""DSO admin: "Ärendetyper" — the DSO's case types: which it accepts, the service-level target, and each
type's page with its form (changed as a new version, for new cases only) and its automatic approval rules
(case_type_rules.py). Cases checks the role and the DSO again on every call; its refusals are shown next
to the row they name, with what was typed kept."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.case_type_menu import CaseTypeMenu
from gateway.adapters.cases_client import CasesProblem
from gateway.domain.case_type_rules import CONDITION_ROWS, OPERATORS, RuleInput, rules_in_words
from gateway.domain.case_type_settings import (
    FORM,
    KINDS,
    FormInput,
    Message,
    form_errors,
    in_language,
    parse_target,
    target_error,
)
from gateway.domain.navigation import is_case_type_code
from gateway.entrypoints.web.access import PageNotFound, refusals_as_pages
from gateway.entrypoints.web.cases_calls import AsCaseUser, DsoAdmin
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import render, translate

router = APIRouter(include_in_schema=False)

LIST_PAGE = "/dso/arendetyper"
NOTICES = {
    "accepted": "case_types.notice.accepted",
    "not_accepted": "case_types.notice.not_accepted",
    "target": "case_types.notice.target",
    "version": "case_types.notice.version",
    "rule_added": "case_types.notice.rule_added",
    "rule_removed": "case_types.notice.rule_removed",
    "stale": "case_types.notice.stale",
}


def type_page_path(code: str) -> str:
    return f"{LIST_PAGE}/{code}"


def checked_code(code: str) -> str:
    """A type's code from the address; it becomes part of cases' path, so anything else is no page."""
    if not is_case_type_code(code):
        raise PageNotFound
    return code


def back_to(code: str, back: str) -> str:
    """Where a setting's form returns: the list or the type's page (nothing else: no open redirect)."""
    return LIST_PAGE if back == "lista" else type_page_path(code)


@router.get(LIST_PAGE, response_class=HTMLResponse)
async def case_types_page(request: Request, admin: DsoAdmin, notis: str | None = None) -> HTMLResponse:
    return await list_page(request, admin, notice=NOTICES.get(notis or ""))


@router.get(f"{LIST_PAGE}/{{code}}", response_class=HTMLResponse)
async def case_type_page(
    request: Request, code: str, admin: DsoAdmin, notis: str | None = None, version: str | None = None
) -> HTMLResponse:
    notice = NOTICES.get(notis or "")
    saved = int(version) if version and version.isdigit() else None
    if notice == NOTICES["version"] and saved is None:
        notice = None  # "Version N sparad" needs its N
    return await type_page(request, admin, checked_code(code), notice=notice, saved_version=saved)


@router.post(f"{LIST_PAGE}/{{code}}/mottagning", dependencies=[Depends(require_csrf)])
async def change_accepted(request: Request, code: str, admin: DsoAdmin) -> Response:
    code = checked_code(code)
    form = await request.form()
    back = back_to(code, str(form.get("tillbaka") or ""))
    if form.get("accepted") not in ("true", "false"):
        return RedirectResponse(back, status_code=303)  # no button pressed: nothing asked
    accepted = form.get("accepted") == "true"
    with refusals_as_pages(request, back=back):
        await admin.json("PATCH", f"/dso/case-types/{code}", json={"accepted": accepted})
    menu: CaseTypeMenu = request.app.state.case_type_menu
    menu.forget(admin.user.dso_id or "")
    done = "accepted" if accepted else "not_accepted"
    return RedirectResponse(f"{back}?notis={done}", status_code=303)


@router.post(f"{LIST_PAGE}/{{code}}/mal", dependencies=[Depends(require_csrf)])
async def change_target(request: Request, code: str, admin: DsoAdmin) -> Response:
    """The decision target in working days; empty removes it. For cases sent from now on."""
    code = checked_code(code)
    form = await request.form()
    typed = str(form.get("target_working_days") or "").strip()
    on_list = form.get("tillbaka") == "lista"
    back = back_to(code, "lista" if on_list else "")
    try:
        target = parse_target(typed)
        with refusals_as_pages(request, back=back):
            await admin.json("PATCH", f"/dso/case-types/{code}", json={"target_working_days": target})
    except (ValueError, CasesProblem) as refused:
        if isinstance(refused, CasesProblem) and refused.status != 422:
            raise
        error = message_text(request, target_error())
        if on_list:
            return await list_page(request, admin, status=422, target=(code, typed, error))
        return await type_page(request, admin, code, status=422, target=(typed, error))
    return RedirectResponse(f"{back}?notis=target", status_code=303)


@router.post(f"{LIST_PAGE}/{{code}}/formular", dependencies=[Depends(require_csrf)])
async def new_form_version(request: Request, code: str, admin: DsoAdmin) -> Response:
    """Every field of the form, as the page shows them, to cases as the type's next version."""
    code = checked_code(code)
    page = type_page_path(code)
    form = await request.form()
    text = {name: value for name, value in form.items() if isinstance(value, str)}
    typed = FormInput.from_form(
        text,
        [v for v in form.getlist("mandatory") if isinstance(v, str)],
        [v for v in form.getlist("remove") if isinstance(v, str)],
    )
    setting = await case_type_setting(request, admin, code)
    if typed.version != setting["version"]:
        # Someone saved a version since this page was shown: the boxes were ticked on another form.
        kept = _kept_new_field(typed, setting)
        return await type_page(
            request, admin, code, status=409, setting=setting, form=kept, notice=NOTICES["stale"]
        )
    asked = typed.request(setting["fields"])
    try:
        with refusals_as_pages(request, back=page):
            changed = await admin.json("POST", f"/dso/case-types/{code}/versions", json=asked.body)
    except CasesProblem as problem:
        if problem.status != 422:
            raise
        found = form_errors(problem.field_errors(), asked, typed, setting, admin.language)
        errors = {place: message_text(request, message) for place, message in found.items()}
        return await type_page(
            request, admin, code, status=422, setting=setting, form=typed, editor_errors=errors
        )
    return RedirectResponse(f"{page}?notis=version&version={changed['version']}", status_code=303)


def _kept_new_field(typed: FormInput, setting: dict[str, Any]) -> FormInput:
    """The current form with the new field as typed (the rest was ticked on an older form)."""
    current = FormInput.of(setting)
    return FormInput(current.version, current.mandatory, frozenset(), typed.new)


async def case_type_settings(
    request: Request, admin: AsCaseUser, back: str = LIST_PAGE
) -> list[dict[str, Any]]:
    """The DSO's case types with their settings, as cases has them."""
    with refusals_as_pages(request, back=back):
        settings: list[dict[str, Any]] = await admin.json("GET", "/dso/case-types")
    return settings


async def case_type_setting(request: Request, admin: AsCaseUser, code: str) -> dict[str, Any]:
    """One type's settings; no such type of this DSO: the not-found page."""
    for setting in await case_type_settings(request, admin, back=type_page_path(code)):
        if setting["code"] == code:
            return setting
    raise PageNotFound


async def list_page(
    request: Request,
    admin: AsCaseUser,
    *,
    status: int = 200,
    notice: str | None = None,
    target: tuple[str, str, str] | None = None,
) -> HTMLResponse:
    """`target`: (code, typed, error) of a target the list refused."""
    settings = await case_type_settings(request, admin)
    rows = [
        {
            "code": s["code"],
            "name": in_language(s["names"], admin.language),
            "accepted": s["accepted"],
            "target": "" if s["target_working_days"] is None else str(s["target_working_days"]),
            "rules": len(s["approval_rules"]),
            "version": s["version"],
        }
        for s in settings
    ]
    errors: dict[str, str] = {}
    if target is not None:
        code, typed, error = target
        errors[f"target-{code}"] = error
        for row in rows:
            if row["code"] == code:
                row["target"] = typed
    return render(
        request,
        "dso_case_types.html",
        status,
        case_type_rows=rows,
        notice=notice,
        errors=errors,
    )


async def type_page(
    request: Request,
    admin: AsCaseUser,
    code: str,
    *,
    status: int = 200,
    setting: dict[str, Any] | None = None,
    notice: str | None = None,
    saved_version: int | None = None,
    form: FormInput | None = None,
    editor_errors: dict[str, str] | None = None,
    rule: RuleInput | None = None,
    rule_errors: dict[str, str] | None = None,
    rule_summary: list[tuple[str, str]] | None = None,
    target: tuple[str, str] | None = None,
) -> HTMLResponse:
    """The type's page; each form as typed with its errors when cases refused it, else as cases has it.
    `target`: (typed, error); `rule_summary`: the rule form's errors as (input id, text naming the row)."""
    if setting is None:
        setting = await case_type_setting(request, admin, code)
    language = admin.language
    fields = [
        {**f, "label": in_language(f["labels"], language), "choices_text": ", ".join(f["choices"])}
        for f in setting["fields"]
    ]
    errors = {**(editor_errors or {}), **(rule_errors or {})}
    typed_target = "" if setting["target_working_days"] is None else str(setting["target_working_days"])
    if target is not None:
        typed_target, errors[f"target-{code}"] = target
    return render(
        request,
        "dso_case_type.html",
        status,
        setting=setting,
        name=in_language(setting["names"], language),
        fields=fields,
        form=form or FormInput.of(setting),
        kinds=KINDS,
        rules=rules_in_words(setting, language),
        rule=rule or RuleInput(),
        operators=OPERATORS,
        condition_rows=range(CONDITION_ROWS),
        typed_target=typed_target,
        notice=notice,
        saved_version=saved_version,
        errors=errors,
        form_failed=bool(editor_errors),
        form_error=(editor_errors or {}).get(FORM),
        rule_summary=rule_summary or [],
    )


def message_text(request: Request, message: Message) -> str:
    return translate(request, message.key, **message.values)

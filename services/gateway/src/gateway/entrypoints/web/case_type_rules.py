"""DSO admin: a case type's automatic approval rules — adding one, removing one. Cases keeps the rules as
one list per type, so each change sends the complete list: the saved rules with their ids, plus the new
one or minus the removed one. Cases checks every rule against the type's form; a refusal is shown next to
the row it names, with what was typed kept."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from gateway.adapters.cases_client import CasesProblem
from gateway.domain.case_type_rules import RULES, RuleInput, rule_errors, with_rule, without_rule
from gateway.entrypoints.web.access import refusals_as_pages
from gateway.entrypoints.web.case_type_settings import (
    case_type_setting,
    checked_code,
    message_text,
    type_page,
    type_page_path,
)
from gateway.entrypoints.web.cases_calls import DsoAdmin
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import translate

router = APIRouter(include_in_schema=False)


@router.post("/dso/arendetyper/{code}/regler", dependencies=[Depends(require_csrf)])
async def add_rule(request: Request, code: str, admin: DsoAdmin) -> Response:
    code = checked_code(code)
    page = type_page_path(code)
    form = await request.form()
    typed = RuleInput.from_form({name: value for name, value in form.items() if isinstance(value, str)})
    setting = await case_type_setting(request, admin, code)
    asked = with_rule(setting["approval_rules"], typed)
    try:
        with refusals_as_pages(request, back=page):
            await admin.json("PUT", f"/dso/case-types/{code}/approval-rules", json=asked.body)
    except CasesProblem as problem:
        if problem.status != 422:
            raise
        found = rule_errors(list(problem.field_errors()), asked, typed, setting, admin.language)
        errors = {place: message_text(request, message) for place, message in found.items()}
        return await type_page(
            request,
            admin,
            code,
            status=422,
            setting=setting,
            rule=typed,
            rule_errors=errors,
            rule_summary=[(place, _naming_the_row(request, place, text)) for place, text in errors.items()],
        )
    return RedirectResponse(f"{page}?notis=rule_added", status_code=303)


@router.post("/dso/arendetyper/{code}/regler/{rule_id}/ta-bort", dependencies=[Depends(require_csrf)])
async def remove_rule(request: Request, code: str, rule_id: str, admin: DsoAdmin) -> Response:
    code = checked_code(code)
    page = type_page_path(code)
    setting = await case_type_setting(request, admin, code)
    asked = without_rule(setting["approval_rules"], rule_id)
    if asked is not None:  # else removed already (another tab, another admin): nothing left to do
        try:
            with refusals_as_pages(request, back=page):
                await admin.json("PUT", f"/dso/case-types/{code}/approval-rules", json=asked.body)
        except CasesProblem as problem:
            if problem.status != 422:
                raise
            # The rules left no longer fit the form (never expected: cases checks them at every change).
            error = translate(request, "case_types.error.rules")
            return await type_page(
                request,
                admin,
                code,
                status=422,
                setting=setting,
                rule_errors={RULES: error},
                rule_summary=[(RULES, error)],
            )
    return RedirectResponse(f"{page}?notis=rule_removed", status_code=303)


def _naming_the_row(request: Request, place: str, text: str) -> str:
    """The summary above the form names the row of each error: "Villkor 2: Ange ett tal."."""
    if place.startswith("condition-"):
        row = int(place.split("-")[1]) + 1
        return translate(request, "case_types.rules.condition_error", row=row, error=text)
    if place == "rule_name":
        return translate(request, "case_types.rules.name_error", error=text)
    if place == RULES:
        return text
    return translate(request, "case_types.rules.conditions_error", error=text)

"""An import job's part: one case per validated row, created and sent at once as the requester
(ADR 0007), each row once however often the part comes."""

from collections.abc import Mapping
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import InvalidValues, ProjectPlace
from cases.domain.case_types import CaseTypeSchema, missing_for_submission
from cases.service_layer.access import Actor
from cases.service_layer.drafts import add_draft, new_draft
from cases.service_layer.job_parts import answer, done, failed, job_actor
from cases.service_layer.sending import send_draft
from contracts.events.cases import CaseJobResult
from contracts.events.projects import CasesRequestedV1, ImportRow

RowValues = Mapping[str, str | None]


async def create_project_cases(
    uow: CasesUnitOfWork, request: CasesRequestedV1, values: Mapping[int, RowValues], now: datetime
) -> None:
    """Every row of the part done or failed with its reason, and the part answered, in the open unit of
    work. A row the job already made is answered from its case (a re-sent part); a row whose values
    fail (the form changed since projects checked them) fails alone."""
    actor = job_actor(request)
    schema = await uow.case_types.get(request.dso_id, request.case_type)
    refusal = _refusal(actor, schema, request)
    made = await uow.cases.imported(request.job_id, [row.row_number for row in request.rows])
    results: list[CaseJobResult] = []
    for row in request.rows:
        if row.row_number in made:
            results.append(done(made[row.row_number], row_number=row.row_number))
        elif refusal is not None:
            results.append(failed(*refusal, row_number=row.row_number))
        else:
            assert schema is not None and actor.team_id is not None
            results.append(await _create(uow, actor, schema, request, row, values.get(row.row_number), now))
    answer(uow, request, results)


def _refusal(
    actor: Actor, schema: CaseTypeSchema | None, request: CasesRequestedV1
) -> tuple[str, str] | None:
    if not actor.is_team:
        return "not_allowed", "only members of an installer team import cases"
    if schema is None or not schema.project_capable:
        return "unknown_case_type", f"the grid company takes no project cases of type {request.case_type}"
    return None


async def _create(
    uow: CasesUnitOfWork,
    actor: Actor,
    schema: CaseTypeSchema,
    request: CasesRequestedV1,
    row: ImportRow,
    values: RowValues | None,
    now: datetime,
) -> CaseJobResult:
    if values is None:
        return failed("no_values", "the part carries no values for this row", row_number=row.row_number)
    assert actor.team_id is not None
    place = ProjectPlace(request.project_id, request.group_id, request.job_id, row.row_number)
    try:
        # Checked in memory first, so a failing row leaves nothing behind in the part's transaction.
        draft = new_draft(
            actor, schema, actor.team_id, row.lon, row.lat, row.grid_area_id, values, now, place
        )
    except InvalidValues as invalid:
        return failed("invalid_values", str(invalid), row_number=row.row_number)
    missing = [item for item in missing_for_submission(schema, draft.values, ()) if item.kind == "field"]
    if missing:
        reason = "missing: " + ", ".join(item.name for item in missing)
        return failed("incomplete", reason, row_number=row.row_number)
    await add_draft(uow, actor, draft, schema, now)
    if schema.required_attachments:
        # The DSO wants files with each case: it waits as a draft for them (nothing to send in bulk).
        return done(draft, row_number=row.row_number)
    sent = await send_draft(uow, actor, draft, schema, (), now)
    return done(sent, row_number=row.row_number)

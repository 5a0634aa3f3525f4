"""An import job's part: one case per validated row, created and sent at once as the requester
(ADR 0007), each row once however often the part comes."""

import uuid
from collections.abc import Mapping
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case, InvalidValues, ProjectPlace
from cases.domain.case_types import CaseTypeSchema, missing_for_submission
from cases.service_layer.access import Actor
from cases.service_layer.drafts import add_drafts, new_draft
from cases.service_layer.job_parts import answer, done, failed, job_actor
from cases.service_layer.sending import send_drafts
from contracts.events.cases import CaseJobResult
from contracts.events.projects import CasesRequestedV1, ImportRow

RowValues = Mapping[str, str | None]


async def create_project_cases(
    uow: CasesUnitOfWork, request: CasesRequestedV1, values: Mapping[int, RowValues], now: datetime
) -> None:
    """Every row of the part done or failed with its reason, and the part answered, in the open unit of
    work. A row the job already made is answered from its case (a re-sent part); a row whose values
    fail (the form changed since projects checked them) fails alone. The part's new cases are written
    together, a statement for all of them rather than a few for each."""
    actor = job_actor(request)
    schema = await uow.case_types.get(request.dso_id, request.case_type)
    refusal = _refusal(actor, schema, request)
    made = await uow.cases.imported(request.job_id, [row.row_number for row in request.rows])
    outcomes: list[CaseJobResult | Case] = []  # a Case: the row's new draft, stored and sent below
    for row in request.rows:
        if row.row_number in made:
            outcomes.append(done(made[row.row_number], row_number=row.row_number))
        elif refusal is not None:
            outcomes.append(failed(*refusal, row_number=row.row_number))
        else:
            assert schema is not None
            outcomes.append(_draft(actor, schema, request, row, values.get(row.row_number), now))
    drafts = [outcome for outcome in outcomes if isinstance(outcome, Case)]
    stored: dict[uuid.UUID, Case] = {}
    if drafts:
        assert schema is not None
        await add_drafts(uow, actor, drafts, schema, now)
        # Where the DSO wants files with each case, the cases wait as drafts for them (no send in bulk).
        sent = (
            drafts if schema.required_attachments else await send_drafts(uow, actor, drafts, schema, (), now)
        )
        stored = {case.id: case for case in sent}
    answer(uow, request, [_result(outcome, stored) for outcome in outcomes])


def _result(outcome: CaseJobResult | Case, stored: Mapping[uuid.UUID, Case]) -> CaseJobResult:
    if isinstance(outcome, CaseJobResult):
        return outcome
    assert outcome.project is not None
    return done(stored[outcome.id], row_number=outcome.project.import_row)


def _refusal(
    actor: Actor, schema: CaseTypeSchema | None, request: CasesRequestedV1
) -> tuple[str, str] | None:
    if not actor.is_team:
        return "not_allowed", "only members of an installer team import cases"
    if schema is None or not schema.project_capable:
        return "unknown_case_type", f"the grid company takes no project cases of type {request.case_type}"
    return None


def _draft(
    actor: Actor,
    schema: CaseTypeSchema,
    request: CasesRequestedV1,
    row: ImportRow,
    values: RowValues | None,
    now: datetime,
) -> Case | CaseJobResult:
    """The row's draft, checked in memory (a failing row leaves nothing behind in the part's
    transaction), or why it fails."""
    if values is None:
        return failed("no_values", "the part carries no values for this row", row_number=row.row_number)
    assert actor.team_id is not None
    place = ProjectPlace(request.project_id, request.group_id, request.job_id, row.row_number)
    try:
        draft = new_draft(
            actor, schema, actor.team_id, row.lon, row.lat, row.grid_area_id, values, now, place
        )
    except InvalidValues as invalid:
        return failed("invalid_values", str(invalid), row_number=row.row_number)
    missing = [item for item in missing_for_submission(schema, draft.values, ()) if item.kind == "field"]
    if missing:
        reason = "missing: " + ", ".join(item.name for item in missing)
        return failed("incomplete", reason, row_number=row.row_number)
    return draft

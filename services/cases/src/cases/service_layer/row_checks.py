"""Checking many rows of values against a project case type at once, before anything is made: what a
project import needs to answer "every wrong row and column, and nothing created"."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case_types import CaseTypeSchema, draft_problems, missing_for_submission
from cases.domain.texts import Texts
from cases.service_layer.access import Actor, NotAllowed
from cases.service_layer.drafts import UnknownCaseType

MAX_ROWS = 10_000  # projects' largest upload
REQUIRED = Texts("måste fyllas i", "skal udfyldes", "is required")

RowValues = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    label: str  # in the caller's language; the field's name where the type has no such field
    message: str  # in the caller's language too: shown in the import's table of wrong cells


@dataclass(frozen=True, slots=True)
class RowProblems:
    row_number: int
    problems: tuple[FieldProblem, ...]


async def check_rows(
    uow: CasesUnitOfWork, actor: Actor, code: str, rows: Sequence[tuple[int, RowValues]]
) -> tuple[int, list[RowProblems]]:
    """The type's current version and, in row order, each row that could not be sent as it is: values
    that cannot be right, unknown fields, mandatory ones left empty."""
    actor.require_team()
    if actor.dso_id is None:  # pragma: no cover - a team member's token always names the DSO
        raise NotAllowed("your account belongs to no grid company")
    async with uow:
        schema = await uow.case_types.get(actor.dso_id, code)
    if schema is None or not schema.project_capable:
        raise UnknownCaseType(code)
    checked = ((number, _problems(schema, values, actor)) for number, values in rows)
    return schema.version, [RowProblems(number, problems) for number, problems in checked if problems]


def _problems(schema: CaseTypeSchema, values: RowValues, actor: Actor) -> tuple[FieldProblem, ...]:
    problems = [
        FieldProblem(name, _label(schema, name, actor), problem.in_language(actor.language))
        for name, problem in draft_problems(schema, values).items()
    ]
    problems += [
        FieldProblem(missing.name, missing.label, REQUIRED.in_language(actor.language))
        for missing in missing_for_submission(schema, values, (), actor.language)
        if missing.kind == "field"  # files are added to each case later, where the DSO wants them
    ]
    return tuple(problems)


def _label(schema: CaseTypeSchema, name: str, actor: Actor) -> str:
    spec = schema.field(name)
    return name if spec is None else spec.labels.in_language(actor.language)

"""Creating a group's cases from rows: an Excel import, or one address added by hand (a row of one).

All or nothing (ADR 0007): GIS finds and routes every row's address and cases judges every value, both
asked with the user's token; if any row is wrong, every wrong cell is reported and nothing is written.
Otherwise one transaction writes the job, its items and one sealed request event per part.
"""

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.addresses import STREET, address_errors, by_row, written_addresses
from projects.domain.columns import Column, columns_from_case_type
from projects.domain.imports import RowError, RowValues, every_error, within_limits
from projects.domain.jobs import ItemOutcome, Job, JobItem, JobKind
from projects.domain.project import Group, Project
from projects.service_layer.access import Actor
from projects.service_layer.addresses import AddressResolver
from projects.service_layer.case_types import CaseTypes
from projects.service_layer.job_requests import LocatedRow, Seal, cases_requested
from projects.service_layer.projects import group_of


class CaseTypeGone(LookupError):
    """The grid company no longer takes the group's case type: no template, no new cases."""


class ImportRunning(ValueError):
    """Cases are still being created in the group: a second import waits for the first."""


class RowsInvalid(ValueError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} wrong value(s)")
        self.errors = errors


@dataclass(frozen=True, slots=True)
class GroupForm:
    """A group with the form of its case type, labelled in the caller's language."""

    project: Project
    group: Group
    type_name: str
    columns: tuple[Column, ...]


async def group_form(
    uow: ProjectsUnitOfWork,
    case_types: CaseTypes,
    actor: Actor,
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    *,
    importing: bool = False,
) -> GroupForm:
    """The caller's team's group and its type's form; `importing` refuses early a group with an import
    still running (the write checks again)."""
    async with uow:
        project, group = await group_of(uow, actor, project_id, group_id, change=True)
        if importing and await uow.jobs.running_import(group.id):
            raise ImportRunning("cases are still being created from the last import; wait until it is done")
    schema = await case_types.schema(group.case_type, token=actor.token, language=actor.language)
    if schema is None:
        raise CaseTypeGone(group.case_type)
    columns = columns_from_case_type(schema.get("fields") or [])
    return GroupForm(project, group, str(schema.get("name") or group.case_type), columns)


async def check_rows(
    form: GroupForm,
    rows: Sequence[RowValues],
    actor: Actor,
    case_types: CaseTypes,
    addresses: AddressResolver,
) -> list[LocatedRow]:
    """Every row located in the project's grid company and its values right; RowsInvalid lists every
    wrong cell otherwise. GIS and cases are asked at once: a 10,000-row import waits for the slower."""
    labels = {column.name: column.label for column in form.columns}
    asked, too_long = within_limits(rows, labels, actor.language)
    resolved, value_errors = await asyncio.gather(
        addresses.resolve(written_addresses(asked), token=actor.token),
        case_types.validate(form.group.case_type, asked, token=actor.token, language=actor.language),
    )
    if value_errors is None:
        raise CaseTypeGone(form.group.case_type)
    located = by_row(resolved)
    wrong_places = address_errors(
        rows,
        located,
        dso_id=form.project.dso_id,
        street_label=labels.get(STREET, STREET),
        language=actor.language,
    )
    order = [column.name for column in form.columns]
    if errors := every_error(wrong_places, value_errors, too_long, field_order=order):
        raise RowsInvalid(errors)
    return [LocatedRow.of(row, located[row.row_number]) for row in rows]


async def create_cases(
    uow: ProjectsUnitOfWork,
    actor: Actor,
    form: GroupForm,
    rows: Sequence[LocatedRow],
    seal: Seal,
    now: datetime,
    *,
    exclusive: bool,
) -> Job:
    """The job of creating (and sending) one case per checked row, requested from cases in parts.
    `exclusive` (a file) waits for the group's running import: the same file sent twice would make every
    case twice. An address added by hand does not wait: adding several in a row is the point."""
    async with uow:
        # The project's row lock orders two uploads into the same group: the second sees the first's job.
        project, group = await group_of(uow, actor, form.project.id, form.group.id, change=True, lock=True)
        if exclusive and await uow.jobs.running_import(group.id):
            raise ImportRunning("cases are still being created from the last import; wait until it is done")
        job = Job(
            id=uuid.uuid4(),
            project_id=project.id,
            kind=JobKind.IMPORT,
            action=None,
            group_id=group.id,
            requested_by=actor.user_id,
            total=len(rows),
            done=0,
            failed=0,
            created_at=now,
            finished_at=None,
        )
        items = [
            JobItem(
                position=located.row.row_number,
                case_id=None,
                outcome=ItemOutcome.PENDING,
                address=located.address[:300],
            )
            for located in rows
        ]
        await uow.jobs.add(job, items)
        for request in cases_requested(job, project, group, actor, rows, seal):
            uow.emit(request, key=str(job.id), tenant=project.dso_id)
        await uow.commit()
        return job


async def import_rows(
    uow: ProjectsUnitOfWork,
    actor: Actor,
    form: GroupForm,
    rows: Sequence[RowValues],
    *,
    case_types: CaseTypes,
    addresses: AddressResolver,
    seal: Seal,
    now: datetime,
    exclusive: bool = True,
) -> Job:
    """Check every row, then create the job; the Excel import and the single address both come here."""
    located = await check_rows(form, rows, actor, case_types, addresses)
    return await create_cases(uow, actor, form, located, seal, now, exclusive=exclusive)

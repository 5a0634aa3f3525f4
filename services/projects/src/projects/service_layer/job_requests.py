"""A job's parts as the request events cases acts on (`projects.jobs`, keyed by job): the one place where
projects' jobs become integration events."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from contracts.events.projects import (
    BulkActionRequestedV1,
    CasesRequestedV1,
    ImportRow,
    JobActorRole,
)
from projects.domain.addresses import ResolvedAddress
from projects.domain.bulk_actions import BulkAction
from projects.domain.imports import RowValues
from projects.domain.jobs import ACTION_PART_SIZE, IMPORT_PART_SIZE, Job, parts
from projects.domain.project import Group, Project
from projects.service_layer.access import Actor

Seal = Callable[[Any], str]  # servicekit.sealing.Sealer.seal: JSON in, a Fernet token out


@dataclass(frozen=True, slots=True)
class LocatedRow:
    """A checked row and where GIS found its address."""

    row: RowValues
    address: str  # as GIS writes it: "Solgatan 20, 252 20 Helsingborg"
    lon: float
    lat: float
    grid_area_id: str

    @classmethod
    def of(cls, row: RowValues, found: ResolvedAddress) -> "LocatedRow":
        assert found.lon is not None and found.lat is not None and found.grid_area_id is not None
        return cls(row, found.label or "", found.lon, found.lat, found.grid_area_id)


def cases_requested(
    job: Job, project: Project, group: Group, actor: Actor, rows: Sequence[LocatedRow], seal: Seal
) -> list[CasesRequestedV1]:
    """One event per part of IMPORT_PART_SIZE rows. The values (with personal identity numbers) travel
    only sealed; the places travel in the clear, as cases routes on them."""
    return [
        CasesRequestedV1(
            **_part(job, number, project, actor),
            group_id=group.id,
            case_type=group.case_type,
            rows=[
                ImportRow(
                    row_number=located.row.row_number,
                    lon=located.lon,
                    lat=located.lat,
                    grid_area_id=located.grid_area_id,
                )
                for located in part
            ],
            sealed_values=seal({str(located.row.row_number): dict(located.row.values) for located in part}),
        )
        for number, part in parts(rows, IMPORT_PART_SIZE)
    ]


def bulk_action_requested(
    job: Job,
    project: Project,
    actor: Actor,
    action: BulkAction,
    case_ids: Sequence[uuid.UUID],
    *,
    reason: str | None,
    target_user_id: uuid.UUID | None,
) -> list[BulkActionRequestedV1]:
    """One event per part of ACTION_PART_SIZE cases, in the order of the selection."""
    return [
        BulkActionRequestedV1(
            **_part(job, number, project, actor),
            action=action.value,
            case_ids=list(part),
            reason=reason,
            target_user_id=target_user_id,
        )
        for number, part in parts(case_ids, ACTION_PART_SIZE)
    ]


def _part(job: Job, number: int, project: Project, actor: Actor) -> dict[str, Any]:
    return {
        "job_id": job.id,
        "part": number,
        "project_id": project.id,
        "actor_id": actor.user_id,
        "actor_role": cast(JobActorRole, actor.role),  # access let only team and DSO roles this far
        "actor_name": actor.name,
        "team_id": actor.team_id,
        "dso_id": project.dso_id,
    }

"""One action on many of a project's cases, by its team or by the DSO of its cases (seed 004).

The menu's rule is checked again here over the read model: the action must be allowed for every selected
case's status on the caller's side. Cases checks each case once more when it acts and answers per case,
so a status that changed meanwhile fails that case alone.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from projects.adapters.case_read_model import ProjectCase
from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.bulk_actions import BulkAction, actions_of, blocking, check_details, common_actions
from projects.domain.jobs import ItemOutcome, Job, JobItem, JobKind
from projects.service_layer.access import Actor, visible_project
from projects.service_layer.job_requests import bulk_action_requested

MAX_SELECTION = 10_000  # a whole large project; one job of 20 parts


class SelectionInvalid(ValueError):
    """The request names a case or an action the caller cannot use here."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ActionBlocked(ValueError):
    """Some selected cases' status does not allow the action; `allowed` is what all of them allow."""

    def __init__(self, action: BulkAction, blocked: list[ProjectCase], allowed: tuple[BulkAction, ...]):
        super().__init__(
            f"{action.value} is not allowed for {len(blocked)} of the selected cases in their status"
        )
        self.blocked = blocked
        self.allowed = allowed


@dataclass(frozen=True, slots=True)
class BulkActionRequest:
    action: BulkAction
    case_ids: Sequence[uuid.UUID]
    reason: str | None = None
    target_user_id: uuid.UUID | None = None  # change_handler without one unassigns


async def request_bulk_action(
    uow: ProjectsUnitOfWork, actor: Actor, project_id: uuid.UUID, request: BulkActionRequest, now: datetime
) -> Job:
    """The job of applying the action to every selected case, requested from cases in parts."""
    selection = list(dict.fromkeys(request.case_ids))  # a case chosen twice is acted on once
    reason = (request.reason or "").strip() or None
    async with uow:
        project = await visible_project(uow, actor, project_id)
        if request.action not in actions_of(actor.role):
            mine = ", ".join(action.value for action in actions_of(actor.role))
            raise SelectionInvalid("action", f"not an action of yours; yours are {mine}")
        check_details(request.action, reason=reason, target_user_id=request.target_user_id)
        found = {case.case_id: case for case in await uow.cases.selected(project.id, selection)}
        if unknown := [case_id for case_id in selection if case_id not in found]:
            listed = ", ".join(str(case_id) for case_id in unknown[:5])
            raise SelectionInvalid(
                "case_ids", f"{len(unknown)} selected case(s) are not cases of this project: {listed}"
            )
        statuses = {case_id: found[case_id].status for case_id in selection}
        if blocked := blocking(request.action, statuses, actor.role):
            allowed = common_actions(statuses.values(), actor.role)
            raise ActionBlocked(request.action, [found[case_id] for case_id in blocked], allowed)
        job = Job(
            id=uuid.uuid4(),
            project_id=project.id,
            kind=JobKind.BULK_ACTION,
            action=request.action.value,
            group_id=None,
            requested_by=actor.user_id,
            total=len(selection),
            done=0,
            failed=0,
            created_at=now,
            finished_at=None,
        )
        items = [
            JobItem(
                position=position,
                case_id=case_id,
                outcome=ItemOutcome.PENDING,
                case_number=found[case_id].case_number,
                address=found[case_id].address,
            )
            for position, case_id in enumerate(selection)
        ]
        await uow.jobs.add(job, items)
        for part in bulk_action_requested(
            job,
            project,
            actor,
            request.action,
            selection,
            reason=reason,
            target_user_id=request.target_user_id,
        ):
            uow.emit(part, key=str(job.id), tenant=project.dso_id)
        await uow.commit()
        return job

"""A bulk-action job's part: one action on each of its cases as the requester, each checked on its own
(the menu projects showed may be stale), and the part answered per case."""

from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case, NotAssignable, NotReassignable, OwnCommand
from cases.domain.lifecycle import IllegalTransition, ReasonRequired, Transition
from cases.domain.status import CaseStatus
from cases.service_layer.access import Actor
from cases.service_layer.assignment import UnknownHandler, handler_name, record_assignment
from cases.service_layer.installer_change import record_installer_change
from cases.service_layer.job_parts import answer, done, failed, job_actor
from cases.service_layer.status_changes import record_moves
from contracts.events.cases import CaseJobResult
from contracts.events.projects import BulkActionRequestedV1

# The bulk actions that are plain status moves.
_MOVES = {
    "ready_for_meter": CaseStatus.READY_FOR_METER,
    "cancel": CaseStatus.CANCELLED,
    "reject": CaseStatus.REJECTED,
    "archive": CaseStatus.ARCHIVED,
}


class UnknownInstaller(LookupError):
    """Not an active member of the case's team."""


async def act_on_project_cases(uow: CasesUnitOfWork, request: BulkActionRequestedV1, now: datetime) -> None:
    """Every case of the part done or failed with why, and the part answered, in the open unit of work.
    Status moves are decided case by case and written together, a statement for the part."""
    actor = job_actor(request)
    cases = await uow.cases.many_for_update(request.case_ids)
    target_name = await _target_name(uow, actor, request)
    outcomes: list[CaseJobResult | Case] = []  # a Case: moved, to be recorded with the others below
    moves: list[tuple[Case, Transition]] = []
    for case_id in request.case_ids:
        case = cases.get(case_id)
        if case is None or not actor.may_see(case) or not _in_project(case, request):
            outcomes.append(failed("not_found", "no such case in the project", case_id=case_id))
            continue
        try:
            if request.action in _MOVES:
                acted, step = case.moved(_MOVES[request.action], actor.role, request.reason, now)
                moves.append((acted, step))
            else:
                acted = await _act(uow, actor, case, request, target_name, now)
        except (IllegalTransition, OwnCommand, NotAssignable, NotReassignable) as refused:
            outcomes.append(failed("not_allowed", str(refused), case=case))
        except ReasonRequired as missing:
            outcomes.append(failed("reason_required", str(missing), case=case))
        except (UnknownHandler, UnknownInstaller):
            outcomes.append(failed("unknown_person", "the person chosen cannot take the case", case=case))
        else:
            cases[case_id] = acted  # the same case twice in a selection is acted on once, then refused
            outcomes.append(acted)
    recorded = {case.id: case for case in await record_moves(uow, actor, moves, now)}
    answer(
        uow, request, [o if isinstance(o, CaseJobResult) else done(recorded.get(o.id, o)) for o in outcomes]
    )


def _in_project(case: Case, request: BulkActionRequestedV1) -> bool:
    return case.project is not None and case.project.project_id == request.project_id


async def _target_name(uow: CasesUnitOfWork, actor: Actor, request: BulkActionRequestedV1) -> str | None:
    """The chosen installer's or handler's name; None when they are not someone the actor may choose."""
    target = request.target_user_id
    if request.action == "change_installer" and target is not None and actor.team_id is not None:
        person = await uow.people.team_member(actor.team_id, target)
        return None if person is None else person.name
    if request.action == "change_handler" and actor.is_dso:
        try:
            return await handler_name(uow, actor, target)
        except UnknownHandler:
            return None
    return None


async def _act(
    uow: CasesUnitOfWork,
    actor: Actor,
    case: Case,
    request: BulkActionRequestedV1,
    target_name: str | None,
    now: datetime,
) -> Case:
    if request.action == "change_handler":
        if target_name is None:
            raise UnknownHandler(request.target_user_id)
        return await record_assignment(uow, actor, case, request.target_user_id, target_name, now)
    if request.action == "change_installer":
        if target_name is None or request.target_user_id is None:
            raise UnknownInstaller(request.target_user_id)
        return await record_installer_change(uow, actor, case, request.target_user_id, target_name, now)
    raise NotReassignable(f"unknown action {request.action}")  # pragma: no cover - the contract's Literal

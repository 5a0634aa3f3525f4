"""What every part of a project job shares: who acts (the job's requester, as projects vouched for them)
and the one answer per part, written in the part's own transaction."""

import uuid
from collections.abc import Sequence

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.roles import ActorRole
from cases.service_layer.access import Actor
from contracts.events.cases import CaseJobPartDoneV1, CaseJobResult
from contracts.events.projects import BulkActionRequestedV1, CasesRequestedV1


def job_actor(request: CasesRequestedV1 | BulkActionRequestedV1) -> Actor:
    """The requester acts, with the rights their token gave them when projects accepted the job. There
    is no token to forward: a part never calls another service (everything it needs travels with it).
    Reasons are in English; their codes are what projects translates."""
    return Actor(
        user_id=request.actor_id,
        role=ActorRole(request.actor_role),
        team_id=request.team_id,
        dso_id=request.dso_id,
        language="en",
        token="",
        name=request.actor_name,
    )


def done(case: Case, *, row_number: int | None = None) -> CaseJobResult:
    return CaseJobResult(
        row_number=row_number,
        case_id=case.id,
        outcome="done",
        case_number=case.case_number,
        status=case.status.value,
    )


def failed(
    code: str,
    reason: str,
    *,
    row_number: int | None = None,
    case: Case | None = None,
    case_id: uuid.UUID | None = None,
) -> CaseJobResult:
    return CaseJobResult(
        row_number=row_number,
        case_id=case.id if case is not None else case_id,
        outcome="failed",
        code=code,
        reason=reason,
        case_number=None if case is None else case.case_number,
        status=None if case is None else case.status.value,
    )


def answer(
    uow: CasesUnitOfWork,
    request: CasesRequestedV1 | BulkActionRequestedV1,
    results: Sequence[CaseJobResult],
) -> None:
    """The part's answer goes out with the part's changes, or not at all."""
    uow.emit(
        CaseJobPartDoneV1(
            job_id=request.job_id, part=request.part, project_id=request.project_id, results=list(results)
        ),
        key=str(request.job_id),
        tenant=request.dso_id,
    )

"""Case events into the projects' read model (status, handler, installer per case)."""

from contracts import EventEnvelope
from contracts.events.cases import (
    CaseHandlerAssignedV1,
    CaseInstallerChangedV1,
    CaseStatusChangedV1,
    CaseSubmittedV1,
)
from projects.adapters.uow import ProjectsUnitOfWork
from projects.service_layer.case_read_model import case_changed, case_sent
from servicekit.messaging.consumer import EventHandler


def case_event_handlers() -> dict[str, EventHandler[ProjectsUnitOfWork]]:
    async def on_submitted(envelope: EventEnvelope, uow: ProjectsUnitOfWork) -> None:
        event = envelope.parsed(CaseSubmittedV1)
        if event.project_id is None or event.group_id is None:
            return
        await case_sent(
            uow,
            case_id=event.case_id,
            project_id=event.project_id,
            group_id=event.group_id,
            case_number=event.case_number,
            address=event.address,
            installer_id=event.installer_id,
            at=event.submitted_at,
        )

    async def on_status_changed(envelope: EventEnvelope, uow: ProjectsUnitOfWork) -> None:
        event = envelope.parsed(CaseStatusChangedV1)
        if event.project_id is not None:
            await case_changed(uow, event.case_id, event.changed_at, status=event.to_status)

    async def on_handler_assigned(envelope: EventEnvelope, uow: ProjectsUnitOfWork) -> None:
        event = envelope.parsed(CaseHandlerAssignedV1)
        if event.project_id is not None:
            await case_changed(uow, event.case_id, event.assigned_at, handler_id=event.handler_id)

    async def on_installer_changed(envelope: EventEnvelope, uow: ProjectsUnitOfWork) -> None:
        event = envelope.parsed(CaseInstallerChangedV1)
        if event.project_id is not None:
            await case_changed(uow, event.case_id, event.changed_at, installer_id=event.installer_id)

    return {
        CaseSubmittedV1.event_type: on_submitted,
        CaseStatusChangedV1.event_type: on_status_changed,
        CaseHandlerAssignedV1.event_type: on_handler_assigned,
        CaseInstallerChangedV1.event_type: on_installer_changed,
    }

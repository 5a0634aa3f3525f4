"""Keeping the read model of the projects' cases from the cases service's events. A case outside every
project is none of projects' business (its events carry no project id) and changes nothing."""

import uuid
from datetime import datetime

from projects.adapters.uow import ProjectsUnitOfWork


async def case_sent(
    uow: ProjectsUnitOfWork,
    *,
    case_id: uuid.UUID,
    project_id: uuid.UUID,
    group_id: uuid.UUID,
    case_number: str,
    address: str,
    installer_id: uuid.UUID,
    at: datetime,
) -> None:
    await uow.cases.upsert(
        case_id,
        {
            "project_id": project_id,
            "group_id": group_id,
            "case_number": case_number,
            "address": address[:300],
            "status": "submitted",
            "installer_id": installer_id,
            "updated_at": at,
        },
    )


async def case_changed(uow: ProjectsUnitOfWork, case_id: uuid.UUID, at: datetime, **changes: object) -> None:
    """A status, handler or installer change of a case we know."""
    await uow.cases.update(case_id, {**changes, "updated_at": at})

"""HTTP: a team as its administrator (or its DSO's administrator) sees it."""

import uuid

from fastapi import APIRouter, Request
from pydantic import BaseModel

from identity.domain.authorisation import Authorisation
from identity.entrypoints.api.access import TeamOrDsoAdmin, actor_of, answered_as_problems
from identity.entrypoints.api.deps import UowFactory
from identity.service_layer.resources import team_details

router = APIRouter(tags=["teams"])


class TeamOut(BaseModel):
    id: uuid.UUID
    name: str
    organisation_number: str
    dso_id: str
    authorisations: list[Authorisation]


@router.get("/teams/{team_id}")
async def team(team_id: uuid.UUID, request: Request, principal: TeamOrDsoAdmin, uow: UowFactory) -> TeamOut:
    """The team: what it is authorised for bounds what its resources may be given."""
    with answered_as_problems(request, principal):
        found = await team_details(uow(), actor_of(principal), team_id)
    return TeamOut(
        id=found.id,
        name=found.name,
        organisation_number=found.organisation_number,
        dso_id=found.dso_id,
        authorisations=sorted(found.authorisations),
    )

"""Typed dependencies of projects' routes: the unit of work, the cases and GIS clients, the sealer, the clock
and the caller."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

from projects.adapters.uow import ProjectsUnitOfWork
from projects.service_layer.access import Actor
from projects.service_layer.addresses import AddressResolver
from projects.service_layer.case_types import CaseTypes
from projects.service_layer.job_requests import Seal
from servicekit.auth import CurrentPrincipal


def _uow(request: Request) -> ProjectsUnitOfWork:
    factory: Callable[[], ProjectsUnitOfWork] = request.app.state.uow_factory
    return factory()


Uow = Annotated[ProjectsUnitOfWork, Depends(_uow)]


def _case_types(request: Request) -> CaseTypes:
    case_types: CaseTypes = request.app.state.case_types
    return case_types


CaseTypesService = Annotated[CaseTypes, Depends(_case_types)]


def _addresses(request: Request) -> AddressResolver:
    addresses: AddressResolver = request.app.state.addresses
    return addresses


AddressesService = Annotated[AddressResolver, Depends(_addresses)]


def _seal(request: Request) -> Seal:
    seal: Seal = request.app.state.seal
    return seal


Sealing = Annotated[Seal, Depends(_seal)]


def _now() -> datetime:
    return datetime.now(UTC)


Now = Annotated[datetime, Depends(_now)]


def _actor(request: Request, principal: CurrentPrincipal) -> Actor:
    # The principal is verified from this very header; the token goes on to cases and GIS with the call.
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    chosen = request.headers.get("accept-language", "")[:2].lower()
    language = next((lang for lang in (chosen, principal.language) if lang in ("sv", "da", "en")), "sv")
    return Actor(
        user_id=principal.user_id,
        role=principal.role.value,
        team_id=principal.team_id,
        dso_id=principal.dso_id,
        name=principal.name,
        language=language,
        token=token,
    )


CurrentActor = Annotated[Actor, Depends(_actor)]

"""Typed dependencies of cases' routes: the unit of work, GIS, the clock and the acting user."""

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, cast

from fastapi import Depends, Request

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.roles import ActorRole
from cases.domain.texts import Language
from cases.service_layer.access import Actor
from cases.service_layer.gis import Gis
from servicekit.auth import CurrentPrincipal


def _uow_factory(request: Request) -> Callable[[], CasesUnitOfWork]:
    factory: Callable[[], CasesUnitOfWork] = request.app.state.uow_factory
    return factory


UowFactory = Annotated[Callable[[], CasesUnitOfWork], Depends(_uow_factory)]


def _gis(request: Request) -> Gis:
    gis: Gis = request.app.state.gis
    return gis


GisService = Annotated[Gis, Depends(_gis)]


def _now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


Now = Annotated[datetime, Depends(_now)]


def _actor(request: Request, principal: CurrentPrincipal) -> Actor:
    # The principal is verified from this very header; the raw token goes on to GIS with the call.
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    # The portal's language switch wins over the account's language (the gateway says which it shows).
    chosen = request.headers.get("accept-language", "")[:2].lower()
    language = next((lang for lang in (chosen, principal.language) if lang in ("sv", "da", "en")), "sv")
    return Actor(
        user_id=principal.user_id,
        role=ActorRole(principal.role.value),
        team_id=principal.team_id,
        dso_id=principal.dso_id,
        language=cast(Language, language),
        token=token,
        name=principal.name,
    )


CurrentActor = Annotated[Actor, Depends(_actor)]

"""Typed dependencies of notifications' routes: the unit of work, the portal's links and the reader."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends, Request

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.domain.links import PortalLinks
from notifications.domain.mail import Language
from servicekit.auth import CurrentPrincipal, Principal


def _uow(request: Request) -> NotificationsUnitOfWork:
    factory: Callable[[], NotificationsUnitOfWork] = request.app.state.uow_factory
    return factory()


Uow = Annotated[NotificationsUnitOfWork, Depends(_uow)]


def _links(request: Request) -> PortalLinks:
    links: PortalLinks = request.app.state.links
    return links


Links = Annotated[PortalLinks, Depends(_links)]


@dataclass(frozen=True, slots=True)
class Reader:
    """The signed-in user, who sees and changes only their own bell and preferences."""

    principal: Principal
    language: Language

    @property
    def user_id(self) -> uuid.UUID:
        return self.principal.user_id


def _reader(request: Request, principal: CurrentPrincipal) -> Reader:
    # The portal's language switch wins over the account's language, as in cases (the gateway says which).
    chosen = request.headers.get("accept-language", "")[:2].lower()
    language = next((lang for lang in (chosen, principal.language) if lang in ("sv", "da", "en")), "sv")
    return Reader(principal, cast(Language, language))


CurrentReader = Annotated[Reader, Depends(_reader)]

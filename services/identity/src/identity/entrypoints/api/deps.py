"""Typed dependencies of identity's routes."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from identity.adapters.uow import IdentityUnitOfWork


def _uow_factory(request: Request) -> Callable[[], IdentityUnitOfWork]:
    factory: Callable[[], IdentityUnitOfWork] = request.app.state.uow_factory
    return factory


UowFactory = Annotated[Callable[[], IdentityUnitOfWork], Depends(_uow_factory)]

"""Who may call identity's administrative routes, and how refusals are answered and logged.

A role that may never do something gets 403. Something in another DSO or another team gets 404, the
same as something that does not exist (service_layer/scope.py), so a caller learns nothing about
others. Every refusal is logged with ids only (servicekit.auth logs the 401s and 403s; reaching
outside one's scope is logged here).
"""

import contextlib
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from identity.domain.team_application import ApplicationAlreadyDecided
from identity.domain.user import Role as UserRole
from identity.service_layer.scope import (
    Actor,
    ActorNotCurrent,
    ConflictingState,
    InvalidFields,
    OutOfScope,
    UnknownItem,
)
from servicekit.auth import Principal, Role, log_refusal, require_roles
from servicekit.problems import Conflict, FieldError, InvalidInput, NotFound, Unauthorized

DsoAdmin = Annotated[Principal, Depends(require_roles(Role.DSO_ADMIN))]
TeamAdmin = Annotated[Principal, Depends(require_roles(Role.TEAM_ADMIN))]
TeamOrDsoAdmin = Annotated[Principal, Depends(require_roles(Role.TEAM_ADMIN, Role.DSO_ADMIN))]
TeamMember = Annotated[Principal, Depends(require_roles(Role.INSTALLER, Role.TEAM_ADMIN))]


def actor_of(principal: Principal) -> Actor:
    return Actor(principal.user_id, UserRole(principal.role.value), principal.team_id, principal.dso_id)


def invalid(errors: dict[str, str]) -> InvalidInput:
    summary = "; ".join(f"{field}: {message}" for field, message in errors.items())
    return InvalidInput(summary, errors=[FieldError(field, message) for field, message in errors.items()])


@contextlib.contextmanager
def answered_as_problems(request: Request, principal: Principal) -> Iterator[None]:
    """Turns the use cases' refusals into problem details; logs reaching outside one's scope."""
    try:
        yield
    except ActorNotCurrent:
        log_refusal(request, principal, "the caller is no longer active, or no longer in this role or team")
        raise Unauthorized("sign in again", headers={"WWW-Authenticate": "Bearer"}) from None
    except OutOfScope as error:
        log_refusal(request, principal, f"{error.kind} {error.item_id} is outside the caller's scope")
        raise NotFound(f"no {error.kind} with this id") from None
    except UnknownItem as error:
        raise NotFound(f"no {error.kind} with this id") from None
    except ApplicationAlreadyDecided as error:
        raise Conflict(str(error), application_status=error.status.value) from None
    except ConflictingState as error:
        errors = [FieldError(error.field, str(error))] if error.field else []
        raise Conflict(str(error), errors=errors) from None
    except InvalidFields as error:
        raise invalid(error.errors) from None

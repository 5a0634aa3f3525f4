"""Projects' refusals as problem details, each naming the field or what to do instead."""

import contextlib
from collections.abc import Iterator

from fastapi import Request

from projects.domain.project import InvalidName, NotEmpty
from projects.service_layer.access import Actor, ProjectNotFound, TeamOnly, VersionConflict
from projects.service_layer.case_types import CasesUnavailable
from projects.service_layer.projects import GroupNotFound, NotProjectCapable
from servicekit.auth import Principal, Role, log_refusal
from servicekit.problems import Conflict, Forbidden, NotFound, ServiceUnavailable, invalid_field


@contextlib.contextmanager
def answered_as_problems(request: Request, actor: Actor, *, name_field: str = "name") -> Iterator[None]:
    try:
        yield
    except ProjectNotFound:
        log_refusal(request, _principal(actor), "no such project for the caller")
        raise NotFound("no project with this id") from None
    except GroupNotFound:
        raise NotFound("no group with this id in the project") from None
    except TeamOnly as refused:
        log_refusal(request, _principal(actor), str(refused))
        raise Forbidden(str(refused)) from None
    except VersionConflict as conflict:
        raise Conflict(str(conflict), current_version=conflict.current) from None
    except NotEmpty as not_empty:
        raise Conflict(str(not_empty)) from None
    except InvalidName as invalid:
        raise invalid_field(name_field, str(invalid)) from None
    except NotProjectCapable as wrong_type:
        raise invalid_field(
            "case_type", f"{wrong_type}: not a project case type your grid company takes"
        ) from None
    except CasesUnavailable:
        raise ServiceUnavailable("the case service did not answer; try again shortly") from None


def _principal(actor: Actor) -> Principal:
    return Principal(actor.user_id, Role(actor.role), actor.team_id, actor.dso_id)

"""Projects' refusals as problem details, each naming the field or what to do instead."""

import contextlib
from collections.abc import Iterator

from fastapi import Request

from projects.domain.bulk_actions import IncompleteAction
from projects.domain.project import InvalidName, NotEmpty
from projects.service_layer.access import Actor, ProjectNotFound, TeamOnly, VersionConflict
from projects.service_layer.addresses import AddressesUnavailable
from projects.service_layer.bulk_actions import ActionBlocked, SelectionInvalid
from projects.service_layer.case_types import CasesUnavailable
from projects.service_layer.imports import CaseTypeGone, ImportRunning
from projects.service_layer.jobs import JobNotFound
from projects.service_layer.projects import GroupNotFound, NotProjectCapable
from servicekit.auth import Principal, Role, log_refusal
from servicekit.problems import Conflict, Forbidden, NotFound, ServiceUnavailable, invalid_field

_LISTED_BLOCKERS = 100  # enough to show which cases to deselect; the count says how many in all


@contextlib.contextmanager
def answered_as_problems(request: Request, actor: Actor, *, name_field: str = "name") -> Iterator[None]:
    try:
        yield
    except ProjectNotFound:
        log_refusal(request, _principal(actor), "no such project for the caller")
        raise NotFound("no project with this id") from None
    except GroupNotFound:
        raise NotFound("no group with this id in the project") from None
    except JobNotFound:
        raise NotFound("no job with this id in the project") from None
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
    except CaseTypeGone as gone:
        raise Conflict(f"your grid company no longer takes cases of the group's type ({gone})") from None
    except ImportRunning as running:
        raise Conflict(str(running)) from None
    except (SelectionInvalid, IncompleteAction) as invalid:
        raise invalid_field(invalid.field, str(invalid)) from None
    except ActionBlocked as blocked:
        raise Conflict(
            str(blocked),
            blocking=[
                {"case_id": str(case.case_id), "case_number": case.case_number, "status": case.status}
                for case in blocked.blocked[:_LISTED_BLOCKERS]
            ],
            blocking_count=len(blocked.blocked),
            allowed_actions=[action.value for action in blocked.allowed],
        ) from None
    except CasesUnavailable:
        raise ServiceUnavailable("the case service did not answer; try again shortly") from None
    except AddressesUnavailable:
        raise ServiceUnavailable("the map service did not answer; try again shortly") from None


def _principal(actor: Actor) -> Principal:
    return Principal(actor.user_id, Role(actor.role), actor.team_id, actor.dso_id)

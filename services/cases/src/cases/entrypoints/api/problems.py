"""The cases domain's refusals as problem details: each names the field or lists what is allowed."""

import contextlib
from collections.abc import Iterator

from fastapi import Request

from cases.domain.approval_rules import InvalidRule
from cases.domain.attachments import AttachmentRefused, CaseTakesNoFiles
from cases.domain.case import Incomplete, InvalidValues, NotADraft, NotAssignable, OwnCommand
from cases.domain.case_list import InvalidListQuery
from cases.domain.case_policy import InvalidTarget
from cases.domain.form_versions import InvalidForm
from cases.domain.lifecycle import IllegalTransition, ReasonRequired
from cases.domain.notes import InvalidNote, NotesClosed
from cases.service_layer.access import Actor, CaseNotFound, DsoNotSetUp, NotAllowed, VersionConflict
from cases.service_layer.assignment import UnknownHandler
from cases.service_layer.case_type_admin import CaseTypeNotFound
from cases.service_layer.drafts import OutsideCallersDso, UnknownCaseType
from cases.service_layer.gis import GisUnavailable
from servicekit.auth import Principal, Role, log_refusal
from servicekit.problems import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceUnavailable,
    invalid_field,
)


@contextlib.contextmanager
def answered_as_problems(request: Request, actor: Actor) -> Iterator[None]:
    try:
        yield
    except CaseNotFound:
        log_refusal(request, _principal(actor), "no such case in the caller's team or DSO")
        raise NotFound("no case with this id") from None
    except NotAllowed as refused:
        log_refusal(request, _principal(actor), str(refused))
        raise Forbidden(str(refused)) from None
    except VersionConflict as conflict:
        raise Conflict(str(conflict), current_version=conflict.current) from None
    except NotADraft as not_draft:
        raise Conflict(str(not_draft), status=not_draft.status.value) from None
    except IllegalTransition as illegal:
        raise Conflict(
            str(illegal), current_status=illegal.current.value, allowed=[s.value for s in illegal.allowed]
        ) from None
    except OwnCommand as own:
        raise Conflict(str(own)) from None
    except ReasonRequired as missing_reason:
        raise invalid_field("reason", str(missing_reason)) from None
    except InvalidValues as invalid:
        raise InvalidInput(
            "; ".join(f"{name}: {error}" for name, error in invalid.errors.items()),
            errors=[FieldError(f"values.{name}", error) for name, error in invalid.errors.items()],
        ) from None
    except Incomplete as incomplete:
        raise InvalidInput(
            f"{len(incomplete.missing)} things are missing before this can be sent",
            errors=[
                FieldError(_missing_path(item.kind, item.name), "is required") for item in incomplete.missing
            ],
            missing=[
                {"kind": item.kind, "name": item.name, "label": item.label} for item in incomplete.missing
            ],
        ) from None
    except OutsideCallersDso as outside:
        raise invalid_field("lon", str(outside)) from None
    except DsoNotSetUp:
        raise invalid_field(
            "lon", "the grid company here does not take cases through the portal yet"
        ) from None
    except UnknownCaseType as unknown:
        raise invalid_field("case_type", f"the grid company takes no cases of type {unknown}") from None
    except InvalidListQuery as invalid_query:
        raise invalid_field(invalid_query.field, invalid_query.message) from None
    except CaseTakesNoFiles as finished:
        raise Conflict(str(finished)) from None
    except AttachmentRefused as refused_file:
        raise invalid_field(refused_file.field, str(refused_file)) from None
    except NotAssignable as not_assignable:
        raise Conflict(str(not_assignable)) from None
    except UnknownHandler:
        raise invalid_field("handler_id", "is not an active handler of your grid company") from None
    except InvalidNote as invalid_note:
        raise invalid_field("body", str(invalid_note)) from None
    except NotesClosed as closed:
        raise Conflict(str(closed), status=closed.status.value) from None
    except CaseTypeNotFound:
        raise NotFound("your grid company has no case type with this code") from None
    except InvalidRule as invalid_rule:
        raise invalid_field(invalid_rule.where, invalid_rule.message) from None
    except InvalidForm as invalid_form:
        raise invalid_field(invalid_form.where, invalid_form.message) from None
    except InvalidTarget as invalid_target:
        raise invalid_field("target_working_days", str(invalid_target)) from None
    except GisUnavailable:
        raise ServiceUnavailable(
            "the map service does not answer; try again in a moment", headers={"Retry-After": "5"}
        ) from None


def _missing_path(kind: str, name: str) -> str:
    return f"values.{name}" if kind == "field" else f"attachments.{name}"


def _principal(actor: Actor) -> Principal:
    return Principal(actor.user_id, Role(actor.role.value), actor.team_id, actor.dso_id, actor.language)

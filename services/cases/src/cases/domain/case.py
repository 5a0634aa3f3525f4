"""The case aggregate: a draft the installer edits, then a sent case moving through its life cycle.

Commands check what the domain decides (editable only as a draft, complete before sending, transitions by
role); the service layer adds the clock, the number and persistence.
"""

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from cases.domain.case_types import (
    CaseTypeSchema,
    FieldSpec,
    Missing,
    field_errors,
    missing_for_submission,
    validate_draft,
)
from cases.domain.field_values import is_empty
from cases.domain.lifecycle import Transition, transition
from cases.domain.roles import DSO_ROLES, TEAM_ROLES, ActorRole
from cases.domain.service_level import ServiceLevelClock
from cases.domain.status import OPEN, TERMINAL, CaseStatus
from cases.domain.texts import Language
from cases.domain.working_days import WorkingCalendar

DRAFT_LIFETIME = timedelta(days=14)
DRAFT_WARNING_BEFORE = timedelta(days=2)


class NotADraft(ValueError):
    def __init__(self, status: CaseStatus) -> None:
        super().__init__(f"only a draft can be changed; this case is {status}")
        self.status = status


class InvalidValues(ValueError):
    """Values that cannot be right: field name -> what is wrong."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{name} {error}" for name, error in errors.items()))
        self.errors = dict(errors)


class OwnCommand(ValueError):
    """Sending and the completion notice check a form first: they are not bare status moves."""

    def __init__(self, to: CaseStatus) -> None:
        super().__init__(f"a case is moved to {to} with its own command, which checks its form")
        self.to = to


# The statuses reached only through their own commands (submit, completion notice).
_OWN_COMMANDS = frozenset({CaseStatus.SUBMITTED, CaseStatus.COMPLETION_NOTICE_RECEIVED})


class NotAssignable(ValueError):
    """Only the DSO assigns its handlers, and only to a sent case that can still change."""


class NotReassignable(ValueError):
    """Only the case's team gives it to another of its members, and only while it is still open."""


class Incomplete(ValueError):
    """Mandatory fields or attachments are missing: all of them, at once."""

    def __init__(self, missing: list[Missing]) -> None:
        super().__init__("missing: " + ", ".join(item.label for item in missing))
        self.missing = missing


@dataclass(frozen=True, slots=True)
class ProjectPlace:
    """Where a case sits in an installer's project; an imported case also names its job and row, which
    make it once however often the job's part comes."""

    project_id: uuid.UUID
    group_id: uuid.UUID
    import_job_id: uuid.UUID | None = None
    import_row: int | None = None


@dataclass(frozen=True, slots=True)
class Case:
    id: uuid.UUID
    dso_id: str
    team_id: uuid.UUID
    installer_id: uuid.UUID
    case_type: str
    case_type_version: int
    status: CaseStatus
    values: dict[str, str | None]
    address: str
    lon: float
    lat: float
    created_at: datetime
    updated_at: datetime
    installer_name: str = ""
    grid_area_id: str | None = None
    case_number: str | None = None
    submitted_at: datetime | None = None
    completion_notice: dict[str, str | None] | None = None
    version: int = 1
    expiry_warned_for: datetime | None = field(default=None, compare=False)
    handler_id: uuid.UUID | None = None
    handler_name: str = ""
    clock: ServiceLevelClock = field(default_factory=ServiceLevelClock)
    project: "ProjectPlace | None" = None

    @property
    def expires_at(self) -> datetime | None:
        """When the expiry job deletes this draft unless it changes first."""
        return self.updated_at + DRAFT_LIFETIME if self.status == CaseStatus.DRAFT else None

    def with_values(self, schema: CaseTypeSchema, changes: Mapping[str, str | None], now: datetime) -> "Case":
        """The draft with `changes` applied (None clears); InvalidValues names every value that cannot be."""
        self._require_draft()
        errors = validate_draft(schema, changes)
        if errors:
            raise InvalidValues(errors)
        values = {**self.values, **{name: _clean(value) for name, value in changes.items()}}
        return replace(self, values=values, address=_address(values, self.address), updated_at=now)

    def submitted(
        self,
        schema: CaseTypeSchema,
        attachments: Collection[str],
        number: str,
        now: datetime,
        language: Language,
    ) -> tuple["Case", Transition]:
        """Sent with its number: Incomplete lists every missing field and attachment."""
        self._require_draft()
        self.check_complete(schema, attachments, language)
        step = transition(self.status, CaseStatus.SUBMITTED, ActorRole.INSTALLER)
        sent = replace(
            self, status=CaseStatus.SUBMITTED, case_number=number, submitted_at=now, updated_at=now
        )
        return sent, step

    def check_complete(
        self, schema: CaseTypeSchema, attachments: Collection[str], language: Language
    ) -> None:
        self._require_draft()
        if missing := missing_for_submission(schema, self.values, attachments, language):
            raise Incomplete(missing)

    def moved(
        self, to: CaseStatus, role: ActorRole, reason: str | None, now: datetime
    ) -> tuple["Case", Transition]:
        """IllegalTransition (with the allowed moves) or ReasonRequired, else the case after the step."""
        if to in _OWN_COMMANDS:
            transition(self.status, to, role)  # who may not do it at all hears that first
            raise OwnCommand(to)
        step = transition(self.status, to, role, reason)
        return replace(self, status=to, updated_at=now), step

    def with_completion_notice(
        self,
        fields: tuple[FieldSpec, ...],
        values: Mapping[str, str | None],
        role: ActorRole,
        now: datetime,
        language: Language,
    ) -> tuple["Case", Transition]:
        """The completion notice checked field by field (all missing at once), then the step to
        `completion_notice_received`."""
        errors = field_errors(fields, values)
        if errors:
            raise InvalidValues(errors)
        cleaned = {spec.name: _clean(values.get(spec.name)) for spec in fields}
        missing = [
            Missing("field", spec.name, spec.labels.in_language(language))
            for spec in fields
            if spec.mandatory and is_empty(cleaned[spec.name])
        ]
        # The role check first: a DSO user must hear "not yours to do", not "fill in the date".
        step = transition(self.status, CaseStatus.COMPLETION_NOTICE_RECEIVED, role)
        if missing:
            raise Incomplete(missing)
        return replace(self, status=step.to_status, completion_notice=cleaned, updated_at=now), step

    def assigned(
        self, handler_id: uuid.UUID | None, handler_name: str, role: ActorRole, now: datetime
    ) -> "Case":
        """The case given to a handler (None: back to the unassigned queue)."""
        if role not in DSO_ROLES:
            raise NotAssignable("only the grid company assigns its handlers")
        if self.status == CaseStatus.DRAFT or self.status in TERMINAL:
            raise NotAssignable(f"a case that is {self.status} is not assigned")
        return replace(
            self, handler_id=handler_id, handler_name=handler_name if handler_id else "", updated_at=now
        )

    def given_to(
        self, installer_id: uuid.UUID, installer_name: str, role: ActorRole, now: datetime
    ) -> "Case":
        """The case handed to another member of its team (who must be checked to be one by the caller)."""
        if role not in TEAM_ROLES:
            raise NotReassignable("only the installer team gives a case to another of its members")
        if self.status not in OPEN:  # a draft has no number to follow; a finished case needs nobody
            raise NotReassignable(f"a case that is {self.status} is not handed over")
        if installer_id == self.installer_id:
            raise NotReassignable("the case is already theirs")
        return replace(self, installer_id=installer_id, installer_name=installer_name, updated_at=now)

    def clocked(self, calendar: WorkingCalendar, now: datetime) -> "Case":
        """The service-level clock after the case reached its current status at `now`."""
        return replace(self, clock=self.clock.after(self.status, calendar.local_date(now), calendar))

    def _require_draft(self) -> None:
        if self.status != CaseStatus.DRAFT:
            raise NotADraft(self.status)


def _clean(value: str | None) -> str | None:
    return None if value is None or is_empty(value) else value.strip()


def site_address(values: Mapping[str, str | None]) -> str:
    """`Solgatan 20, 25225 Helsingborg` from the site fields; empty when none is filled."""
    street = (values.get("street") or "").strip()
    town = " ".join(
        part for part in ((values.get("postcode") or "").strip(), (values.get("city") or "").strip()) if part
    )
    return ", ".join(part for part in (street, town) if part)


def _address(values: Mapping[str, str | None], fallback: str) -> str:
    return site_address(values) or fallback

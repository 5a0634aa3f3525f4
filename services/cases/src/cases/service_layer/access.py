"""Who acts, and which cases they may touch: a team its own cases, a DSO its own sent ones. Anything else
is "not found", so nobody learns that another team's case exists."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import Case
from cases.domain.case_types import CaseTypeSchema
from cases.domain.roles import DSO_ROLES, TEAM_ROLES, ActorRole
from cases.domain.search_text import search_text
from cases.domain.status import CaseStatus
from cases.domain.texts import Language
from cases.domain.working_days import WorkingCalendar, calendar_for


class CaseNotFound(LookupError):
    pass


class VersionConflict(RuntimeError):
    """Someone changed the case since the caller read it."""

    def __init__(self, current: int | None) -> None:
        super().__init__(f"the case has changed since you read it (it is at version {current})")
        self.current = current


class NotAllowed(PermissionError):
    """The caller's role has no business with this command (a DSO user creating a case)."""


class DsoNotSetUp(LookupError):
    """The DSO takes no cases through the portal (no settings in cases)."""


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: uuid.UUID
    role: ActorRole
    team_id: uuid.UUID | None
    dso_id: str | None
    language: Language
    token: str  # forwarded to GIS so it applies the caller's rights
    name: str = ""  # as identity signed it into the token; recorded with what the actor does

    @property
    def is_team(self) -> bool:
        return self.role in TEAM_ROLES and self.team_id is not None

    @property
    def is_dso(self) -> bool:
        return self.role in DSO_ROLES and self.dso_id is not None

    def may_see(self, case: Case) -> bool:
        if self.is_team:
            return case.team_id == self.team_id
        if self.is_dso:
            return case.dso_id == self.dso_id and case.status != CaseStatus.DRAFT
        return False

    def require_team(self) -> uuid.UUID:
        if not self.is_team or self.team_id is None:
            raise NotAllowed("only members of an installer team do this")
        return self.team_id


async def visible_case(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, version: int | None = None
) -> Case:
    """The case if the actor may see it (else CaseNotFound) and, when `version` is given, still at it."""
    case = await uow.cases.get(case_id)
    if case is None or not actor.may_see(case):
        raise CaseNotFound(case_id)
    if version is not None and case.version != version:
        raise VersionConflict(case.version)
    return case


async def schema_of(uow: CasesUnitOfWork, case: Case) -> CaseTypeSchema:
    """The version of the type the case was created with (a later form change does not touch it)."""
    schema = await uow.case_types.get(case.dso_id, case.case_type, case.case_type_version)
    if schema is None:  # pragma: no cover - versions are never deleted
        raise LookupError(f"case type {case.case_type} v{case.case_type_version} of {case.dso_id} is gone")
    return schema


async def calendar_of(uow: CasesUnitOfWork, dso_id: str) -> WorkingCalendar:
    """The working days of the DSO's country, for its service-level clocks."""
    settings = await uow.dso_settings.get(dso_id)
    if settings is None:
        raise DsoNotSetUp(dso_id)
    return calendar_for(settings.country)


async def save(uow: CasesUnitOfWork, case: Case, schema: CaseTypeSchema) -> Case:
    """Write the changed case if nobody else did first; the saved case carries its new version."""
    [saved] = await save_all(uow, [(case, schema)])
    return saved


async def save_all(uow: CasesUnitOfWork, changed: Sequence[tuple[Case, CaseTypeSchema]]) -> list[Case]:
    """`save` for many cases at once (one write): all of them, or VersionConflict for the first that
    someone else changed first (the unit of work is then rolled back)."""
    saved = await uow.cases.save_many([(case, search_text_of(case, schema)) for case, schema in changed])
    for (case, _), written in zip(changed, saved, strict=True):
        if written is None:
            raise VersionConflict(await uow.cases.current_version(case.id))
    return [written for written in saved if written is not None]


def search_text_of(case: Case, schema: CaseTypeSchema) -> str:
    return search_text(
        case_number=case.case_number,
        type_names=schema.names,
        address=case.address,
        created_at=case.created_at,
        status=case.status,
        installer_name=case.installer_name,
    )

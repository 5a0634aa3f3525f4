"""Use cases of a DSO admin reviewing team applications to their DSO: list, read, approve, reject."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from contracts.events.identity import TeamApplicationApprovedV1, TeamApplicationRejectedV1
from identity.adapters.personal_numbers import PersonalNumberCipher
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.certificate import Certificate
from identity.domain.personal_number import mask_personal_number
from identity.domain.signing import signature_intact
from identity.domain.team import Team
from identity.domain.team_application import ApplicationAlreadyDecided, ApplicationStatus, TeamApplication
from identity.domain.user import Role, User, normalise_email
from identity.service_layer.password_links import issue_password_link
from identity.service_layer.scope import (
    Actor,
    ConflictingState,
    InvalidFields,
    OutOfScope,
    UnknownItem,
    check_actor_current,
)
from identity.service_layer.user_events import team_registered, user_created

MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class ApplicationDetails:
    application: TeamApplication
    certificate: Certificate | None
    personal_number_masked: str | None
    signature_intact: bool
    decided_by_name: str | None = None


@dataclass(frozen=True, slots=True)
class Approval:
    application: TeamApplication
    team: Team
    admin: User


async def list_applications(
    uow: IdentityUnitOfWork, reviewer: Actor, status: ApplicationStatus | None
) -> list[TeamApplication]:
    """The applications to the reviewer's own DSO, newest first."""
    if reviewer.dso_id is None:
        return []
    async with uow:
        return await uow.applications.list_for_dso(reviewer.dso_id, status)


async def application_details(
    uow: IdentityUnitOfWork, cipher: PersonalNumberCipher, reviewer: Actor, application_id: uuid.UUID
) -> ApplicationDetails:
    """One application with its certificate, the personal number masked, the signature checked."""
    async with uow:
        application = await _reviewable(uow, reviewer, application_id)
        certificate = await _certificate_of(uow, application)
        decider = await uow.users.get(application.decided_by) if application.decided_by else None
    masked = None
    if application.personal_number_encrypted is not None:
        number = cipher.decrypt(application.personal_number_encrypted, context=application.id)
        masked = mask_personal_number(number)
    intact = certificate is not None and signature_intact(application, certificate)
    return ApplicationDetails(application, certificate, masked, intact, decider.name if decider else None)


async def application_certificate(
    uow: IdentityUnitOfWork, reviewer: Actor, application_id: uuid.UUID
) -> Certificate:
    """The uploaded certificate, only for the DSO applied to."""
    async with uow:
        certificate = await _certificate_of(uow, await _reviewable(uow, reviewer, application_id))
    if certificate is None:
        raise UnknownItem("certificate", application_id)
    return certificate


async def approve_application(
    uow: IdentityUnitOfWork, reviewer: Actor, application_id: uuid.UUID
) -> Approval:
    """Create the team and its administrator, and mail the administrator a set-password link."""
    now = datetime.now(UTC)
    async with uow:
        await check_actor_current(uow, reviewer)  # a deactivated reviewer's token still lasts minutes
        application = await _reviewable(uow, reviewer, application_id, for_update=True)
        if application.status is not ApplicationStatus.SUBMITTED:
            raise ApplicationAlreadyDecided(application.status)
        email = normalise_email(application.contact_email)
        if await uow.users.email_taken(email):
            raise ConflictingState("an account with this e-mail address already exists", "contact_email")
        if await uow.teams.exists(application.dso_id, application.organisation_number):
            raise ConflictingState(
                "a team with this organisation number is already registered", "organisation_number"
            )
        team = Team(
            dso_id=application.dso_id,
            name=application.company_name,
            organisation_number=application.organisation_number,
            authorisations=application.authorisations,
            application_id=application.id,
            created_at=now,
        )
        first_name, last_name = _split_name(application.contact_name)
        admin = User(
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=Role.TEAM_ADMIN,
            dso_id=team.dso_id,
            team_id=team.id,
            mobile=application.contact_mobile,
            authorisations=team.authorisations,
            language=application.language,
            created_at=now,
        )
        application.approve(reviewer.user_id, team.id, now)
        uow.teams.add(team)
        await uow.flush()
        uow.users.add(admin)
        await uow.applications.save(application)
        _emit_approval(uow, application, team, admin, reviewer)
        await issue_password_link(uow, admin, "team_admin_welcome", team_name=team.name)
        try:
            await uow.commit()
        except IntegrityError:
            # Another approval took the e-mail address or organisation number between check and commit.
            raise ConflictingState("the e-mail address or the team was registered meanwhile") from None
    return Approval(application, team, admin)


async def reject_application(
    uow: IdentityUnitOfWork, reviewer: Actor, application_id: uuid.UUID, reason: str
) -> TeamApplication:
    """Reject with a reason the applicant is mailed."""
    reason = reason.strip()
    if not 1 <= len(reason) <= MAX_REASON:
        raise InvalidFields({"reason": f"give a reason of 1 to {MAX_REASON} characters"})
    async with uow:
        await check_actor_current(uow, reviewer)  # a deactivated reviewer's token still lasts minutes
        application = await _reviewable(uow, reviewer, application_id, for_update=True)
        application.reject(reviewer.user_id, reason, datetime.now(UTC))
        await uow.applications.save(application)
        dso = await uow.dsos.get(application.dso_id)
        uow.emit(
            TeamApplicationRejectedV1(
                application_id=application.id,
                dso_id=application.dso_id,
                dso_name=dso.name if dso else application.dso_id,
                company_name=application.company_name,
                contact_name=application.contact_name,
                contact_email=application.contact_email,
                language=application.language,
                reason=reason,
                decided_by=reviewer.user_id,
            ),
            key=str(application.id),
            tenant=application.dso_id,
        )
        await uow.commit()
    return application


async def _reviewable(
    uow: IdentityUnitOfWork, reviewer: Actor, application_id: uuid.UUID, *, for_update: bool = False
) -> TeamApplication:
    application = await uow.applications.get(application_id, for_update=for_update)
    if application is None:
        raise UnknownItem("team application", application_id)
    if application.dso_id != reviewer.dso_id:
        raise OutOfScope("team application", application_id)
    return application


async def _certificate_of(uow: IdentityUnitOfWork, application: TeamApplication) -> Certificate | None:
    if application.certificate_id is None:
        return None
    return await uow.certificates.get(application.certificate_id)


def _split_name(full_name: str) -> tuple[str, str]:
    """`Anna Maria Andersson` → (`Anna Maria`, `Andersson`); a single name is the first name."""
    first, _, last = full_name.strip().rpartition(" ")
    first, last = (first, last) if first else (last, "")
    return first[:100], last[:100]  # the account's columns; applications allow no longer names


def _emit_approval(
    uow: IdentityUnitOfWork, application: TeamApplication, team: Team, admin: User, reviewer: Actor
) -> None:
    uow.emit(team_registered(team), key=str(team.id), tenant=team.dso_id)
    uow.emit(user_created(admin), key=str(admin.id), tenant=admin.dso_id)
    uow.emit(
        TeamApplicationApprovedV1(
            application_id=application.id,
            dso_id=application.dso_id,
            team_id=team.id,
            admin_user_id=admin.id,
            decided_by=reviewer.user_id,
        ),
        key=str(application.id),
        tenant=application.dso_id,
    )

"""Identity's queries for DSOs, applications, certificates, teams and users."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from identity.adapters.tables import CertificateRow, DsoRow, TeamApplicationRow, TeamRow, UserRow
from identity.domain.authorisation import Authorisation
from identity.domain.certificate import Certificate
from identity.domain.dso import Dso
from identity.domain.team import Team
from identity.domain.team_application import (
    Address,
    ApplicationStatus,
    Signature,
    TeamApplication,
)
from identity.domain.user import Role, User


class DsoRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, dso_id: str) -> Dso | None:
        row = await self._session.get(DsoRow, dso_id)
        return None if row is None else _dso(row)

    async def list(self) -> list[Dso]:
        rows = (await self._session.execute(select(DsoRow).order_by(DsoRow.name))).scalars()
        return [_dso(row) for row in rows]

    async def upsert(self, dso: Dso) -> None:
        await self._session.merge(
            DsoRow(
                id=dso.id,
                name=dso.name,
                country=dso.country,
                case_prefix=dso.case_prefix,
                applications_email=dso.applications_email,
            )
        )


class CertificateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, certificate: Certificate) -> None:
        self._session.add(CertificateRow(**_fields(certificate)))

    async def get(self, certificate_id: uuid.UUID) -> Certificate | None:
        row = await self._session.get(CertificateRow, certificate_id)
        if row is None:
            return None
        return Certificate(
            id=row.id,
            file_name=row.file_name,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            content=row.content,
            uploaded_at=row.uploaded_at,
        )


class TeamApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, application: TeamApplication) -> None:
        self._session.add(TeamApplicationRow(**_application_columns(application)))

    async def save(self, application: TeamApplication) -> None:
        row = await self._session.get(TeamApplicationRow, application.id, with_for_update=True)
        if row is None:
            raise LookupError(application.id)
        for name, value in _application_columns(application).items():
            setattr(row, name, value)

    async def get(self, application_id: uuid.UUID, *, for_update: bool = False) -> TeamApplication | None:
        row = await self._session.get(TeamApplicationRow, application_id, with_for_update=for_update)
        return None if row is None else _application(row)

    async def list_for_dso(self, dso_id: str, status: ApplicationStatus | None) -> list[TeamApplication]:
        query = select(TeamApplicationRow).where(TeamApplicationRow.dso_id == dso_id)
        if status is not None:
            query = query.where(TeamApplicationRow.status == status.value)
        query = query.order_by(col(TeamApplicationRow.submitted_at).desc())
        return [_application(row) for row in (await self._session.execute(query)).scalars()]


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, team: Team) -> None:
        self._session.add(
            TeamRow(
                id=team.id,
                dso_id=team.dso_id,
                name=team.name,
                organisation_number=team.organisation_number,
                authorisations=sorted(team.authorisations),
                application_id=team.application_id,
                created_at=team.created_at,
            )
        )

    async def get(self, team_id: uuid.UUID) -> Team | None:
        row = await self._session.get(TeamRow, team_id)
        if row is None:
            return None
        return Team(
            id=row.id,
            dso_id=row.dso_id,
            name=row.name,
            organisation_number=row.organisation_number,
            authorisations=_authorisations(row.authorisations),
            application_id=row.application_id,
            created_at=row.created_at,
        )

    async def exists(self, dso_id: str, organisation_number: str) -> bool:
        query = select(func.count()).where(
            TeamRow.dso_id == dso_id, TeamRow.organisation_number == organisation_number
        )
        return bool((await self._session.execute(query)).scalar_one())


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, user: User) -> None:
        self._session.add(UserRow(**_user_columns(user)))

    async def save(self, user: User) -> None:
        row = await self._session.get(UserRow, user.id)
        if row is None:
            raise LookupError(user.id)
        for name, value in _user_columns(user).items():
            setattr(row, name, value)

    async def get(self, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
        row = await self._session.get(UserRow, user_id, with_for_update=for_update)
        return None if row is None else _user(row)

    async def by_email(self, email: str) -> User | None:
        """`email` normalised (lower-case) by the caller."""
        row = (
            await self._session.execute(select(UserRow).where(UserRow.email == email))
        ).scalar_one_or_none()
        return None if row is None else _user(row)

    async def email_taken(self, email: str) -> bool:
        query = select(func.count()).where(UserRow.email == email)
        return bool((await self._session.execute(query)).scalar_one())

    async def of_team(self, team_id: uuid.UUID) -> list[User]:
        query = (
            select(UserRow)
            .where(UserRow.team_id == team_id)
            .order_by(col(UserRow.last_name), col(UserRow.first_name))
        )
        return [_user(row) for row in (await self._session.execute(query)).scalars()]

    async def of_dso(self, dso_id: str, roles: Sequence[Role]) -> list[User]:
        """The DSO's users in `roles`, by name."""
        query = (
            select(UserRow)
            .where(UserRow.dso_id == dso_id, col(UserRow.role).in_([r.value for r in roles]))
            .order_by(col(UserRow.last_name), col(UserRow.first_name))
        )
        return [_user(row) for row in (await self._session.execute(query)).scalars()]


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _authorisations(values: Sequence[str]) -> frozenset[Authorisation]:
    return frozenset(Authorisation(value) for value in values)


def _dso(row: DsoRow) -> Dso:
    return Dso(
        id=row.id,
        name=row.name,
        country=row.country,  # type: ignore[arg-type]
        case_prefix=row.case_prefix,
        applications_email=row.applications_email,
    )


def _application_columns(application: TeamApplication) -> dict[str, Any]:
    address, signature = application.address, application.signature
    return {
        "id": application.id,
        "dso_id": application.dso_id,
        "company_name": application.company_name,
        "organisation_number": application.organisation_number,
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "language": application.language,
        "status": application.status.value,
        "submitted_at": application.submitted_at,
        "sole_trader": application.sole_trader,
        "personal_number_encrypted": application.personal_number_encrypted,
        "street": address.street if address else None,
        "postcode": address.postcode if address else None,
        "city": address.city if address else None,
        "authorisations": sorted(application.authorisations),
        "contact_mobile": application.contact_mobile,
        "certificate_id": application.certificate_id,
        "gdpr_consent_at": application.gdpr_consent_at,
        "signed_by": signature.signed_by if signature else None,
        "signed_at": signature.signed_at if signature else None,
        "signature_sha256": signature.sha256 if signature else None,
        "decided_by": application.decided_by,
        "decided_at": application.decided_at,
        "rejection_reason": application.rejection_reason,
        "team_id": application.team_id,
    }


def _application(row: TeamApplicationRow) -> TeamApplication:
    address = Address(row.street, row.postcode or "", row.city or "") if row.street is not None else None
    signature = (
        Signature(row.signed_by, row.signed_at, row.signature_sha256)
        if row.signed_by and row.signed_at and row.signature_sha256
        else None
    )
    return TeamApplication(
        id=row.id,
        dso_id=row.dso_id,
        company_name=row.company_name,
        organisation_number=row.organisation_number,
        contact_name=row.contact_name,
        contact_email=row.contact_email,
        language=row.language,  # type: ignore[arg-type]
        status=ApplicationStatus(row.status),
        submitted_at=row.submitted_at,
        sole_trader=row.sole_trader,
        personal_number_encrypted=row.personal_number_encrypted,
        address=address,
        authorisations=_authorisations(row.authorisations),
        contact_mobile=row.contact_mobile,
        certificate_id=row.certificate_id,
        gdpr_consent_at=row.gdpr_consent_at,
        signature=signature,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        rejection_reason=row.rejection_reason,
        team_id=row.team_id,
    )


def _user_columns(user: User) -> dict[str, Any]:
    columns = _fields(user)
    columns["role"] = user.role.value
    columns["authorisations"] = sorted(user.authorisations)
    return columns


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        first_name=row.first_name,
        last_name=row.last_name,
        role=Role(row.role),
        dso_id=row.dso_id,
        team_id=row.team_id,
        mobile=row.mobile,
        description=row.description,
        authorisations=_authorisations(row.authorisations),
        language=row.language,  # type: ignore[arg-type]
        active=row.active,
        password_hash=row.password_hash,
        password_changed_at=row.password_changed_at,
        created_at=row.created_at,
    )

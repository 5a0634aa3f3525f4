"""DSO settings (prefix, numbering), case types by version, and the people identity announced."""

import uuid
from datetime import datetime

from sqlalchemy import case, func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from cases.adapters.case_type_codec import schema_from_json, schema_to_json
from cases.adapters.policy_codec import policy_of, rules_to_json
from cases.adapters.tables import CaseRow, CaseTypePolicyRow, CaseTypeRow, DsoSettingsRow, PersonRow
from cases.domain.case_policy import CaseTypePolicy
from cases.domain.case_types import CaseTypeSchema
from cases.domain.records import DsoSettings, Person
from cases.domain.texts import Texts


class DsoSettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, dso_id: str) -> DsoSettings | None:
        row = await self._session.get(DsoSettingsRow, dso_id)
        return None if row is None else DsoSettings(row.dso_id, row.case_prefix, row.country)

    async def put(self, settings: DsoSettings) -> None:
        """Insert or change the prefix and country; the numbering goes on where it was."""
        await self._session.execute(
            insert(DsoSettingsRow)
            .values(dso_id=settings.dso_id, case_prefix=settings.case_prefix, country=settings.country)
            .on_conflict_do_update(
                index_elements=[col(DsoSettingsRow.dso_id)],
                set_={"case_prefix": settings.case_prefix, "country": settings.country},
            )
        )

    async def next_numbers(self, dso_id: str, count: int = 1) -> tuple[str, range]:
        """(prefix, numbers) for the next `count` sent cases, in order. The row stays locked until the
        transaction ends, so concurrent sends of one DSO take their turns and a rolled-back send gives its
        numbers back."""
        result = await self._session.execute(
            update(DsoSettingsRow)
            .where(col(DsoSettingsRow.dso_id) == dso_id)
            .values(last_number=col(DsoSettingsRow.last_number) + count)
            .returning(col(DsoSettingsRow.case_prefix), col(DsoSettingsRow.last_number))
        )
        prefix, last = result.one()
        return prefix, range(last - count + 1, last + 1)


class CaseTypeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # A version never changes once written: read once per unit of work (a part's 500 cases share one).
        self._versions: dict[tuple[str, str, int], CaseTypeSchema] = {}

    def add(self, schema: CaseTypeSchema, at: datetime) -> None:
        self.add_version(schema, True, at)

    async def current(self, dso_id: str) -> list[CaseTypeSchema]:
        """The types the DSO accepts, each at its newest version, in the order they were first added."""
        return [schema for schema, accepted in await self.newest_of_every_type(dso_id) if accepted]

    async def names(self, dso_id: str) -> dict[str, Texts]:
        """Each type's current name, for lists: only the names are read, not every form (a list asks on
        every page)."""
        rows = await self._session.execute(
            select(
                col(CaseTypeRow.code),
                CaseTypeRow.__table__.c.schema["names"],  # type: ignore[attr-defined]
            )
            .where(col(CaseTypeRow.dso_id) == dso_id)
            .order_by(col(CaseTypeRow.version))
        )
        # The newest version's name wins; types no longer accepted still name the cases made with them.
        return {code: Texts(**names) for code, names in rows}

    async def get(self, dso_id: str, code: str, version: int | None = None) -> CaseTypeSchema | None:
        """One version, or the newest active one when `version` is None."""
        if version is not None and (known := self._versions.get((dso_id, code, version))):
            return known
        query = select(CaseTypeRow).where(col(CaseTypeRow.dso_id) == dso_id, col(CaseTypeRow.code) == code)
        if version is None:
            query = query.where(col(CaseTypeRow.active)).order_by(col(CaseTypeRow.version).desc()).limit(1)
        else:
            query = query.where(col(CaseTypeRow.version) == version)
        row = (await self._session.execute(query)).scalars().first()
        if row is None:
            return None
        schema = schema_from_json(row.dso_id, row.schema_)
        self._versions[dso_id, code, row.version] = schema
        return schema

    async def newest_of_every_type(self, dso_id: str) -> list[tuple[CaseTypeSchema, bool]]:
        """Each of the DSO's types, accepted or not, at its newest version: (schema, accepted)."""
        rows = await self._session.execute(
            select(CaseTypeRow)
            .where(col(CaseTypeRow.dso_id) == dso_id)
            .order_by(col(CaseTypeRow.code), col(CaseTypeRow.version).desc())
        )
        newest: dict[str, CaseTypeRow] = {}
        first_added: dict[str, datetime] = {}
        for row in rows.scalars():
            newest.setdefault(row.code, row)
            first_added[row.code] = min(row.created_at, first_added.get(row.code, row.created_at))
        ordered = sorted(newest.values(), key=lambda row: first_added[row.code])
        return [(schema_from_json(row.dso_id, row.schema_), row.active) for row in ordered]

    async def set_accepted(self, dso_id: str, code: str, accepted: bool) -> None:
        """A type not accepted is not offered for new cases; its cases keep their versions and names."""
        await self._session.execute(
            update(CaseTypeRow)
            .where(col(CaseTypeRow.dso_id) == dso_id, col(CaseTypeRow.code) == code)
            .values(active=accepted)
        )

    def add_version(self, schema: CaseTypeSchema, accepted: bool, at: datetime) -> None:
        self._session.add(
            CaseTypeRow(
                dso_id=schema.dso_id,
                code=schema.code,
                version=schema.version,
                schema_=schema_to_json(schema),
                active=accepted,
                created_at=at,
            )
        )

    async def any_for(self, dso_id: str) -> bool:
        found = await self._session.execute(
            select(CaseTypeRow.code).where(col(CaseTypeRow.dso_id) == dso_id).limit(1)
        )
        return found.first() is not None


class CaseTypePolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, dso_id: str, code: str) -> CaseTypePolicy:
        row = await self._session.get(CaseTypePolicyRow, (dso_id, code))
        return CaseTypePolicy() if row is None else policy_of(row)

    async def of_dso(self, dso_id: str) -> dict[str, CaseTypePolicy]:
        rows = await self._session.execute(
            select(CaseTypePolicyRow).where(col(CaseTypePolicyRow.dso_id) == dso_id)
        )
        return {row.code: policy_of(row) for row in rows.scalars()}

    async def put(self, dso_id: str, code: str, policy: CaseTypePolicy) -> None:
        values = {
            "target_working_days": policy.target_working_days,
            "approval_rules": rules_to_json(policy.approval_rules),
        }
        await self._session.execute(
            insert(CaseTypePolicyRow)
            .values(dso_id=dso_id, code=code, **values)
            .on_conflict_do_update(
                index_elements=[col(CaseTypePolicyRow.dso_id), col(CaseTypePolicyRow.code)], set_=values
            )
        )


class PersonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def put(
        self,
        user_id: uuid.UUID,
        name: str,
        team_id: uuid.UUID | None,
        dso_id: str | None,
        role: str | None = None,
    ) -> None:
        await self._session.execute(
            insert(PersonRow)
            .values(user_id=user_id, name=name, team_id=team_id, dso_id=dso_id, role=role)
            .on_conflict_do_update(index_elements=[col(PersonRow.user_id)], set_={"name": name, "role": role})
        )

    async def set_active(self, user_id: uuid.UUID, active: bool) -> None:
        await self._session.execute(
            update(PersonRow).where(col(PersonRow.user_id) == user_id).values(active=active)
        )

    async def dso_staff(self, dso_id: str) -> list[Person]:
        """The DSO's active staff, by name: who a case can be assigned to."""
        rows = await self._session.execute(
            select(PersonRow)
            .where(
                col(PersonRow.dso_id) == dso_id,
                col(PersonRow.team_id).is_(None),
                col(PersonRow.active),
            )
            .order_by(col(PersonRow.name))
        )
        return [Person(row.user_id, row.name, row.role) for row in rows.scalars()]

    async def team_member(self, team_id: uuid.UUID, user_id: uuid.UUID) -> Person | None:
        """The team's active member, if `user_id` is one."""
        row = (
            await self._session.execute(
                select(PersonRow).where(
                    col(PersonRow.user_id) == user_id,
                    col(PersonRow.team_id) == team_id,
                    col(PersonRow.active),
                )
            )
        ).scalar_one_or_none()
        return None if row is None else Person(row.user_id, row.name, row.role)

    async def rename(self, user_id: uuid.UUID, name: str) -> bool:
        result = await self._session.execute(
            update(PersonRow).where(col(PersonRow.user_id) == user_id).values(name=name)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def names(self, user_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not user_ids:
            return {}
        rows = await self._session.execute(
            select(PersonRow.user_id, PersonRow.name).where(col(PersonRow.user_id).in_(user_ids))
        )
        return {row.user_id: row.name for row in rows}

    async def rename_on_cases(self, user_id: uuid.UUID, name: str) -> None:
        """The installer's new name on their cases and in what the free text finds (not a change of the
        case: its version stays, so nobody editing it meets a conflict)."""
        lowered = name.lower()
        await self._session.execute(
            update(CaseRow)
            .where(col(CaseRow.installer_id) == user_id, col(CaseRow.installer_name) != name)
            .values(
                installer_name=name,
                search_text=case(
                    (col(CaseRow.installer_name) == "", col(CaseRow.search_text) + " | " + lowered),
                    else_=func.replace(
                        col(CaseRow.search_text), func.lower(col(CaseRow.installer_name)), lowered
                    ),
                ),
            )
        )

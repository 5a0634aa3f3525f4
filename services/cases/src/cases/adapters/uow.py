"""Cases' unit of work: its repositories on one transaction."""

from sqlalchemy import text

from cases.adapters.case_queries import CaseQueries
from cases.adapters.case_repository import CaseRepository
from cases.adapters.note_repository import NoteRepository
from cases.adapters.settings_repository import (
    CaseTypePolicyRepository,
    CaseTypeRepository,
    DsoSettingsRepository,
    PersonRepository,
)
from servicekit.db.uow import UnitOfWork


class CasesUnitOfWork(UnitOfWork):
    cases: CaseRepository
    queries: CaseQueries
    case_types: CaseTypeRepository
    dso_settings: DsoSettingsRepository
    people: PersonRepository
    notes: NoteRepository
    policies: CaseTypePolicyRepository

    def _start(self) -> None:
        self.cases = CaseRepository(self.session)
        self.queries = CaseQueries(self.session)
        self.case_types = CaseTypeRepository(self.session)
        self.dso_settings = DsoSettingsRepository(self.session)
        self.people = PersonRepository(self.session)
        self.notes = NoteRepository(self.session)
        self.policies = CaseTypePolicyRepository(self.session)

    async def flush(self) -> None:
        await super().flush()
        await self.cases.write_history()

    async def commit(self) -> None:
        await self.cases.write_history()
        await super().commit()

    async def rollback(self) -> None:
        if self._session is not None:  # open: its repositories exist
            self.cases.forget_history()
        await super().rollback()

    async def try_lock(self, key: int) -> bool:
        """A lock held until this transaction ends, if nobody else holds it."""
        found = await self.session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key})
        return bool(found.scalar_one())

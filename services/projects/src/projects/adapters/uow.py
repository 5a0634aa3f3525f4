"""Projects' unit of work: its repositories on one transaction."""

from projects.adapters.case_read_model import CaseReadModel
from projects.adapters.job_repository import JobRepository
from projects.adapters.project_repository import GroupRepository, ProjectRepository
from servicekit.db.uow import UnitOfWork


class ProjectsUnitOfWork(UnitOfWork):
    projects: ProjectRepository
    groups: GroupRepository
    cases: CaseReadModel
    jobs: JobRepository

    def _start(self) -> None:
        self.projects = ProjectRepository(self.session)
        self.groups = GroupRepository(self.session)
        self.cases = CaseReadModel(self.session)
        self.jobs = JobRepository(self.session)

    async def flush(self) -> None:
        await super().flush()
        await self.cases.write()

    async def commit(self) -> None:
        await self.cases.write()
        await super().commit()

    async def rollback(self) -> None:
        if self._session is not None:  # open: its repositories exist
            self.cases.forget()
        await super().rollback()

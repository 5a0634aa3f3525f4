"""Identity's unit of work: its repositories on one transaction."""

from identity.adapters.login_sessions import LoginSessionRepository
from identity.adapters.password_links import PasswordLinkRepository
from identity.adapters.repositories import (
    CertificateRepository,
    DsoRepository,
    TeamApplicationRepository,
    TeamRepository,
    UserRepository,
)
from servicekit.db.uow import UnitOfWork


class IdentityUnitOfWork(UnitOfWork):
    dsos: DsoRepository
    applications: TeamApplicationRepository
    certificates: CertificateRepository
    teams: TeamRepository
    users: UserRepository
    password_links: PasswordLinkRepository
    login_sessions: LoginSessionRepository

    def _start(self) -> None:
        self.dsos = DsoRepository(self.session)
        self.applications = TeamApplicationRepository(self.session)
        self.certificates = CertificateRepository(self.session)
        self.teams = TeamRepository(self.session)
        self.users = UserRepository(self.session)
        self.password_links = PasswordLinkRepository(self.session)
        self.login_sessions = LoginSessionRepository(self.session)

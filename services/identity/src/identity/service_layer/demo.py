"""Demo accounts for local use (`make up`): a DSO admin and a case handler per demo DSO, and one team
with a team admin and an installer, all with DEMO_PASSWORD. Never in production; safe to run on every
start (what exists is left as it is, a changed password included).
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.authorisation import Authorisation
from identity.domain.team import Team
from identity.domain.user import Language, Role, User
from identity.service_layer.user_events import team_registered, user_created

DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 - printed by `make up` on purpose; demo data only

DEMO_TEAM = Team(
    id=uuid.UUID("5d3a7c1e-0000-4000-8000-00000000de30"),
    dso_id="sundkraft",
    name="Demo El AB",
    organisation_number="5599000006",
    authorisations=frozenset({Authorisation.ELECTRICITY, Authorisation.DISTRICT_HEATING}),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    first_name: str
    last_name: str
    role: Role
    dso_id: str
    language: Language = "sv"
    in_demo_team: bool = False


DEMO_LOGINS = (
    DemoLogin("admin@sundkraft.example.com", "Sara", "Lind", Role.DSO_ADMIN, "sundkraft"),
    DemoLogin("admin@kullabygden.example.com", "Johan", "Berg", Role.DSO_ADMIN, "kullabygden"),
    DemoLogin("admin@kystnet.example.com", "Mette", "Nielsen", Role.DSO_ADMIN, "kystnet", "da"),
    DemoLogin("handlaggare@sundkraft.example.com", "Lars", "Holm", Role.DSO_HANDLER, "sundkraft"),
    DemoLogin("handlaggare@kullabygden.example.com", "Eva", "Nyström", Role.DSO_HANDLER, "kullabygden"),
    DemoLogin("behandler@kystnet.example.com", "Rasmus", "Madsen", Role.DSO_HANDLER, "kystnet", "da"),
    DemoLogin("teamadmin@demo-el.example.com", "Anna", "Andersson", Role.TEAM_ADMIN, "sundkraft", "sv", True),
    DemoLogin("installer@demo-el.example.com", "Erik", "Svensson", Role.INSTALLER, "sundkraft", "sv", True),
)


async def seed_demo_accounts(uow: IdentityUnitOfWork, hasher: PasswordHasher) -> None:
    """Create whichever demo team and logins are missing (the demo DSOs must exist)."""
    async with uow:
        missing = [login for login in DEMO_LOGINS if not await uow.users.email_taken(login.email)]
        team_missing = await uow.teams.get(DEMO_TEAM.id) is None
        if not missing and not team_missing:
            return
        if team_missing:
            uow.teams.add(DEMO_TEAM)
            uow.emit(team_registered(DEMO_TEAM), key=str(DEMO_TEAM.id), tenant=DEMO_TEAM.dso_id)
            await uow.flush()
        password_hash = await hasher.hash(DEMO_PASSWORD)  # once: all demo logins share the password
        for login in missing:
            user = User(
                email=login.email,
                first_name=login.first_name,
                last_name=login.last_name,
                role=login.role,
                dso_id=login.dso_id,
                team_id=DEMO_TEAM.id if login.in_demo_team else None,
                authorisations=DEMO_TEAM.authorisations if login.in_demo_team else frozenset(),
                language=login.language,
                password_hash=password_hash,
                password_changed_at=datetime.now(UTC),
            )
            uow.users.add(user)
            uow.emit(user_created(user), key=str(user.id), tenant=user.dso_id)
        await uow.commit()

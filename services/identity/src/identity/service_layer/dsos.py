"""Use cases of the DSOs the platform serves."""

from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.dso import Dso

# Fictional grid companies for the local demo and tests (the GIS demo network lies around Helsingborg).
DEMO_DSOS = (
    Dso(
        id="sundkraft",
        name="Sundkraft Elnät AB",
        country="SE",
        case_prefix="SK",
        applications_email="ansokningar@sundkraft.example.com",
    ),
    Dso(
        id="kullabygden",
        name="Kullabygdens Energi AB",
        country="SE",
        case_prefix="KE",
        applications_email="ansokningar@kullabygden.example.com",
    ),
    Dso(
        id="kystnet",
        name="Kystnet A/S",
        country="DK",
        case_prefix="KN",
        applications_email="ansoegninger@kystnet.example.com",
    ),
)


async def list_dsos(uow: IdentityUnitOfWork) -> list[Dso]:
    """Every DSO an installer can apply to, by name."""
    async with uow:
        return await uow.dsos.list()


async def seed_demo_dsos(uow: IdentityUnitOfWork) -> None:
    """Insert or refresh the demo DSOs; safe to run on every start."""
    async with uow:
        for dso in DEMO_DSOS:
            await uow.dsos.upsert(dso)
        await uow.commit()

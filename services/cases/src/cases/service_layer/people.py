"""Users as identity announces them: the names cases show for installers and in histories, and the DSO
staff a case can be assigned to."""

import uuid

from cases.adapters.uow import CasesUnitOfWork


async def person_created(
    uow: CasesUnitOfWork,
    user_id: uuid.UUID,
    name: str,
    team_id: uuid.UUID | None,
    dso_id: str | None,
    role: str | None = None,
) -> None:
    await uow.people.put(user_id, name, team_id, dso_id, role)
    await uow.people.rename_on_cases(user_id, name)


async def person_renamed(uow: CasesUnitOfWork, user_id: uuid.UUID, name: str) -> None:
    if await uow.people.rename(user_id, name):
        await uow.people.rename_on_cases(user_id, name)


async def person_active(uow: CasesUnitOfWork, user_id: uuid.UUID, active: bool) -> None:
    """A deactivated DSO user is no longer offered as a handler (their cases stay theirs until moved)."""
    await uow.people.set_active(user_id, active)

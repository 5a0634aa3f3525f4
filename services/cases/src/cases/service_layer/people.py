"""Users as identity announces them: the names cases show for installers and in histories."""

import uuid

from cases.adapters.uow import CasesUnitOfWork


async def person_created(
    uow: CasesUnitOfWork, user_id: uuid.UUID, name: str, team_id: uuid.UUID | None, dso_id: str | None
) -> None:
    await uow.people.put(user_id, name, team_id, dso_id)
    await uow.people.rename_on_cases(user_id, name)


async def person_renamed(uow: CasesUnitOfWork, user_id: uuid.UUID, name: str) -> None:
    if await uow.people.rename(user_id, name):
        await uow.people.rename_on_cases(user_id, name)

"""The recipient directory's queries: identity's users as far as mails and the bell need them."""

import uuid

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from notifications.adapters.tables import RecipientRow
from notifications.domain.recipient import Recipient


class RecipientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: uuid.UUID) -> Recipient | None:
        row = await self._session.get(RecipientRow, user_id)
        return None if row is None else _recipient(row)

    async def active_with_role(self, dso_id: str, role: str) -> list[Recipient]:
        """A DSO's active users of one role (its admins, say), in a stable order."""
        statement = (
            select(RecipientRow)
            .where(RecipientRow.dso_id == dso_id, RecipientRow.role == role, col(RecipientRow.active))
            .order_by(col(RecipientRow.user_id))
        )
        return [_recipient(row) for row in (await self._session.execute(statement)).scalars()]

    async def add(self, recipient: Recipient) -> bool:
        """Insert the user; False (and nothing changed) if they are already known in full.

        A second `user.created` (a replay under another consumer name) must not undo later changes; it
        only fills in the role and DSO of a user known from before the directory kept those.
        """
        inserting = insert(RecipientRow).values(
            user_id=recipient.user_id,
            name=recipient.name,
            email=recipient.email,
            language=recipient.language,
            active=recipient.active,
            role=recipient.role,
            dso_id=recipient.dso_id,
        )
        statement = inserting.on_conflict_do_update(
            index_elements=["user_id"],
            set_={"role": inserting.excluded.role, "dso_id": inserting.excluded.dso_id},
            where=col(RecipientRow.role).is_(None),
        ).returning(col(RecipientRow.user_id))
        return (await self._session.execute(statement)).first() is not None

    async def change_contact(self, user_id: uuid.UUID, *, name: str, email: str) -> bool:
        """False if the user is unknown: nothing is created from an update (it has no language)."""
        return await self._update(user_id, name=name, email=email)

    async def set_active(self, user_id: uuid.UUID, active: bool) -> bool:
        """False if the user is unknown."""
        return await self._update(user_id, active=active)

    async def _update(self, user_id: uuid.UUID, **values: object) -> bool:
        statement = (
            update(RecipientRow)
            .where(col(RecipientRow.user_id) == user_id)
            .values(**values)
            .returning(col(RecipientRow.user_id))
        )
        return (await self._session.execute(statement)).first() is not None


def _recipient(row: RecipientRow) -> Recipient:
    return Recipient(
        user_id=row.user_id,
        name=row.name,
        email=row.email,
        language=row.language,  # type: ignore[arg-type]
        active=row.active,
        role=row.role,
        dso_id=row.dso_id,
    )

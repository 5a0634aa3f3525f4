"""The stored layer-access policy: per DSO and guarded layer, the roles that may see it."""

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from gis.adapters.tables import LayerAccessRow
from gis.domain.features import Layer
from gis.domain.layer_access import LayerAccessPolicy


class LayerAccessRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def policy(self) -> LayerAccessPolicy:
        allowed: dict[str, dict[Layer, frozenset[str]]] = defaultdict(dict)
        for row in (await self._session.execute(select(LayerAccessRow))).scalars():
            allowed[row.dso_id][Layer(row.layer)] = frozenset(row.roles)
        return LayerAccessPolicy(dict(allowed))

    async def set_roles(
        self, dso_id: str, roles: dict[Layer, frozenset[str]], changed_by: uuid.UUID | None, at: datetime
    ) -> None:
        """Replace the DSO's choices for the given layers."""
        await self._session.execute(
            delete(LayerAccessRow).where(
                col(LayerAccessRow.dso_id) == dso_id, col(LayerAccessRow.layer).in_([str(x) for x in roles])
            )
        )
        for layer, allowed in roles.items():
            self._session.add(
                LayerAccessRow(
                    dso_id=dso_id,
                    layer=str(layer),
                    roles=sorted(allowed),
                    changed_by=changed_by,
                    changed_at=at,
                )
            )

    async def is_empty(self) -> bool:
        return (await self._session.execute(select(LayerAccessRow).limit(1))).first() is None

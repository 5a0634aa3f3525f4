"""What projects asks GIS about an import's addresses, as a port the use cases depend on."""

from collections.abc import Sequence
from typing import Protocol

from projects.domain.addresses import ResolvedAddress, WrittenAddress


class AddressesUnavailable(RuntimeError):
    """GIS did not answer (or is still loading its map): no row is judged without it."""


class AddressResolver(Protocol):
    async def resolve(self, addresses: Sequence[WrittenAddress], *, token: str) -> list[ResolvedAddress]:
        """Each address found and routed to its grid area, or not (with near misses), in the order given."""
        ...

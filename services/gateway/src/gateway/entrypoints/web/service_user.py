"""A backend service called as the signed-in user: their fresh token, the reader's language, and the
service's own failures (5xx) raised as its outage, so a page only ever handles refusals it can explain."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from gateway.adapters.service_calls import ServiceClient
from gateway.domain.language import Language
from gateway.domain.navigation import DSO_ROLES
from gateway.domain.session import SignedInUser

C = TypeVar("C", bound=ServiceClient)


@dataclass(frozen=True, slots=True)
class AsServiceUser(Generic[C]):
    user: SignedInUser
    token: str
    client: C
    language: Language

    @property
    def is_dso(self) -> bool:
        return self.user.role in DSO_ROLES

    async def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return await self.client.call(method, path, token=self.token, language=self.language, **kwargs)
        except self.client.problem as problem:
            if problem.status >= 500:
                raise self.client.unavailable(str(problem)) from problem
            raise

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.call(method, path, **kwargs)
        return response.json() if response.content else None

"""The header's "Skapa" menu: the case types the signed-in user's DSO accepts, from cases' `GET /case-types`.

Every page has the header, so the answer is kept a few minutes per DSO and language (a DSO changes its
types rarely, and every user of a DSO gets the same list). When cases does not answer, the menu is the
portal's default list, and cases is not asked again for a while: a slow cases service must not make
every page slow.
"""

import logging
import time
from collections.abc import Callable

from gateway.adapters.cases_client import CasesClient, CasesProblem, CasesUnavailable
from gateway.domain.navigation import CaseTypeLink, case_type_links

log = logging.getLogger(__name__)

FRESH_SECONDS = 300.0
RETRY_SECONDS = 30.0
CALL_TIMEOUT_SECONDS = 2.0


class CaseTypeMenu:
    def __init__(
        self,
        cases: CasesClient,
        *,
        fresh_seconds: float = FRESH_SECONDS,
        retry_seconds: float = RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cases = cases
        self._fresh, self._retry, self._clock = fresh_seconds, retry_seconds, clock
        self._kept: dict[tuple[str, str], tuple[float, tuple[CaseTypeLink, ...] | None]] = {}

    def forget(self, dso_id: str) -> None:
        """The DSO changed which types it accepts: this replica asks cases again at the next page (other
        replicas within FRESH_SECONDS; cases itself refuses a type no longer accepted at once)."""
        for key in [key for key in self._kept if key[0] == dso_id]:
            del self._kept[key]

    async def links(self, dso_id: str, language: str, token: str) -> tuple[CaseTypeLink, ...] | None:
        """The DSO's types in `language`, or None for the default menu (cases silent or refusing)."""
        key = (dso_id, language)
        kept = self._kept.get(key)
        if kept is not None and kept[0] > self._clock():
            return kept[1]
        try:
            answer = await self._cases.json(
                "GET", "/case-types", token=token, language=language, timeout=CALL_TIMEOUT_SECONDS
            )
            links: tuple[CaseTypeLink, ...] | None = case_type_links(
                answer if isinstance(answer, list) else []
            )
            until = self._clock() + self._fresh
        except (CasesProblem, CasesUnavailable) as failure:
            log.warning("case types for the menu: %s", failure)
            links, until = None, self._clock() + self._retry
        self._kept[key] = (until, links)
        return links

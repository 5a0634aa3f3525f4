"""Fifty installers send at the same moment: every case gets its own number, without gaps."""

import asyncio

import pytest

from cases.domain.case_number import parse_case_number

from .case_helpers import addresses_in, filled_case, submit
from .conftest import CasesApi, Team

pytestmark = pytest.mark.integration


async def test_fifty_concurrent_sends_get_fifty_different_increasing_numbers(api: CasesApi) -> None:
    teams = [Team("sundkraft") for _ in range(5)]
    places = addresses_in(api.gis.network, "sundkraft", 50)
    drafts = [await filled_case(api, teams[i % 5].installer(), place) for i, place in enumerate(places)]

    answers = await asyncio.gather(
        *(submit(api, teams[i % 5].installer(), draft) for i, draft in enumerate(drafts))
    )

    assert [a.status_code for a in answers] == [200] * 50
    numbers = sorted(parse_case_number(a.json()["case_number"])[1] for a in answers)
    assert numbers == list(range(1, 51))

"""Random sequences of moves by random roles, through the HTTP API: a move the transition table allows
succeeds and is recorded; any other is refused and changes nothing (status, version, history)."""

import asyncio
import itertools
from collections.abc import Coroutine
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from cases.domain.lifecycle import REASON_REQUIRED, TRANSITIONS
from cases.domain.roles import PERSON_ROLES, ActorRole
from cases.domain.status import CaseStatus

from .case_helpers import addresses_in, filled_case, submit
from .conftest import CasesApi, Team, dso_handler

pytestmark = pytest.mark.integration

OWN_COMMANDS = {CaseStatus.SUBMITTED, CaseStatus.COMPLETION_NOTICE_RECEIVED}
ENDINGS = {CaseStatus.CANCELLED, CaseStatus.REJECTED, CaseStatus.ARCHIVED}
NOTICE = {"completed_on": "2026-11-20", "installed_main_fuse": "25", "installation_inspected": "true"}


def machine_for(api: CasesApi, loop: asyncio.AbstractEventLoop) -> type[RuleBasedStateMachine]:
    team = Team("sundkraft")
    headers = {
        ActorRole.INSTALLER: team.installer(),
        ActorRole.TEAM_ADMIN: team.admin(),
        ActorRole.DSO_HANDLER: dso_handler("sundkraft"),
        ActorRole.DSO_ADMIN: {**dso_handler("sundkraft")},
    }
    places = itertools.cycle(addresses_in(api.gis.network, "sundkraft", 50))

    def wait(coro: Coroutine[Any, Any, Any]) -> Any:
        # Hypothesis drives this machine in a worker thread; the HTTP client lives on the test's loop.
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    class CaseThroughTheApi(RuleBasedStateMachine):
        @initialize()
        def sent_case(self) -> None:
            draft = wait(filled_case(api, team.installer(), next(places)))
            self.case: dict[str, Any] = wait(submit(api, team.installer(), draft)).json()
            self.status = CaseStatus.SUBMITTED
            self.steps = 2  # created, submitted

        @rule(data=st.data(), reason=st.sampled_from([None, "", "Fel"]))
        def move(self, data: st.DataObject, reason: str | None) -> None:
            # Mostly moves the table allows, and mostly forward ones: a random walk would end in
            # "cancelled" at once and never reach the later statuses.
            kind = data.draw(st.sampled_from(["forward", "forward", "legal", "any"]), "kind")
            moves = [
                (role, to)
                for role in PERSON_ROLES
                for (start, to) in TRANSITIONS[role]
                if start == self.status
            ]
            forward = [(role, to) for role, to in moves if to not in ENDINGS]
            pool = {"forward": forward or moves, "legal": moves}.get(kind) or []
            if pool:
                role, to = data.draw(st.sampled_from(sorted(pool)), "move")
            else:
                role = data.draw(st.sampled_from(sorted(PERSON_ROLES)), "role")
                to = data.draw(st.sampled_from(CaseStatus), "to")
            body = {"version": self.case["version"], "to_status": to.value, "reason": reason}
            answer: httpx.Response = wait(
                api.client.post(f"/cases/{self.case['id']}/transitions", json=body, headers=headers[role])
            )
            allowed = (self.status, to) in TRANSITIONS[role] and to not in OWN_COMMANDS
            if allowed and not (to in REASON_REQUIRED and not reason):
                assert answer.status_code == 200, answer.text
                self.case, self.status, self.steps = answer.json(), to, self.steps + 1
            else:
                assert answer.status_code in (409, 422), answer.text

        @rule(role=st.sampled_from(sorted(PERSON_ROLES)))
        def completion_notice(self, role: ActorRole) -> None:
            answer: httpx.Response = wait(
                api.client.post(
                    f"/cases/{self.case['id']}/completion-notice",
                    json={"version": self.case["version"], "values": NOTICE},
                    headers=headers[role],
                )
            )
            if (self.status, CaseStatus.COMPLETION_NOTICE_RECEIVED) in TRANSITIONS[role]:
                assert answer.status_code == 200, answer.text
                self.case, self.status = answer.json(), CaseStatus.COMPLETION_NOTICE_RECEIVED
                self.steps += 1
            else:
                assert answer.status_code == 409, answer.text

        @invariant()
        def stored_case_matches(self) -> None:
            if not hasattr(self, "case"):
                return
            stored = wait(api.client.get(f"/cases/{self.case['id']}", headers=team.installer())).json()
            assert stored["status"] == self.status.value
            assert stored["version"] == self.case["version"]
            assert len(stored["history"]) == self.steps
            assert stored["history"][-1]["to_status"] == self.status.value

    return CaseThroughTheApi


async def test_random_moves_by_random_roles_keep_the_case_consistent(api: CasesApi) -> None:
    machine = machine_for(api, asyncio.get_running_loop())
    config = settings(
        max_examples=25,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    await asyncio.to_thread(run_state_machine_as_test, machine, settings=config)

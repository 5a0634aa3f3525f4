"""Random sequences of actions by random roles never take a case outside the transition table."""

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from cases.domain.lifecycle import (
    REASON_REQUIRED,
    TRANSITIONS,
    IllegalTransition,
    ReasonRequired,
    Transition,
    allowed_transitions,
    transition,
)
from cases.domain.roles import ActorRole
from cases.domain.status import FINISHED, TERMINAL, CaseStatus

reasons = st.one_of(st.none(), st.just(""), st.text(max_size=20))


class CaseLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.status = CaseStatus.DRAFT
        self.history: list[Transition] = []
        self.ended_in: CaseStatus | None = None

    @rule(to=st.sampled_from(CaseStatus), role=st.sampled_from(ActorRole), reason=reasons)
    def attempt_any_move(self, to: CaseStatus, role: ActorRole, reason: str | None) -> None:
        if (self.status, to) not in TRANSITIONS[role]:
            with pytest.raises(IllegalTransition) as refused:
                transition(self.status, to, role, reason)
            assert refused.value.allowed == allowed_transitions(self.status, role)
            assert to not in refused.value.allowed
            return
        if to in REASON_REQUIRED and not (reason or "").strip():
            with pytest.raises(ReasonRequired):
                transition(self.status, to, role, reason)
            return
        self._record(transition(self.status, to, role, reason), to, role)

    @rule(role=st.sampled_from(ActorRole), data=st.data())
    def take_an_allowed_move(self, role: ActorRole, data: st.DataObject) -> None:
        allowed = allowed_transitions(self.status, role)
        if not allowed:
            return
        to = data.draw(st.sampled_from(allowed))
        self._record(transition(self.status, to, role, "a reason"), to, role)

    def _record(self, step: Transition, to: CaseStatus, role: ActorRole) -> None:
        assert (step.from_status, step.to_status, step.actor_role) == (self.status, to, role)
        self.history.append(step)
        self.status = step.to_status
        if self.status in TERMINAL and self.ended_in is None:
            self.ended_in = self.status

    @invariant()
    def history_is_a_chain_of_table_moves(self) -> None:
        status = CaseStatus.DRAFT
        for step in self.history:
            assert step.from_status == status
            assert (step.from_status, step.to_status) in TRANSITIONS[step.actor_role]
            if step.to_status in REASON_REQUIRED:
                assert step.reason
            status = step.to_status
        assert status == self.status

    @invariant()
    def terminal_states_stay_terminal(self) -> None:
        if self.ended_in is not None:
            assert self.status == self.ended_in
        assert not any(step.from_status in TERMINAL for step in self.history)

    @invariant()
    def finished_cases_can_only_be_archived(self) -> None:
        for step in self.history:
            if step.from_status in FINISHED:
                assert step.to_status in TERMINAL

    @invariant()
    def a_sent_case_never_returns_to_draft(self) -> None:
        assert all(step.to_status != CaseStatus.DRAFT for step in self.history)


CaseLifecycle.TestCase.settings = settings(
    max_examples=150, stateful_step_count=30, deadline=None, database=None
)
TestCaseLifecycle = CaseLifecycle.TestCase

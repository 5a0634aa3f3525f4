"""What a DSO decides per case type beside its form: the service-level target and the approval rules."""

from dataclasses import dataclass

from cases.domain.approval_rules import ApprovalRule

MAX_TARGET_WORKING_DAYS = 250  # a year of working days; more is a typo


class InvalidTarget(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class CaseTypePolicy:
    target_working_days: int | None = None  # None: no target, the case is never flagged
    approval_rules: tuple[ApprovalRule, ...] = ()

    def __post_init__(self) -> None:
        target = self.target_working_days
        if target is not None and not 1 <= target <= MAX_TARGET_WORKING_DAYS:
            raise InvalidTarget(f"a target is 1 to {MAX_TARGET_WORKING_DAYS} working days")

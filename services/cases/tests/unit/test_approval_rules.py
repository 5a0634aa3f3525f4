"""Automatic approval rules: they approve exactly the cases meeting every condition, say why, and cannot
be saved in a shape the form cannot satisfy."""

import pytest

from cases.domain.approval_rules import (
    ApprovalRule,
    Condition,
    InvalidRule,
    Operator,
    approval_for,
    check_rules,
)
from cases.domain.default_case_types import default_case_types

SCHEMAS = {schema.code: schema for schema in default_case_types("sundkraft")}
SOLAR = SCHEMAS["production_facility"]
FUSE = SCHEMAS["fuse_change"]
SMALL_SOLAR = ApprovalRule(
    "Solceller upp till 43,5 kW",
    (
        Condition("production_type", Operator.EQUALS, ("solar",)),
        Condition("installed_power_kw", Operator.AT_MOST, ("43.5",)),
    ),
)


@pytest.mark.parametrize(
    ("values", "approved"),
    [
        ({"production_type": "solar", "installed_power_kw": "43,5"}, True),
        ({"production_type": "solar", "installed_power_kw": "12"}, True),
        ({"production_type": "solar", "installed_power_kw": "43.6"}, False),
        ({"production_type": "wind", "installed_power_kw": "5"}, False),
        ({"production_type": "solar", "installed_power_kw": None}, False),
    ],
)
def test_a_rule_approves_only_cases_meeting_every_condition(
    values: dict[str, str | None], approved: bool
) -> None:
    assert (approval_for([SMALL_SOLAR], SOLAR, values, "sv") is not None) is approved


def test_the_approval_says_which_values_met_the_rule() -> None:
    approval = approval_for(
        [SMALL_SOLAR], SOLAR, {"production_type": "solar", "installed_power_kw": "12"}, "sv"
    )
    assert approval is not None and approval.rule is SMALL_SOLAR
    assert approval.explanation == "Produktionsslag solar = solar; Installerad effekt (kW) 12 ≤ 43.5"


def test_fuse_sizes_are_compared_as_numbers() -> None:
    rule = ApprovalRule("Upp till 25 A", (Condition("new_main_fuse", Operator.AT_MOST, ("25",)),))
    check_rules([rule], FUSE)
    assert approval_for([rule], FUSE, {"new_main_fuse": "20"}, "sv") is not None
    assert approval_for([rule], FUSE, {"new_main_fuse": "35"}, "sv") is None


@pytest.mark.parametrize(
    ("rule", "where"),
    [
        (ApprovalRule("", (Condition("new_main_fuse", Operator.AT_MOST, ("25",)),)), "rules[0].name"),
        (ApprovalRule("Allt", ()), "rules[0].conditions"),
        (ApprovalRule("X", (Condition("no_such_field", Operator.FILLED),)), "rules[0].conditions[0].field"),
        (
            ApprovalRule("X", (Condition("owner_name", Operator.AT_MOST, ("3",)),)),
            "rules[0].conditions[0].operator",
        ),
        (
            ApprovalRule("X", (Condition("new_main_fuse", Operator.AT_MOST, ("many",)),)),
            "rules[0].conditions[0].values",
        ),
        (
            ApprovalRule("X", (Condition("new_main_fuse", Operator.ONE_OF, ("25", "99")),)),
            "rules[0].conditions[0].values",
        ),
        (ApprovalRule("X", (Condition("ean", Operator.FILLED, ("x",)),)), "rules[0].conditions[0].values"),
    ],
)
def test_a_rule_the_form_cannot_satisfy_is_refused_naming_the_part(rule: ApprovalRule, where: str) -> None:
    with pytest.raises(InvalidRule) as refused:
        check_rules([rule], FUSE)
    assert refused.value.where == where

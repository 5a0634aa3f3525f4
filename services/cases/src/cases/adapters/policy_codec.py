"""Approval rules as the JSON stored in `case_type_policy.approval_rules`, and back."""

import uuid
from typing import Any

from cases.adapters.tables import CaseTypePolicyRow
from cases.domain.approval_rules import ApprovalRule, Condition, Operator
from cases.domain.case_policy import CaseTypePolicy


def rules_to_json(rules: tuple[ApprovalRule, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(rule.id),
            "name": rule.name,
            "conditions": [
                {"field": c.field, "operator": c.operator.value, "values": list(c.values)}
                for c in rule.conditions
            ],
        }
        for rule in rules
    ]


def rules_from_json(stored: list[dict[str, Any]]) -> tuple[ApprovalRule, ...]:
    return tuple(
        ApprovalRule(
            id=uuid.UUID(rule["id"]),
            name=rule["name"],
            conditions=tuple(
                Condition(c["field"], Operator(c["operator"]), tuple(c["values"])) for c in rule["conditions"]
            ),
        )
        for rule in stored
    )


def policy_of(row: CaseTypePolicyRow) -> CaseTypePolicy:
    return CaseTypePolicy(row.target_working_days, rules_from_json(row.approval_rules))

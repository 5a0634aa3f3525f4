"""A case type's automatic approval rules as the DSO admin's page shows and posts them: each rule in words
("Ny huvudsäkring (A) ≤ 25"), the form adding one (a name and a few condition rows), the complete list
cases' `PUT /dso/case-types/{code}/approval-rules` wants, and which text explains each of its refusals,
next to which row. Cases checks every rule against the form; this only translates."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gateway.domain.case_type_settings import Message, in_language, path_parts, split_list

OPERATORS = ("at_most", "at_least", "equals", "one_of", "filled", "empty")
CONDITION_ROWS = 3  # the page's rows; cases takes up to 10 per rule
RULES = "rules"  # errors about the list as a whole (or a rule already saved)
_SYMBOLS = {"at_most": "≤", "at_least": "≥", "equals": "="}
_VALUELESS = frozenset({"filled", "empty"})
_NUMERIC_OPERATORS = frozenset({"at_most", "at_least"})
_NUMERIC_KINDS = frozenset({"integer", "decimal"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """One condition in words: `label symbol values` for comparisons (the same in every language), else
    the catalog's `case_types.rule.{operator}` with the label and values."""

    label: str
    operator: str
    values: str

    @property
    def symbol(self) -> str | None:
        return _SYMBOLS.get(self.operator)

    @property
    def key(self) -> str:
        return f"case_types.rule.{self.operator}"


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    name: str
    phrases: tuple[Phrase, ...]


def rules_in_words(setting: Mapping[str, Any], language: str) -> list[RuleView]:
    """The type's rules, each condition named by its field's label in `language`."""
    labels = {f["name"]: in_language(f["labels"], language) for f in setting["fields"]}
    return [
        RuleView(
            str(rule["id"]),
            rule["name"],
            tuple(
                Phrase(labels.get(c["field"], c["field"]), c["operator"], ", ".join(c.get("values") or ()))
                for c in rule["conditions"]
            ),
        )
        for rule in setting["approval_rules"]
    ]


@dataclass(frozen=True, slots=True)
class ConditionInput:
    field: str = ""
    operator: str = "at_most"
    value: str = ""

    @property
    def typed(self) -> bool:
        return bool(self.field or self.value)

    def values(self) -> list[str]:
        """None for filled/empty, the comma-separated ones for one_of, else the one typed."""
        if self.operator in _VALUELESS:
            return []
        if self.operator == "one_of":
            return split_list(self.value)
        return [self.value] if self.value else []


@dataclass(frozen=True, slots=True)
class RuleInput:
    """The form adding a rule, as typed: kept when cases refuses it."""

    name: str = ""
    conditions: tuple[ConditionInput, ...] = (ConditionInput(),) * CONDITION_ROWS

    @classmethod
    def from_form(cls, text: Mapping[str, str]) -> "RuleInput":
        return cls(
            name=text.get("rule_name", "").strip(),
            conditions=tuple(
                ConditionInput(
                    field=text.get(f"condition-{row}-field", "").strip(),
                    operator=text.get(f"condition-{row}-operator", "at_most").strip(),
                    value=text.get(f"condition-{row}-value", "").strip(),
                )
                for row in range(CONDITION_ROWS)
            ),
        )


@dataclass(frozen=True, slots=True)
class RulesRequest:
    """The complete list for cases; where the new rule is in it and which page row each of its
    conditions came from (rows left empty are not sent)."""

    body: dict[str, Any]
    new_index: int | None = None
    rows: tuple[int, ...] = ()


def _saved(rule: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": rule["id"],
        "name": rule["name"],
        "conditions": [
            {"field": c["field"], "operator": c["operator"], "values": list(c.get("values") or ())}
            for c in rule["conditions"]
        ],
    }


def with_rule(saved: Sequence[Mapping[str, Any]], new: RuleInput) -> RulesRequest:
    """The saved rules (with their ids, unchanged) and the new one last."""
    rows = tuple(row for row, condition in enumerate(new.conditions) if condition.typed)
    rule = {
        "name": new.name,
        "conditions": [
            {
                "field": new.conditions[row].field,
                "operator": new.conditions[row].operator,
                "values": new.conditions[row].values(),
            }
            for row in rows
        ],
    }
    return RulesRequest({"rules": [*map(_saved, saved), rule]}, len(saved), rows)


def without_rule(saved: Sequence[Mapping[str, Any]], rule_id: str) -> RulesRequest | None:
    """The saved rules but the one with `rule_id`; None when no saved rule has it (removed already)."""
    kept = [rule for rule in saved if str(rule["id"]) != rule_id]
    if len(kept) == len(saved):
        return None
    return RulesRequest({"rules": [_saved(rule) for rule in kept]})


def rule_errors(
    paths: Sequence[str],
    request: RulesRequest,
    typed: RuleInput,
    setting: Mapping[str, Any],
    language: str,
) -> dict[str, Message]:
    """Cases' refusal → the place on the page (`rule_name`, `conditions`, `condition-{row}-field|operator|
    value` or RULES) and the text explaining it."""
    fields = {f["name"]: f for f in setting["fields"]}
    errors: dict[str, Message] = {}
    for path in paths:
        parts = path_parts(path)
        index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        if parts[:1] != ["rules"] or index is None:
            errors.setdefault(RULES, Message("case_types.error.rules"))
            continue
        if index != request.new_index:
            saved = setting["approval_rules"]
            name = saved[index]["name"] if index < len(saved) else ""
            errors.setdefault(RULES, Message("case_types.error.saved_rule", {"name": name}))
            continue
        rest = parts[2:]
        if rest == ["name"]:
            errors.setdefault("rule_name", Message("case_types.error.rule_name"))
        elif rest[:1] == ["conditions"] and len(rest) > 1 and rest[1].isdigit():
            position = int(rest[1])
            row = request.rows[position] if position < len(request.rows) else 0
            place, message = _condition_error(rest[2:3], typed.conditions[row], fields, language)
            errors.setdefault(f"condition-{row}-{place}", message)
        else:
            errors.setdefault("conditions", Message("case_types.error.conditions"))
    return errors


def _condition_error(
    part: Sequence[str], condition: ConditionInput, fields: Mapping[str, Any], language: str
) -> tuple[str, Message]:
    spec = fields.get(condition.field)
    if part == ["field"] or spec is None:
        return "field", Message("case_types.error.condition_field")
    label = in_language(spec["labels"], language)
    if part == ["operator"]:
        return "operator", Message("case_types.error.condition_operator", {"field": label})
    if not condition.values():
        key = "value_list" if condition.operator == "one_of" else "value_missing"
        return "value", Message(f"case_types.error.{key}")
    if condition.operator in _NUMERIC_OPERATORS or spec["kind"] in _NUMERIC_KINDS:
        return "value", Message("case_types.error.value_number")
    if spec["kind"] == "choice":
        return "value", Message("case_types.error.value_choice", {"choices": ", ".join(spec["choices"])})
    if spec["kind"] == "date":
        return "value", Message("case_types.error.value_date")
    if spec["kind"] == "boolean":
        return "value", Message("case_types.error.value_boolean")
    return "value", Message("case_types.error.value", {"field": label})

"""Automatic approval: a DSO's rules, per case type, under which a sent case is approved at once (Elsmart's
"robot", PowerClerk's automations, ENA's Connect & Notify). A rule holds when every one of its conditions
does; the first rule that holds approves the case, and the history says which rule and why.

Conditions compare the case's own values, checked against the form when the rule is saved, so a rule
cannot name a field the form lacks or compare a text with a number.
"""

import enum
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cases.domain.case_types import CaseTypeSchema, FieldSpec
from cases.domain.field_values import FieldKind, is_empty, parse_decimal
from cases.domain.texts import Language, Texts

MAX_RULES_PER_TYPE = 20
MAX_CONDITIONS_PER_RULE = 10


class Operator(enum.StrEnum):
    AT_MOST = "at_most"
    AT_LEAST = "at_least"
    EQUALS = "equals"
    ONE_OF = "one_of"
    FILLED = "filled"
    EMPTY = "empty"


_SYMBOLS = {
    Operator.AT_MOST: "≤",
    Operator.AT_LEAST: "≥",
    Operator.EQUALS: "=",
    Operator.ONE_OF: "∈",
}
_PRESENCE = {
    Operator.FILLED: Texts("ifyllt", "udfyldt", "filled in"),
    Operator.EMPTY: Texts("tomt", "tomt", "empty"),
}
_NUMERIC_KINDS = frozenset({FieldKind.INTEGER, FieldKind.DECIMAL})


class InvalidRule(ValueError):
    """`where` names the part of the rule, e.g. `rules[0].conditions[1].value`."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    operator: Operator
    values: tuple[str, ...] = ()  # one for comparisons, several for one_of, none for filled/empty

    def holds(self, values: Mapping[str, str | None]) -> bool:
        value = values.get(self.field)
        if self.operator == Operator.FILLED:
            return not is_empty(value)
        if self.operator == Operator.EMPTY:
            return is_empty(value)
        if value is None or is_empty(value):
            return False
        text = value.strip()
        if self.operator == Operator.EQUALS:
            return text == self.values[0]
        if self.operator == Operator.ONE_OF:
            return text in self.values
        number, limit = parse_decimal(text), parse_decimal(self.values[0])
        if number is None or limit is None:
            return False
        return number <= limit if self.operator == Operator.AT_MOST else number >= limit

    def explained(self, values: Mapping[str, str | None], label: str, language: Language) -> str:
        """`Ny huvudsäkring (A) 20 ≤ 25`: what the case had and what the rule asked."""
        value = (values.get(self.field) or "").strip()
        if self.operator in _PRESENCE:
            return f"{label} {_PRESENCE[self.operator].in_language(language)}"
        asked = ", ".join(self.values) if self.operator == Operator.ONE_OF else self.values[0]
        return f"{label} {value} {_SYMBOLS[self.operator]} {asked}"


@dataclass(frozen=True, slots=True)
class ApprovalRule:
    name: str
    conditions: tuple[Condition, ...]
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    def holds(self, values: Mapping[str, str | None]) -> bool:
        return all(condition.holds(values) for condition in self.conditions)


@dataclass(frozen=True, slots=True)
class Approval:
    rule: ApprovalRule
    explanation: str  # every condition with the case's value, in the DSO's language


def approval_for(
    rules: Sequence[ApprovalRule],
    schema: CaseTypeSchema,
    values: Mapping[str, str | None],
    language: Language,
) -> Approval | None:
    """The first rule the case meets, with why; None sends it to the queue."""
    for rule in rules:
        if rule.holds(values):
            parts = [
                condition.explained(values, _label(schema, condition.field, language), language)
                for condition in rule.conditions
            ]
            return Approval(rule, "; ".join(parts))
    return None


def check_rules(rules: Sequence[ApprovalRule], schema: CaseTypeSchema) -> None:
    """InvalidRule names the first part that cannot work with this form."""
    if len(rules) > MAX_RULES_PER_TYPE:
        raise InvalidRule("rules", f"at most {MAX_RULES_PER_TYPE} rules per case type")
    for index, rule in enumerate(rules):
        where = f"rules[{index}]"
        if not rule.name.strip():
            raise InvalidRule(f"{where}.name", "a rule needs a name the history can show")
        if not rule.conditions:
            # A rule without conditions approves everything: a handler must decide that, not a slip.
            raise InvalidRule(f"{where}.conditions", "a rule needs at least one condition")
        if len(rule.conditions) > MAX_CONDITIONS_PER_RULE:
            raise InvalidRule(f"{where}.conditions", f"at most {MAX_CONDITIONS_PER_RULE} conditions")
        for number, condition in enumerate(rule.conditions):
            _check_condition(condition, schema, f"{where}.conditions[{number}]")


def _check_condition(condition: Condition, schema: CaseTypeSchema, where: str) -> None:
    spec = schema.field(condition.field)
    if spec is None:
        raise InvalidRule(f"{where}.field", f"{condition.field!r} is not a field of this form")
    expected = {Operator.FILLED: 0, Operator.EMPTY: 0, Operator.ONE_OF: None}.get(condition.operator, 1)
    if expected is None and not condition.values:
        raise InvalidRule(f"{where}.values", "give at least one value")
    if expected is not None and len(condition.values) != expected:
        raise InvalidRule(f"{where}.values", f"{condition.operator} takes {expected} value(s)")
    if condition.operator in (Operator.AT_MOST, Operator.AT_LEAST) and not _numeric(spec):
        raise InvalidRule(f"{where}.operator", f"{spec.name} is not a number, so it cannot be compared")
    for value in condition.values:
        if condition.operator in (Operator.AT_MOST, Operator.AT_LEAST):
            error = None if parse_decimal(value) is not None else "must be a number"
        else:
            error = spec.error(value)
        if error:
            raise InvalidRule(f"{where}.values", f"{value!r} {error}")


def _numeric(spec: FieldSpec) -> bool:
    if spec.kind in _NUMERIC_KINDS:
        return True
    # Fuse sizes are choices of numbers ("16", "20", "25"): comparing them is what DSOs ask for.
    return spec.kind == FieldKind.CHOICE and all(parse_decimal(choice) is not None for choice in spec.choices)


def _label(schema: CaseTypeSchema, name: str, language: Language) -> str:
    spec = schema.field(name)
    return spec.labels.in_language(language) if spec is not None else name

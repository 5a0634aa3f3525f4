"""Approval rules in words, the complete list sent for each change, and cases' refusals placed on the row."""

from typing import Any

from gateway.adapters.translations import all_catalogs
from gateway.domain.case_type_rules import (
    OPERATORS,
    RULES,
    Phrase,
    RuleInput,
    rule_errors,
    rules_in_words,
    with_rule,
    without_rule,
)
from gateway.domain.case_type_settings import Message

FUSES = ["16", "20", "25"]
SAVED: dict[str, Any] = {
    "id": "0b9b1c9e-6f7e-4a53-9d5e-2f1f4f0f0a01",
    "name": "Upp till 25 A",
    "conditions": [
        {"field": "new_main_fuse", "operator": "at_most", "values": ["25"]},
        {"field": "ean", "operator": "filled", "values": []},
    ],
}
SETTING: dict[str, Any] = {
    "fields": [
        {
            "name": "new_main_fuse",
            "kind": "choice",
            "labels": {"sv": "Ny huvudsäkring (A)", "da": "Ny hovedsikring (A)", "en": "New main fuse (A)"},
            "choices": FUSES,
        },
        {
            "name": "ean",
            "kind": "ean",
            "labels": {"sv": "Anläggnings-ID (EAN)", "da": "Målepunkts-ID", "en": "Metering point ID"},
            "choices": [],
        },
        {
            "name": "desired_date",
            "kind": "date",
            "labels": {"sv": "Önskat datum", "da": "Ønsket dato", "en": "Desired date"},
            "choices": [],
        },
        {
            "name": "comment",
            "kind": "text",
            "labels": {"sv": "Övrigt", "da": "Bemærkninger", "en": "Comments"},
            "choices": [],
        },
    ],
    "approval_rules": [SAVED],
}


def test_rules_are_shown_in_words_of_the_readers_language() -> None:
    [rule] = rules_in_words(SETTING, "da")
    assert rule.name == "Upp till 25 A"
    assert rule.phrases == (
        Phrase("Ny hovedsikring (A)", "at_most", "25"),
        Phrase("Målepunkts-ID", "filled", ""),
    )
    assert rule.phrases[0].symbol == "≤" and rule.phrases[1].symbol is None
    assert rule.phrases[1].key == "case_types.rule.filled"


def test_every_operator_has_a_name_and_the_wordy_ones_a_phrase() -> None:
    for texts in all_catalogs().values():
        for operator in OPERATORS:
            assert f"case_types.operator.{operator}" in texts
            if Phrase("x", operator, "").symbol is None:
                assert f"case_types.rule.{operator}" in texts


def test_a_new_rule_goes_after_the_saved_ones_with_only_the_rows_used() -> None:
    typed = RuleInput.from_form(
        {
            "rule_name": " Datum och val ",
            "condition-0-field": "",  # an empty first row is skipped
            "condition-0-operator": "at_most",
            "condition-1-field": "new_main_fuse",
            "condition-1-operator": "one_of",
            "condition-1-value": "16, 20",
            "condition-2-field": "ean",
            "condition-2-operator": "filled",
            "condition-2-value": "ignored",
        }
    )
    asked = with_rule([SAVED], typed)
    assert asked.body["rules"][0] == SAVED
    assert asked.body["rules"][1] == {
        "name": "Datum och val",
        "conditions": [
            {"field": "new_main_fuse", "operator": "one_of", "values": ["16", "20"]},
            {"field": "ean", "operator": "filled", "values": []},
        ],
    }
    assert asked.new_index == 1 and asked.rows == (1, 2)


def test_removing_sends_the_others_and_a_rule_gone_already_sends_nothing() -> None:
    removed = without_rule([SAVED], SAVED["id"])
    assert removed is not None and removed.body == {"rules": []}
    assert without_rule([SAVED], "00000000-0000-4000-8000-000000000000") is None


def test_refusals_name_the_row_they_came_from() -> None:
    typed = RuleInput.from_form(
        {
            "rule_name": "X",
            "condition-1-field": "new_main_fuse",
            "condition-1-operator": "equals",
            "condition-1-value": "17",
            "condition-2-field": "comment",
            "condition-2-operator": "at_most",
            "condition-2-value": "5",
        }
    )
    asked = with_rule([SAVED], typed)
    paths = ["rules[1].conditions[0].values", "rules[1].conditions[1].operator", "rules.1.name"]
    assert rule_errors(paths, asked, typed, SETTING, "sv") == {
        "condition-1-value": Message("case_types.error.value_choice", {"choices": "16, 20, 25"}),
        "condition-2-operator": Message("case_types.error.condition_operator", {"field": "Övrigt"}),
        "rule_name": Message("case_types.error.rule_name"),
    }
    assert rule_errors(["rules[1].conditions"], asked, typed, SETTING, "sv") == {
        "conditions": Message("case_types.error.conditions")
    }
    assert rule_errors(["rules"], asked, typed, SETTING, "sv") == {RULES: Message("case_types.error.rules")}
    assert rule_errors(["rules[0].name"], asked, typed, SETTING, "sv") == {
        RULES: Message("case_types.error.saved_rule", {"name": "Upp till 25 A"})
    }


def test_a_value_is_explained_by_the_operator_and_the_fields_kind() -> None:
    def error(field: str, operator: str, value: str) -> Message:
        typed = RuleInput.from_form(
            {"condition-0-field": field, "condition-0-operator": operator, "condition-0-value": value}
        )
        asked = with_rule([], typed)
        return rule_errors(["rules[0].conditions[0].values"], asked, typed, SETTING, "sv")[
            "condition-0-value"
        ]

    assert error("new_main_fuse", "at_most", "tjugo").key == "case_types.error.value_number"
    assert error("desired_date", "equals", "i morgon").key == "case_types.error.value_date"
    assert error("desired_date", "one_of", " , ").key == "case_types.error.value_list"
    assert error("comment", "equals", "").key == "case_types.error.value_missing"
    assert error("ean", "equals", "123") == Message(
        "case_types.error.value", {"field": "Anläggnings-ID (EAN)"}
    )
    typed = RuleInput.from_form({"condition-0-value": "25"})  # a value typed, no field chosen
    asked = with_rule([], typed)
    assert asked.body["rules"][0]["conditions"] == [{"field": "", "operator": "at_most", "values": ["25"]}]
    assert rule_errors(["rules[0].conditions[0].field"], asked, typed, SETTING, "sv") == {
        "condition-0-field": Message("case_types.error.condition_field")
    }

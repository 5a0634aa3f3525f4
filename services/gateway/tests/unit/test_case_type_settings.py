"""The DSO admin's form editor and target as cases' API wants them, and cases' refusals placed on the page."""

import re
from typing import Any

import pytest

from gateway.adapters.translations import all_catalogs
from gateway.domain.case_type_settings import (
    FORM,
    KINDS,
    FormInput,
    Message,
    NewField,
    form_errors,
    parse_target,
    path_parts,
    split_list,
)


def _field(
    name: str, sv: str, *, built_in: bool = True, always: bool = False, mandatory: bool = False
) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "text",
        "labels": {"sv": sv, "da": sv + " (da)", "en": sv + " (en)"},
        "mandatory": mandatory or always,
        "choices": [],
        "built_in": built_in,
        "always_mandatory": always,
    }


SETTING: dict[str, Any] = {
    "code": "fuse_change",
    "version": 3,
    "fields": [
        _field("street", "Gata", always=True),
        _field("ean", "Anläggnings-ID (EAN)", mandatory=True),
        _field("desired_date", "Önskat datum"),
        _field("cabinet_code", "Kod till mätarskåp", built_in=False),
    ],
    "approval_rules": [
        {
            "id": "r1",
            "name": "Skåp",
            "conditions": [{"field": "cabinet_code", "operator": "filled", "values": []}],
        }
    ],
}


def test_the_form_as_shown_is_the_current_one() -> None:
    shown = FormInput.of(SETTING)
    assert shown.version == 3 and shown.mandatory == {"street", "ean"} and not shown.removed
    assert shown.request(SETTING["fields"]).body == {
        "fields": [
            {"name": "street", "mandatory": True},
            {"name": "ean", "mandatory": True},
            {"name": "desired_date", "mandatory": False},
            {"name": "cabinet_code", "mandatory": False},
        ]
    }


def test_ticked_boxes_removals_and_a_new_field_become_every_field_of_the_new_form() -> None:
    typed = FormInput.from_form(
        {
            "version": "3",
            "new_name": " door_code ",
            "new_kind": "choice",
            "new_label_sv": "Portkod",
            "new_label_da": "Dørkode",
            "new_label_en": "Door code",
            "new_mandatory": "true",
            "new_choices": "A, B,, C ",
        },
        mandatory=["desired_date"],  # street's box is disabled, so never posted; ean unticked
        removed=["cabinet_code"],
    )
    asked = typed.request(SETTING["fields"])
    assert asked.body["fields"] == [
        {"name": "street", "mandatory": True},
        {"name": "ean", "mandatory": False},
        {"name": "desired_date", "mandatory": True},
        {
            "name": "door_code",
            "mandatory": True,
            "kind": "choice",
            "labels": {"sv": "Portkod", "da": "Dørkode", "en": "Door code"},
            "choices": ["A", "B", "C"],
        },
    ]
    assert asked.rows == ("street", "ean", "desired_date", "")


def test_an_untouched_new_row_adds_nothing_and_choices_only_go_with_a_choice_field() -> None:
    assert not NewField(kind="integer").typed
    assert NewField(name="x_y", kind="text", choices="a, b").body() == {
        "name": "x_y",
        "mandatory": False,
        "kind": "text",
    }


def test_cases_refusals_land_next_to_the_row_they_name() -> None:
    typed = FormInput.from_form(
        {"version": "3", "new_name": "Bad Name", "new_label_sv": "X"}, mandatory=[], removed=[]
    )
    asked = typed.request(SETTING["fields"])
    paths = ["fields[4].name", "fields.4.labels.da", "fields[0].mandatory"]
    assert form_errors(paths, asked, typed, SETTING, "sv") == {
        "new_name": Message("case_types.error.name"),
        "new_label_da": Message("case_types.error.labels"),
        "mandatory-street": Message("case_types.error.always_mandatory"),
    }
    assert form_errors(["fields[4]"], asked, typed, SETTING, "sv") == {
        "new_choices": Message("case_types.error.choices")
    }


def test_the_whole_form_refused_is_explained_from_what_was_asked() -> None:
    removed_built_in = FormInput.from_form({"version": "3"}, [], ["ean", "desired_date"])
    asked = removed_built_in.request(SETTING["fields"])
    assert form_errors(["fields"], asked, removed_built_in, SETTING, "en") == {
        FORM: Message("case_types.error.built_in", {"fields": "Anläggnings-ID (EAN) (en), Önskat datum (en)"})
    }
    used_by_rule = FormInput.from_form({"version": "3"}, [], ["cabinet_code"])
    asked = used_by_rule.request(SETTING["fields"])
    assert form_errors(["fields"], asked, used_by_rule, SETTING, "sv") == {
        FORM: Message("case_types.error.rule_needs_field", {"fields": "Kod till mätarskåp", "rules": "Skåp"})
    }
    twice = FormInput.from_form({"version": "3", "new_name": "desired_date", "new_label_sv": "X"}, [], [])
    asked = twice.request(SETTING["fields"])
    assert form_errors(["fields"], asked, twice, SETTING, "sv") == {
        "new_name": Message("case_types.error.name_taken")
    }
    assert form_errors(["something"], asked, FormInput(), SETTING, "sv") == {
        FORM: Message("case_types.error.form")
    }


@pytest.mark.parametrize(("typed", "expected"), [("", None), (" 5 ", 5), ("250", 250), ("0", 0)])
def test_a_target_is_a_whole_number_or_none(typed: str, expected: int | None) -> None:
    assert parse_target(typed) == expected


@pytest.mark.parametrize("typed", ["5,5", "-1", "fem", "1e3"])
def test_a_target_that_is_no_whole_number_is_refused_here(typed: str) -> None:
    with pytest.raises(ValueError, match=re.escape(typed)):
        parse_target(typed)


def test_paths_and_lists_as_cases_and_people_write_them() -> None:
    assert path_parts("rules[0].conditions[1].values") == ["rules", "0", "conditions", "1", "values"]
    assert path_parts("rules.0.conditions.1.values.0") == ["rules", "0", "conditions", "1", "values", "0"]
    assert split_list(" 16,20 , ,25") == ["16", "20", "25"]


def test_every_text_the_form_editor_builds_from_data_exists_in_every_language() -> None:
    for texts in all_catalogs().values():
        assert all(f"case_types.kind.{kind}" in texts for kind in (*KINDS, "ean"))
        assert all(f"case_types.form.new_label_{language}" in texts for language in ("sv", "da", "en"))

"""The committed JSON Schemas guard the published language against breaking changes."""

import copy
from pathlib import Path

import pytest
from pydantic import create_model

from contracts.events.identity import TeamApplicationSubmittedV1
from contracts.schema_compat import breaking_changes, compare_all, export_schemas, read_schemas

SCHEMAS = Path(__file__).resolve().parents[2] / "contracts" / "schemas"


def test_current_payloads_are_compatible_with_committed_schemas() -> None:
    committed = read_schemas(SCHEMAS)
    assert committed, "no committed schemas: run `uv run python -m contracts.schema_compat`"
    assert compare_all(committed, export_schemas()) == []


def test_every_payload_has_a_committed_schema() -> None:
    missing = set(export_schemas()) - set(read_schemas(SCHEMAS))
    assert not missing, f"new event types without a committed schema: {missing}"


@pytest.fixture
def schema() -> dict[str, object]:
    return copy.deepcopy(export_schemas()["team_application.submitted.v1"])


def test_a_removed_field_is_caught(schema: dict[str, dict[str, object]]) -> None:
    changed = copy.deepcopy(schema)
    del changed["properties"]["contact_email"]
    assert breaking_changes(schema, changed) == ["contact_email: removed"]


def test_a_retyped_field_is_caught(schema: dict[str, dict[str, object]]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["company_name"] = {"type": "integer"}
    assert breaking_changes(schema, changed) == ["company_name: type changed from string to integer"]


def test_an_added_optional_field_passes(schema: dict[str, dict[str, object]]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["website"] = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    assert breaking_changes(schema, changed) == []


def test_an_added_required_field_is_caught(schema: dict[str, object]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["website"] = {"type": "string"}  # type: ignore[index]
    changed["required"] = [*changed["required"], "website"]  # type: ignore[misc]
    assert breaking_changes(schema, changed) == ["website: added as required"]


def test_a_narrowed_enum_is_caught(schema: dict[str, dict[str, object]]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["language"] = {"type": "string", "enum": ["sv", "en"]}
    assert breaking_changes(schema, changed) == ["language: enum values removed: ['da']"]


def test_a_removed_event_type_is_caught() -> None:
    current = export_schemas()
    committed = {**current, "team.vanished.v1": {"properties": {}}}
    assert compare_all(committed, current) == [
        "team.vanished.v1: event type removed (publish it until consumers move)"
    ]


def test_the_check_fails_when_a_real_model_drops_a_committed_field() -> None:
    """The whole path a developer takes: change the model, export, compare with the committed file."""
    fields = {
        name: (info.annotation, info)
        for name, info in TeamApplicationSubmittedV1.model_fields.items()
        if name != "contact_email"
    }
    trimmed = create_model("TeamApplicationSubmittedV1", **fields)  # type: ignore[call-overload]
    committed = read_schemas(SCHEMAS)["team_application.submitted.v1"]
    current = {
        **export_schemas(),
        "team_application.submitted.v1": trimmed.model_json_schema(mode="serialization"),
    }
    assert compare_all({"team_application.submitted.v1": committed}, current) == [
        "team_application.submitted.v1: contact_email: removed"
    ]

"""Case type forms as data: drafts report only wrong values, sending lists everything missing at once."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from cases.domain.case_types import (
    AttachmentSpec,
    CaseTypeSchema,
    FieldSpec,
    InvalidSchema,
    Missing,
    missing_for_submission,
    validate_draft,
)
from cases.domain.default_case_types import MAIN_FUSES, default_case_types
from cases.domain.field_values import FieldKind
from cases.domain.texts import Texts

EAN = "735999123456789018"
T = Texts("sv", "da", "en")


def _types() -> dict[str, CaseTypeSchema]:
    return {schema.code: schema for schema in default_case_types("okab")}


@pytest.fixture(scope="module")
def fuse_change() -> CaseTypeSchema:
    return _types()["fuse_change"]


def _complete_fuse_change() -> dict[str, str | None]:
    return {
        "street": "Storgatan 1",
        "postcode": "252 25",
        "city": "Helsingborg",
        "ean": EAN,
        "current_main_fuse": "16",
        "new_main_fuse": "25",
        "owner_name": "Anna Andersson",
        "owner_personal_number": "19800101-0001",
        "owner_street": "Storgatan 1",
        "owner_postcode": "252 25",
        "owner_city": "Helsingborg",
        "payer_name": "Anna Andersson",
        "payer_personal_number": "19800101-0001",
        "payer_street": "Storgatan 1",
        "payer_postcode": "252 25",
        "payer_city": "Helsingborg",
    }


def test_every_seed_case_type_is_there_with_its_swedish_name() -> None:
    names = {schema.names.sv for schema in default_case_types("okab")}
    assert {
        "Säkringsändring",
        "Servisändring",
        "Tillfällig anläggning",
        "Nyanslutning",
        "Utökning",
        "Arbete i befintlig anläggning",
        "1-3 Fas",
        "ABA – produktionsanläggning",
        "ABA – flytt av mätare",
    } <= names
    assert {s.names.da for s in default_case_types("okab") if s.project_capable} == {
        "Erhverv",
        "Rækkehuse",
        "Lejlighed",
        "Ung/ældre/pleje",
    }


def test_default_types_belong_to_the_dso_at_version_one() -> None:
    assert {(s.dso_id, s.version) for s in default_case_types("okab")} == {("okab", 1)}


def test_a_complete_fuse_change_can_be_sent(fuse_change: CaseTypeSchema) -> None:
    values = _complete_fuse_change()
    assert validate_draft(fuse_change, values) == {}
    assert missing_for_submission(fuse_change, values, attachments=()) == []


def test_an_empty_fuse_change_lists_every_mandatory_field_at_once(fuse_change: CaseTypeSchema) -> None:
    missing = missing_for_submission(fuse_change, {}, attachments=())
    assert [m.name for m in missing] == list(_complete_fuse_change())
    assert Missing("field", "new_main_fuse", "Ny huvudsäkring (A)") in missing


def test_missing_fields_and_attachments_come_together(fuse_change: CaseTypeSchema) -> None:
    new_connection = _types()["new_connection"]
    values = {**_complete_fuse_change(), "main_fuse": None, "city": "  "}
    missing = missing_for_submission(new_connection, values, attachments=(), language="en")
    assert [(m.kind, m.name, m.label) for m in missing] == [
        ("field", "city", "City"),
        ("field", "main_fuse", "Main fuse (A)"),
        ("attachment", "site_plan", "Site plan"),
    ]


def test_an_uploaded_site_plan_is_no_longer_missing() -> None:
    new_connection = _types()["new_connection"]
    values = {**_complete_fuse_change(), "main_fuse": "35"}
    assert missing_for_submission(new_connection, values, attachments={"site_plan", "photo"}) == []


def test_the_new_connection_needs_no_ean_yet() -> None:
    new_connection = _types()["new_connection"]
    assert "ean" not in [m.name for m in missing_for_submission(new_connection, {}, ())]


def test_a_draft_may_be_partial(fuse_change: CaseTypeSchema) -> None:
    assert validate_draft(fuse_change, {"street": "Storgatan 1", "ean": "", "new_main_fuse": None}) == {}


def test_a_draft_reports_every_wrong_value(fuse_change: CaseTypeSchema) -> None:
    errors = validate_draft(
        fuse_change,
        {"ean": "735999123456789017", "new_main_fuse": "30", "desired_date": "2026-02-30", "colour": "red"},
    )
    assert set(errors) == {"ean", "new_main_fuse", "desired_date", "colour"}
    assert errors["new_main_fuse"] == "must be one of " + ", ".join(MAIN_FUSES)
    assert "check digit" in errors["ean"]
    assert "not a field of fuse_change" in errors["colour"]


@pytest.mark.parametrize(
    ("kind", "value", "error"),
    [
        (FieldKind.INTEGER, "12", None),
        (FieldKind.INTEGER, "12.5", "whole number"),
        (FieldKind.INTEGER, "0", "at least 1"),
        (FieldKind.INTEGER, "101", "at most 100"),
        (FieldKind.DECIMAL, "3,5", None),
        (FieldKind.DECIMAL, "3.5", None),
        (FieldKind.DECIMAL, "tre", "must be a number"),
        (FieldKind.DECIMAL, "100,5", "at most 100"),
        (FieldKind.DATE, "2026-11-23", None),
        (FieldKind.DATE, "20261123", "YYYY-MM-DD"),
        (FieldKind.BOOLEAN, "true", None),
        (FieldKind.BOOLEAN, "ja", "true or false"),
        (FieldKind.TEXT, "x" * 10, None),
        (FieldKind.TEXT, "x" * 11, "at most 10 characters"),
    ],
)
def test_values_are_checked_by_kind(kind: FieldKind, value: str, error: str | None) -> None:
    spec = FieldSpec("f", kind, T, minimum=Decimal(1), maximum=Decimal(100), max_length=10)
    schema = CaseTypeSchema("t", "okab", 1, T, (spec,))
    errors = validate_draft(schema, {"f": value})
    if error is None:
        assert errors == {}
    else:
        assert error in errors["f"]


def test_a_mandatory_boolean_answered_no_is_not_missing() -> None:
    work = _types()["work_in_existing_installation"]
    assert "outage_needed" not in [
        m.name for m in missing_for_submission(work, {"outage_needed": "false"}, ())
    ]


@pytest.mark.parametrize(
    "build",
    [
        lambda: CaseTypeSchema("t", "okab", 0, T, ()),
        lambda: CaseTypeSchema("t", "okab", 1, T, (FieldSpec("a", FieldKind.TEXT, T),) * 2),
        lambda: CaseTypeSchema("t", "okab", 1, T, (), (AttachmentSpec("site_plan", T),) * 2),
        lambda: FieldSpec("a", FieldKind.CHOICE, T),
        lambda: FieldSpec("a", FieldKind.TEXT, T, choices=("x",)),
        lambda: FieldSpec("a", FieldKind.INTEGER, T, minimum=Decimal(5), maximum=Decimal(1)),
    ],
)
def test_a_dso_cannot_configure_a_broken_schema(build: Callable[[], object]) -> None:
    with pytest.raises(InvalidSchema):
        build()

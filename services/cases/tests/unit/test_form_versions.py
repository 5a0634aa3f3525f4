"""A DSO's form change: a new version; the portal's own fields stay, the address stays mandatory."""

import pytest

from cases.domain.default_case_types import built_in_fields, default_case_types
from cases.domain.field_values import FieldKind
from cases.domain.form_versions import FieldChange, InvalidForm, next_version
from cases.domain.texts import Texts

FUSE = next(schema for schema in default_case_types("sundkraft") if schema.code == "fuse_change")
BUILT_IN = built_in_fields("fuse_change")
AS_IS = [FieldChange(spec.name, spec.mandatory) for spec in FUSE.fields]


def test_a_change_makes_the_next_version_with_new_flags_labels_and_fields() -> None:
    changes = [FieldChange(c.name, True if c.name == "desired_date" else c.mandatory) for c in AS_IS] + [
        FieldChange("meter_cabinet", False, Texts("Mätarskåp", "Målerskab", "Meter cabinet"), FieldKind.TEXT)
    ]
    changed = next_version(FUSE, BUILT_IN, changes)
    assert changed.version == FUSE.version + 1
    assert changed.field("desired_date").mandatory  # type: ignore[union-attr]
    assert changed.field("meter_cabinet") is not None
    assert FUSE.field("meter_cabinet") is None  # the old version is untouched


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ([c for c in AS_IS if c.name != "current_main_fuse"], "fields"),
        ([FieldChange(c.name, False) if c.name == "street" else c for c in AS_IS], "fields[0].mandatory"),
        (
            [*AS_IS, FieldChange("Bad Name", False, Texts("a", "b", "c"), FieldKind.TEXT)],
            f"fields[{len(AS_IS)}].name",
        ),
        ([*AS_IS, FieldChange("extra", False, Texts("a", "b", "c"))], f"fields[{len(AS_IS)}].kind"),
        ([*AS_IS, FieldChange("extra", False, None, FieldKind.TEXT)], f"fields[{len(AS_IS)}].labels"),
        (
            [*AS_IS, FieldChange("extra", False, Texts("a", "b", "c"), FieldKind.CHOICE)],
            f"fields[{len(AS_IS)}]",
        ),
        ([*AS_IS, AS_IS[-1]], "fields"),
    ],
)
def test_a_change_that_cannot_be_is_refused_naming_the_field(changes: list[FieldChange], where: str) -> None:
    with pytest.raises(InvalidForm) as refused:
        next_version(FUSE, BUILT_IN, changes)
    assert refused.value.where == where


def test_a_fields_kind_never_changes() -> None:
    changes = [
        FieldChange(c.name, c.mandatory, kind=FieldKind.TEXT) if c.name == "new_main_fuse" else c
        for c in AS_IS
    ]
    with pytest.raises(InvalidForm, match="kind stays"):
        next_version(FUSE, BUILT_IN, changes)

"""A DSO's change of a case type's form, as its next version: existing cases keep the version they were
made with, new cases get this one.

The fields the portal itself relies on cannot be removed (the site address names and routes the case,
the facility and party fields are filled by "Hämta anl-data" and "Kopiera från ägare"); their labels and
mandatory flags can change, except that a case always needs its address. A DSO may add fields of its own
and remove them again.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from cases.domain.case_types import CaseTypeSchema, FieldSpec, InvalidSchema
from cases.domain.field_values import FieldKind
from cases.domain.texts import Texts

ALWAYS_MANDATORY = frozenset({"street", "postcode", "city"})
MAX_FIELDS = 80
_NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")


class InvalidForm(ValueError):
    """`where` names the part of the request, e.g. `fields[3].mandatory`."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of the new form, in the order wanted. `kind` and the limits only for a new field."""

    name: str
    mandatory: bool
    labels: Texts | None = None  # None keeps the current labels
    kind: FieldKind | None = None
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None


def next_version(
    current: CaseTypeSchema, built_in: frozenset[str], changes: Sequence[FieldChange]
) -> CaseTypeSchema:
    """The form after `changes`, one version up; InvalidForm names the first change that cannot be."""
    if not changes or len(changes) > MAX_FIELDS:
        raise InvalidForm("fields", f"a form has 1 to {MAX_FIELDS} fields")
    fields = [_field(current, change, f"fields[{index}]") for index, change in enumerate(changes)]
    names = [spec.name for spec in fields]
    if removed := sorted(built_in - set(names)):
        raise InvalidForm(
            "fields", "the portal needs these fields; they cannot be removed: " + ", ".join(removed)
        )
    try:
        return replace(current, version=current.version + 1, fields=tuple(fields))
    except InvalidSchema as invalid:
        raise InvalidForm("fields", str(invalid)) from None


def _field(current: CaseTypeSchema, change: FieldChange, where: str) -> FieldSpec:
    if change.name in ALWAYS_MANDATORY and not change.mandatory:
        raise InvalidForm(f"{where}.mandatory", f"{change.name} is always mandatory: it names the case")
    existing = current.field(change.name)
    if existing is not None:
        if change.kind is not None and change.kind != existing.kind:
            # Values already typed would no longer fit: a new field under a new name is the honest way.
            raise InvalidForm(f"{where}.kind", f"{change.name} is a {existing.kind} field; its kind stays")
        return replace(existing, mandatory=change.mandatory, labels=change.labels or existing.labels)
    if not _NAME.fullmatch(change.name):
        raise InvalidForm(
            f"{where}.name", "a new field's name is 2-40 of a-z, 0-9 and _, starting with a letter"
        )
    if change.kind is None:
        raise InvalidForm(f"{where}.kind", "a new field needs a kind")
    if change.labels is None:
        raise InvalidForm(f"{where}.labels", "a new field needs labels in Swedish, Danish and English")
    if change.kind == FieldKind.EAN:
        raise InvalidForm(f"{where}.kind", "the facility's EAN is already a field of every form")
    try:
        return FieldSpec(
            change.name,
            change.kind,
            change.labels,
            change.mandatory,
            choices=change.choices,
            minimum=change.minimum,
            maximum=change.maximum,
            max_length=change.max_length,
        )
    except InvalidSchema as invalid:
        raise InvalidForm(where, str(invalid)) from None

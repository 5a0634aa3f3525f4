"""Case types as data: a schema per DSO, type and version, so a DSO changes a form without a release.

A draft may be partial (only values that cannot be right are reported); sending lists every missing
mandatory field and required attachment at once, because incomplete cases are what DSOs complain of.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from cases.domain.field_values import FieldKind, is_empty, kind_error
from cases.domain.texts import Language, Texts


class InvalidSchema(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: FieldKind
    labels: Texts
    mandatory: bool = False
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None

    def __post_init__(self) -> None:
        if (self.kind == FieldKind.CHOICE) != bool(self.choices):
            raise InvalidSchema(f"{self.name}: choices are given exactly for choice fields")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InvalidSchema(f"{self.name}: minimum {self.minimum} is above maximum {self.maximum}")

    def error(self, value: str | None) -> str | None:
        """What is wrong with a given value; an empty value is never wrong here (drafts are partial)."""
        problem = self.problem(value)
        return None if problem is None else problem.en

    def problem(self, value: str | None) -> Texts | None:
        """`error` in the three languages."""
        if value is None or is_empty(value):
            return None
        return kind_error(
            self.kind,
            value.strip(),
            choices=self.choices,
            minimum=self.minimum,
            maximum=self.maximum,
            max_length=self.max_length,
        )


@dataclass(frozen=True, slots=True)
class AttachmentSpec:
    code: str  # e.g. "site_plan"; an uploaded attachment is tagged with it
    labels: Texts


@dataclass(frozen=True, slots=True)
class CaseTypeSchema:
    code: str
    dso_id: str
    version: int
    names: Texts
    fields: tuple[FieldSpec, ...]
    required_attachments: tuple[AttachmentSpec, ...] = ()
    project_capable: bool = False  # may be used for a group of a project (Danish seed)

    def __post_init__(self) -> None:
        if self.version < 1:
            raise InvalidSchema(f"{self.code}: versions start at 1")
        names = [spec.name for spec in self.fields]
        if duplicates := sorted({name for name in names if names.count(name) > 1}):
            raise InvalidSchema(f"{self.code}: fields defined twice: {', '.join(duplicates)}")
        codes = [spec.code for spec in self.required_attachments]
        if len(set(codes)) != len(codes):
            raise InvalidSchema(f"{self.code}: an attachment is required twice")

    def field(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.name == name), None)


@dataclass(frozen=True, slots=True)
class Missing:
    """A mandatory field left empty or a required attachment not uploaded, labelled for the user."""

    kind: Literal["field", "attachment"]
    name: str
    label: str


def validate_draft(schema: CaseTypeSchema, values: Mapping[str, str | None]) -> dict[str, str]:
    """Field name -> what is wrong, for values that cannot be right; empty and missing are fine."""
    return {name: problem.en for name, problem in draft_problems(schema, values).items()}


def draft_problems(schema: CaseTypeSchema, values: Mapping[str, str | None]) -> dict[str, Texts]:
    """`validate_draft` in the three languages."""
    return field_problems(schema.fields, values, f"{schema.code} version {schema.version}")


def field_errors(
    fields: tuple[FieldSpec, ...], values: Mapping[str, str | None], form: str = "this form"
) -> dict[str, str]:
    """Field name -> what is wrong with each given value, in form order, then unknown names."""
    return {name: problem.en for name, problem in field_problems(fields, values, form).items()}


def field_problems(
    fields: tuple[FieldSpec, ...], values: Mapping[str, str | None], form: str = "this form"
) -> dict[str, Texts]:
    """`field_errors` in the three languages."""
    problems: dict[str, Texts] = {}
    for spec in fields:
        if problem := spec.problem(values.get(spec.name)):
            problems[spec.name] = problem
    known = {spec.name for spec in fields}
    for name in values:
        if name not in known:
            # A stale or mistyped client must not have data silently dropped.
            problems[name] = Texts(
                f"är inget fält i {form}", f"er ikke et felt i {form}", f"is not a field of {form}"
            )
    return problems


def missing_for_submission(
    schema: CaseTypeSchema,
    values: Mapping[str, str | None],
    attachments: Collection[str],
    language: Language = "sv",
) -> list[Missing]:
    """Every empty mandatory field, then every required attachment not uploaded, in form order."""
    missing = [
        Missing("field", spec.name, spec.labels.in_language(language))
        for spec in schema.fields
        if spec.mandatory and is_empty(values.get(spec.name))
    ]
    missing += [
        Missing("attachment", spec.code, spec.labels.in_language(language))
        for spec in schema.required_attachments
        if spec.code not in attachments
    ]
    return missing

"""A case's form as its type defines it (cases' `GET /case-types/{code}`): the fields, what a browser sent
for them, and how cases' refusals are shown beside them.

Values travel as text, as typed: cases checks them against the field's kind (a draft may be partial, so
an empty field is never wrong until the case is sent). The inputs are named `values.<field>`, the same
path cases' errors name, so no field's name can clash with the form's own controls.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "values."
KINDS = ("text", "integer", "decimal", "choice", "date", "ean", "boolean")
LONG_TEXT = 500  # text fields allowing more than this are a textarea
FORM = "form"  # the key of errors that name no field of the form


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str
    label: str
    mandatory: bool = False
    choices: tuple[Choice, ...] = ()
    minimum: str | None = None
    maximum: str | None = None
    max_length: int | None = None

    @property
    def input_name(self) -> str:
        return PREFIX + self.name

    @property
    def input_id(self) -> str:
        return f"field-{self.name}"

    @property
    def multiline(self) -> bool:
        return self.kind == "text" and (self.max_length or 0) > LONG_TEXT

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> "Field":
        """One field of cases' answer; choices as plain values or as {"value", "label"}."""
        kind = str(data.get("kind") or "text")
        return cls(
            name=str(data["name"]),
            kind=kind if kind in KINDS else "text",
            label=str(data.get("label") or data["name"]),
            mandatory=bool(data.get("mandatory")),
            choices=tuple(_choice(choice) for choice in data.get("choices") or ()),
            minimum=None if data.get("minimum") is None else str(data["minimum"]),
            maximum=None if data.get("maximum") is None else str(data["maximum"]),
            max_length=int(data["max_length"]) if data.get("max_length") else None,
        )

    def shown(self, value: str | None) -> str:
        """The value as a reader sees it in a sent case: a choice's label; "" for none. Booleans are left
        to the page, which says yes or no in the reader's language."""
        if value is None:
            return ""
        return next((choice.label for choice in self.choices if choice.value == value), value)


def fields_of(case_type: Mapping[str, Any], key: str = "fields") -> tuple[Field, ...]:
    """A type's form fields (`fields`) or its completion notice's (`completion_notice_fields`)."""
    return tuple(Field.of(item) for item in case_type.get(key) or () if isinstance(item, Mapping))


def _choice(choice: Any) -> Choice:
    if isinstance(choice, Mapping):
        value = str(choice.get("value", choice.get("code", "")))
        return Choice(value, str(choice.get("label") or value))
    return Choice(str(choice), str(choice))


def values_from_form(form: Mapping[str, str]) -> dict[str, str | None]:
    """The values to send: every `values.<field>` input, trimmed; an emptied one is None (cases clears it).
    A field the form did not carry is left out, so a form never erases what it did not show. Which names
    are fields is cases' to say: it refuses an unknown one naming it, and the page shows that."""
    return {
        name.removeprefix(PREFIX): value.strip() or None
        for name, value in form.items()
        if name.startswith(PREFIX) and len(name) > len(PREFIX)
    }


def typed_values(form: Mapping[str, str]) -> dict[str, str]:
    """The `values.<field>` inputs as typed, to show them again when cases refused them."""
    return {name.removeprefix(PREFIX): value for name, value in form.items() if name.startswith(PREFIX)}


def form_values(values: Mapping[str, Any] | None) -> dict[str, str]:
    """A case's values as the form's inputs show them (None as empty)."""
    return {name: "" if value is None else str(value) for name, value in (values or {}).items()}


@dataclass(frozen=True, slots=True)
class FieldError:
    """What the page says beside a field: a text key and the values it names (the field's limits)."""

    key: str
    values: Mapping[str, str | int]


def field_errors(fields: Iterable[Field], named: Iterable[str]) -> dict[str, FieldError]:
    """Cases' error paths (`values.new_main_fuse`) → the form's field and the text explaining it, by the
    field's kind; a path naming no field of the form (`version`, `lon`) is an error of the whole form."""
    by_name = {field.name: field for field in fields}
    errors: dict[str, FieldError] = {}
    for path in named:
        field = by_name.get(path.removeprefix(PREFIX)) if path.startswith(PREFIX) else None
        if field is None:
            errors[FORM] = FieldError("case.error.form", {})
        else:
            errors[field.name] = _kind_error(field)
    return errors


def _kind_error(field: Field) -> FieldError:
    if field.kind in ("integer", "decimal") and field.minimum is not None and field.maximum is not None:
        return FieldError(f"case.error.{field.kind}_between", {"min": field.minimum, "max": field.maximum})
    if field.kind == "text" and field.max_length:
        return FieldError("case.error.text", {"max": field.max_length})
    return FieldError(f"case.error.{field.kind}", {})

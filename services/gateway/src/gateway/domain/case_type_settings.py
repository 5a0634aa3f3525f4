"""The DSO admin's settings of a case type, as pages show and post them: the service-level target, and the
form editor (every field's mandatory flag, fields removed, one field added) turned into the list cases'
`POST /dso/case-types/{code}/versions` wants; and which text explains each of cases' refusals, next to
which row. Cases decides; these only translate between a browser's form and cases' API."""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# What a new field may be; the facility's EAN is every form's already (cases refuses a second one).
KINDS = ("text", "integer", "decimal", "choice", "date", "boolean")
MAX_TARGET_WORKING_DAYS = 250  # cases' limit; the input says so before cases has to
NEW_ROW = ""  # the form editor's row of a field to add (existing rows are named by their field)
FORM = "fields"  # errors about the whole form
NEW_FIELD_INPUTS = ("new_name", "new_kind", "new_label_sv", "new_label_da", "new_label_en", "new_choices")
_PATH_PART = re.compile(r"[^.\[\]]+")


@dataclass(frozen=True, slots=True)
class Message:
    """A text of the catalog and the values it names."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)


def in_language(texts: Mapping[str, str], language: str) -> str:
    """One of cases' `{sv, da, en}` texts; Swedish when the language's is missing."""
    return str(texts.get(language) or texts.get("sv") or "")


def split_list(text: str) -> list[str]:
    """`"16, 20,25"` → `["16", "20", "25"]`: values typed comma-separated, blanks dropped."""
    return [part.strip() for part in text.split(",") if part.strip()]


def path_parts(path: str) -> list[str]:
    """Cases names parts as `rules[0].conditions[1].values` (its own checks) or `rules.0.conditions.1.values`
    (request validation): both as `["rules", "0", "conditions", "1", "values"]`."""
    return _PATH_PART.findall(path)


def parse_target(text: str) -> int | None:
    """The target as typed: empty is no target; ValueError for anything but a whole number."""
    stripped = text.strip()
    if not stripped:
        return None
    if not re.fullmatch(r"\d{1,6}", stripped):
        raise ValueError(stripped)
    return int(stripped)


@dataclass(frozen=True, slots=True)
class NewField:
    """The form editor's row for adding a field, as typed."""

    name: str = ""
    kind: str = "text"
    label_sv: str = ""
    label_da: str = ""
    label_en: str = ""
    mandatory: bool = False
    choices: str = ""

    @property
    def typed(self) -> bool:
        """Anything typed in it; an untouched row adds nothing."""
        return any((self.name, self.label_sv, self.label_da, self.label_en, self.choices))

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"name": self.name, "mandatory": self.mandatory, "kind": self.kind}
        labels = {"sv": self.label_sv, "da": self.label_da, "en": self.label_en}
        if any(labels.values()):
            body["labels"] = labels  # all three or cases says which is missing; none: "needs labels"
        if self.kind == "choice":
            body["choices"] = split_list(self.choices)
        return body


@dataclass(frozen=True, slots=True)
class FormRequest:
    """The body for cases, and which row each of its `fields[i]` came from (NEW_ROW for the new one)."""

    body: dict[str, Any]
    rows: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FormInput:
    """The form editor as typed: kept when cases refuses it, so nothing is typed twice."""

    version: int | None = None  # the version the page showed: a newer one means someone else saved
    mandatory: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    new: NewField = NewField()

    @classmethod
    def of(cls, setting: Mapping[str, Any]) -> "FormInput":
        """The form as cases has it now: nothing removed, nothing added."""
        return cls(
            version=int(setting["version"]),
            mandatory=frozenset(f["name"] for f in setting["fields"] if f["mandatory"]),
        )

    @classmethod
    def from_form(
        cls, text: Mapping[str, str], mandatory: Iterable[str], removed: Iterable[str]
    ) -> "FormInput":
        """`mandatory` and `removed`: the names of the boxes ticked. Text trimmed."""
        version = text.get("version", "").strip()
        new = NewField(
            name=text.get("new_name", "").strip(),
            kind=text.get("new_kind", "text").strip() or "text",
            label_sv=text.get("new_label_sv", "").strip(),
            label_da=text.get("new_label_da", "").strip(),
            label_en=text.get("new_label_en", "").strip(),
            mandatory=bool(text.get("new_mandatory")),
            choices=text.get("new_choices", "").strip(),
        )
        return cls(
            version=int(version) if version.isdigit() else None,
            mandatory=frozenset(mandatory),
            removed=frozenset(removed),
            new=new,
        )

    def request(self, fields: Sequence[Mapping[str, Any]]) -> FormRequest:
        """Every field of the new form in order: the current ones not removed (their labels and kinds
        kept), then the new one. The boxes the page disables (always mandatory) are sent ticked: a
        disabled box is not posted. A removal the page does not offer (a built-in field) is still asked
        for: cases refuses it and the page says why."""
        sent: list[dict[str, Any]] = []
        rows: list[str] = []
        for current in fields:
            name = current["name"]
            if name in self.removed:
                continue
            mandatory = bool(current.get("always_mandatory")) or name in self.mandatory
            sent.append({"name": name, "mandatory": mandatory})
            rows.append(name)
        if self.new.typed:
            sent.append(self.new.body())
            rows.append(NEW_ROW)
        return FormRequest({"fields": sent}, tuple(rows))


def form_errors(
    paths: Iterable[str],
    request: FormRequest,
    typed: FormInput,
    setting: Mapping[str, Any],
    language: str,
) -> dict[str, Message]:
    """Cases' refusal of a new version → the place on the page (FORM, `mandatory-{field}` or one of the
    new row's inputs) and the text explaining it."""
    errors: dict[str, Message] = {}
    for path in paths:
        parts = path_parts(path)
        index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        if parts[:1] != ["fields"] or index is None or index >= len(request.rows):
            place, message = _whole_form(typed, setting, language)
        elif request.rows[index] == NEW_ROW:
            place, message = _new_field_error(parts[2:])
        elif parts[2:3] == ["mandatory"]:
            place, message = f"mandatory-{request.rows[index]}", Message("case_types.error.always_mandatory")
        else:
            place, message = FORM, Message("case_types.error.form")
        errors.setdefault(place, message)
    return errors


def _whole_form(typed: FormInput, setting: Mapping[str, Any], language: str) -> tuple[str, Message]:
    """Why cases refused the form as a whole, worked out from what was asked (cases' own words are for
    developers): a built-in field removed, the new field named as an existing one, a field a rule uses."""
    fields = setting["fields"]
    labels = {f["name"]: in_language(f["labels"], language) for f in fields}
    built_in = [labels[f["name"]] for f in fields if f["built_in"] and f["name"] in typed.removed]
    if built_in:
        return FORM, Message("case_types.error.built_in", {"fields": ", ".join(built_in)})
    kept = {f["name"] for f in fields} - typed.removed
    if typed.new.typed and typed.new.name in kept:
        return "new_name", Message("case_types.error.name_taken")
    used = {c["field"]: rule["name"] for rule in setting["approval_rules"] for c in rule["conditions"]}
    needed = [name for name in used if name in typed.removed]
    if needed:
        values = {
            "fields": ", ".join(labels.get(name, name) for name in needed),
            "rules": ", ".join(dict.fromkeys(used[name] for name in needed)),
        }
        return FORM, Message("case_types.error.rule_needs_field", values)
    return FORM, Message("case_types.error.form")


def _new_field_error(rest: Sequence[str]) -> tuple[str, Message]:
    part = rest[0] if rest else ""
    if part == "name":
        return "new_name", Message("case_types.error.name")
    if part == "kind":
        return "new_kind", Message("case_types.error.kind")
    if part == "labels":
        language = rest[1] if len(rest) > 1 and rest[1] in ("sv", "da", "en") else "sv"
        return f"new_label_{language}", Message("case_types.error.labels")
    if part == "choices" or not part:  # a choice field without choices is refused as the whole field
        return "new_choices", Message("case_types.error.choices")
    return "new_name", Message("case_types.error.new_field")


def target_error() -> Message:
    return Message("case_types.error.target", {"max": MAX_TARGET_WORKING_DAYS})

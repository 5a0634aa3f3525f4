"""Case-type schemas as the JSON stored in `case_type.schema`, and back."""

from decimal import Decimal
from typing import Any

from cases.domain.case_types import AttachmentSpec, CaseTypeSchema, FieldSpec
from cases.domain.field_values import FieldKind
from cases.domain.texts import Texts


def _texts(texts: Texts) -> dict[str, str]:
    return {"sv": texts.sv, "da": texts.da, "en": texts.en}


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def field_to_json(spec: FieldSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "kind": spec.kind.value,
        "labels": _texts(spec.labels),
        "mandatory": spec.mandatory,
        "choices": list(spec.choices),
        "minimum": _number(spec.minimum),
        "maximum": _number(spec.maximum),
        "max_length": spec.max_length,
    }


def schema_to_json(schema: CaseTypeSchema) -> dict[str, Any]:
    return {
        "code": schema.code,
        "version": schema.version,
        "names": _texts(schema.names),
        "fields": [field_to_json(spec) for spec in schema.fields],
        "required_attachments": [
            {"code": spec.code, "labels": _texts(spec.labels)} for spec in schema.required_attachments
        ],
        "project_capable": schema.project_capable,
    }


def schema_from_json(dso_id: str, data: dict[str, Any]) -> CaseTypeSchema:
    return CaseTypeSchema(
        code=data["code"],
        dso_id=dso_id,
        version=data["version"],
        names=Texts(**data["names"]),
        fields=tuple(
            FieldSpec(
                name=spec["name"],
                kind=FieldKind(spec["kind"]),
                labels=Texts(**spec["labels"]),
                mandatory=spec["mandatory"],
                choices=tuple(spec["choices"]),
                minimum=None if spec["minimum"] is None else Decimal(spec["minimum"]),
                maximum=None if spec["maximum"] is None else Decimal(spec["maximum"]),
                max_length=spec["max_length"],
            )
            for spec in data["fields"]
        ),
        required_attachments=tuple(
            AttachmentSpec(spec["code"], Texts(**spec["labels"])) for spec in data["required_attachments"]
        ),
        project_capable=data.get("project_capable", False),
    )

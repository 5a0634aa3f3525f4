"""HTTP: a DSO admin's settings of the DSO's case types (accepted, forms, targets, approval rules)."""

import uuid
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, ConfigDict, Field

from cases.domain.approval_rules import ApprovalRule, Condition, Operator
from cases.domain.case_policy import MAX_TARGET_WORKING_DAYS
from cases.domain.default_case_types import built_in_fields
from cases.domain.field_values import FieldKind
from cases.domain.form_versions import ALWAYS_MANDATORY, FieldChange
from cases.domain.texts import Texts
from cases.entrypoints.api.deps import CurrentActor, Now, UowFactory
from cases.entrypoints.api.problems import answered_as_problems
from cases.service_layer.case_type_admin import (
    CaseTypeSetting,
    case_type_setting,
    case_type_settings,
    change_form,
    set_accepted,
    set_approval_rules,
    set_target,
)

router = APIRouter(prefix="/dso/case-types", tags=["case type administration"])
Code = Annotated[str, Field(max_length=40)]
ShortText = Annotated[str, Field(max_length=200)]


class TextsModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    sv: ShortText = Field(min_length=1)
    da: ShortText = Field(min_length=1)
    en: ShortText = Field(min_length=1)

    def texts(self) -> Texts:
        return Texts(self.sv, self.da, self.en)


class ConditionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: Code
    operator: Operator
    values: list[ShortText] = Field(default_factory=list, max_length=50)


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID | None = None
    name: ShortText
    conditions: list[ConditionModel] = Field(max_length=20)

    def rule(self) -> ApprovalRule:
        conditions = tuple(Condition(c.field, c.operator, tuple(c.values)) for c in self.conditions)
        return ApprovalRule(self.name.strip(), conditions, self.id or uuid.uuid4())

    @classmethod
    def of(cls, rule: ApprovalRule) -> "RuleModel":
        return cls(
            id=rule.id,
            name=rule.name,
            conditions=[
                ConditionModel(field=c.field, operator=c.operator, values=list(c.values))
                for c in rule.conditions
            ],
        )


class FormFieldOut(BaseModel):
    name: str
    kind: str
    labels: TextsModel
    mandatory: bool
    choices: list[str]
    built_in: bool = Field(description="The portal relies on it: it can be relabelled, not removed.")
    always_mandatory: bool


class CaseTypeSettingOut(BaseModel):
    code: str
    version: int
    names: TextsModel
    accepted: bool
    project_capable: bool
    target_working_days: int | None
    approval_rules: list[RuleModel]
    fields: list[FormFieldOut]

    @classmethod
    def of(cls, setting: CaseTypeSetting) -> "CaseTypeSettingOut":
        schema, built_in = setting.schema, built_in_fields(setting.schema.code)
        return cls(
            code=schema.code,
            version=schema.version,
            names=TextsModel(sv=schema.names.sv, da=schema.names.da, en=schema.names.en),
            accepted=setting.accepted,
            project_capable=schema.project_capable,
            target_working_days=setting.policy.target_working_days,
            approval_rules=[RuleModel.of(rule) for rule in setting.policy.approval_rules],
            fields=[
                FormFieldOut(
                    name=spec.name,
                    kind=spec.kind.value,
                    labels=TextsModel(sv=spec.labels.sv, da=spec.labels.da, en=spec.labels.en),
                    mandatory=spec.mandatory,
                    choices=list(spec.choices),
                    built_in=spec.name in built_in,
                    always_mandatory=spec.name in ALWAYS_MANDATORY,
                )
                for spec in schema.fields
            ],
        )


class CaseTypeChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accepted: bool | None = Field(None, description="Offered for new cases.")
    target_working_days: int | None = Field(
        None, ge=1, le=MAX_TARGET_WORKING_DAYS, description="Decision target; null removes it."
    )


class RulesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[RuleModel] = Field(max_length=20)


class FieldIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Code
    mandatory: bool
    labels: TextsModel | None = None
    kind: FieldKind | None = None
    choices: list[ShortText] = Field(default_factory=list, max_length=100)
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = Field(None, ge=1, le=5000)

    def change(self) -> FieldChange:
        return FieldChange(
            name=self.name,
            mandatory=self.mandatory,
            labels=None if self.labels is None else self.labels.texts(),
            kind=self.kind,
            choices=tuple(self.choices),
            minimum=self.minimum,
            maximum=self.maximum,
            max_length=self.max_length,
        )


class FormIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fields: list[FieldIn] = Field(max_length=80, description="Every field of the new form, in order.")


@router.get("")
async def list_settings(request: Request, actor: CurrentActor, uow: UowFactory) -> list[CaseTypeSettingOut]:
    with answered_as_problems(request, actor):
        return [CaseTypeSettingOut.of(setting) for setting in await case_type_settings(uow(), actor)]


@router.patch("/{code}")
async def change_setting(
    request: Request, code: str, body: CaseTypeChangeIn, actor: CurrentActor, uow: UowFactory
) -> CaseTypeSettingOut:
    with answered_as_problems(request, actor):
        if body.accepted is not None:
            await set_accepted(uow(), actor, code, body.accepted)
        if "target_working_days" in body.model_fields_set:
            await set_target(uow(), actor, code, body.target_working_days)
        return CaseTypeSettingOut.of(await case_type_setting(uow(), actor, code))


@router.put("/{code}/approval-rules")
async def replace_rules(
    request: Request, code: str, body: RulesIn, actor: CurrentActor, uow: UowFactory
) -> CaseTypeSettingOut:
    with answered_as_problems(request, actor):
        await set_approval_rules(uow(), actor, code, [rule.rule() for rule in body.rules])
        return CaseTypeSettingOut.of(await case_type_setting(uow(), actor, code))


@router.post("/{code}/versions", status_code=status.HTTP_201_CREATED)
async def new_version(
    request: Request, code: str, body: FormIn, actor: CurrentActor, uow: UowFactory, now: Now
) -> CaseTypeSettingOut:
    with answered_as_problems(request, actor):
        await change_form(uow(), actor, code, [field.change() for field in body.fields], now)
        return CaseTypeSettingOut.of(await case_type_setting(uow(), actor, code))

"""The case as the API answers it (ADR 0005), labels in the caller's language."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from cases.domain.case import DRAFT_LIFETIME
from cases.domain.case_list import CaseSummary
from cases.domain.case_types import CaseTypeSchema, FieldSpec
from cases.domain.lifecycle import allowed_transitions
from cases.domain.service_level import Urgency
from cases.domain.status import CaseStatus
from cases.domain.texts import Language
from cases.service_layer.access import Actor
from cases.service_layer.case_views import CaseView, ListedCases, ServiceLevelView


class FieldOut(BaseModel):
    name: str
    kind: str
    label: str
    mandatory: bool
    choices: list[str]
    minimum: Decimal | None
    maximum: Decimal | None
    max_length: int | None

    @classmethod
    def of(cls, spec: FieldSpec, language: Language) -> "FieldOut":
        return cls(
            name=spec.name,
            kind=spec.kind.value,
            label=spec.labels.in_language(language),
            mandatory=spec.mandatory,
            choices=list(spec.choices),
            minimum=spec.minimum,
            maximum=spec.maximum,
            max_length=spec.max_length,
        )


class AttachmentOut(BaseModel):
    id: uuid.UUID
    file_name: str
    content_type: str
    size: int
    category: str | None
    uploaded_at: datetime


class HistoryOut(BaseModel):
    kind: str = Field(description="`status`: a move; `assigned`: the handler changed (status unchanged).")
    from_status: str | None
    to_status: str
    status_label: str
    actor_id: uuid.UUID
    actor_name: str
    actor_role: str = Field(description="`system` when an automatic approval rule made the move.")
    reason: str | None = Field(description="Why; for an automatic approval, the rule's name.")
    detail: str | None = Field(description="The handler assigned, or why the approval rule held.")
    at: datetime


class ServiceLevelOut(BaseModel):
    waited_on_dso_days: int = Field(description="Working days the case has waited on the grid company.")
    waited_on_installer_days: int = Field(description="Working days it has waited on the installer.")
    target_days: int | None = Field(description="The type's target in the DSO's working days, if any.")
    due_on: date | None = Field(description="The last day within the target, while the DSO has the turn.")
    urgency: str = Field(description="none, ok, near (two working days or less) or past.")

    @classmethod
    def of(cls, level: ServiceLevelView) -> "ServiceLevelOut":
        return cls(
            waited_on_dso_days=level.waited.on_dso,
            waited_on_installer_days=level.waited.on_installer,
            target_days=level.target_days,
            due_on=level.due_on,
            urgency=level.urgency.value,
        )


class CaseOut(BaseModel):
    id: uuid.UUID
    case_number: str | None
    status: str
    status_label: str
    case_type: str
    case_type_version: int
    case_type_name: str
    dso_id: str
    team_id: uuid.UUID
    installer_id: uuid.UUID
    installer_name: str
    address: str
    lon: float
    lat: float
    grid_area_id: str | None
    values: dict[str, str | None]
    completion_notice: dict[str, str | None] | None
    attachments: list[AttachmentOut]
    history: list[HistoryOut]
    allowed_transitions: list[str]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    expires_at: datetime | None
    version: int
    handler_id: uuid.UUID | None
    handler_name: str
    service_level: ServiceLevelOut | None
    unread_notes: int = Field(description="Notes from the other side the caller's side has not read.")

    @classmethod
    def of(cls, view: CaseView, actor: Actor) -> "CaseOut":
        case, language = view.case, actor.language
        return cls(
            id=case.id,
            case_number=case.case_number,
            status=case.status.value,
            status_label=case.status.label(language),
            case_type=case.case_type,
            case_type_version=case.case_type_version,
            case_type_name=view.schema.names.in_language(language),
            dso_id=case.dso_id,
            team_id=case.team_id,
            installer_id=case.installer_id,
            installer_name=case.installer_name,
            address=case.address,
            lon=case.lon,
            lat=case.lat,
            grid_area_id=case.grid_area_id,
            values=case.values,
            completion_notice=case.completion_notice,
            attachments=[
                AttachmentOut(
                    id=a.id,
                    file_name=a.file_name,
                    content_type=a.content_type,
                    size=a.size,
                    category=a.category,
                    uploaded_at=a.uploaded_at,
                )
                for a in view.attachments
            ],
            history=[
                HistoryOut(
                    kind=entry.kind.value,
                    from_status=None if entry.from_status is None else entry.from_status.value,
                    to_status=entry.to_status.value,
                    status_label=entry.to_status.label(language),
                    actor_id=entry.actor_id,
                    actor_name=entry.actor_name or view.names.get(entry.actor_id, ""),
                    actor_role=entry.actor_role.value,
                    reason=entry.reason,
                    detail=entry.detail,
                    at=entry.at,
                )
                for entry in view.history
            ],
            allowed_transitions=[
                status.value
                for status in allowed_transitions(case.status, actor.role)
                if status != CaseStatus.SUBMITTED  # sending is its own command, offered on drafts
            ],
            created_at=case.created_at,
            updated_at=case.updated_at,
            submitted_at=case.submitted_at,
            expires_at=case.expires_at,
            version=case.version,
            handler_id=case.handler_id,
            handler_name=case.handler_name,
            service_level=None if view.service_level is None else ServiceLevelOut.of(view.service_level),
            unread_notes=view.unread_notes,
        )


class CaseSummaryOut(BaseModel):
    id: uuid.UUID
    case_number: str | None
    case_type: str
    case_type_name: str
    address: str
    status: str
    status_label: str
    installer_id: uuid.UUID
    installer_name: str
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None
    submitted_at: datetime | None
    handler_id: uuid.UUID | None
    handler_name: str
    due_on: date | None
    urgency: str
    unread_notes: int

    @classmethod
    def of(cls, item: CaseSummary, listed: ListedCases, language: Language) -> "CaseSummaryOut":
        names = listed.type_names.get(item.case_type)
        return cls(
            id=item.id,
            case_number=item.case_number,
            case_type=item.case_type,
            case_type_name=names.in_language(language) if names else item.case_type,
            address=item.address,
            status=item.status.value,
            status_label=item.status.label(language),
            installer_id=item.installer_id,
            installer_name=item.installer_name,
            created_at=item.created_at,
            updated_at=item.updated_at,
            expires_at=item.updated_at + DRAFT_LIFETIME if item.status == CaseStatus.DRAFT else None,
            submitted_at=item.submitted_at,
            handler_id=item.handler_id,
            handler_name=item.handler_name,
            due_on=item.sla_due_on,
            urgency=listed.urgency.get(item.id, Urgency.NONE).value,
            unread_notes=listed.unread_notes.get(item.id, 0),
        )


class CasePageOut(BaseModel):
    items: list[CaseSummaryOut]
    total: int
    page: int
    page_size: int


class CaseTypeOut(BaseModel):
    code: str
    version: int
    name: str
    project_capable: bool

    @classmethod
    def of(cls, schema: CaseTypeSchema, language: Language) -> "CaseTypeOut":
        return cls(
            code=schema.code,
            version=schema.version,
            name=schema.names.in_language(language),
            project_capable=schema.project_capable,
        )


class AttachmentSpecOut(BaseModel):
    code: str
    label: str


class CaseTypeSchemaOut(CaseTypeOut):
    fields: list[FieldOut]
    required_attachments: list[AttachmentSpecOut]
    completion_notice_fields: list[FieldOut]

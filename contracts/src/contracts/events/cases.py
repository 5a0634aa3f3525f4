"""Events published by the cases service, all on `cases.cases` keyed by case id (one case's events in order).

None carries a personal identity number or the owner's and payer's data: a consumer that needs more asks
the cases API with its own authority. The site address is carried, as mails and lists name cases by it.
"""

import uuid
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.payload import EventPayload
from contracts.topics import CASES_CASES, CASES_JOBS, Topic

CaseStatus = Literal[
    "draft",
    "submitted",
    "planning",
    "in_progress",
    "completion_notice_received",
    "ready_for_meter",
    "closed",
    "rejected",
    "cancelled",
    "archived",
]
# "system": the DSO's automatic approval rules (the step names the rule).
ActorRole = Literal["installer", "team_admin", "dso_handler", "dso_admin", "system"]
NoteSide = Literal["team", "dso"]


class _CaseEvent(EventPayload):
    """What every case event says about its case."""

    topic: ClassVar[Topic] = CASES_CASES

    case_id: uuid.UUID = Field(description="The case's id.")
    dso_id: str = Field(description="The DSO the case is for.", examples=["sundkraft"])
    team_id: uuid.UUID = Field(description="The installer team the case belongs to.")
    installer_id: uuid.UUID = Field(description="The team member responsible for the case (its creator).")
    case_type: str = Field(description="The case type's code.", examples=["fuse_change"])
    address: str = Field(
        description="The site's address as users name the case.", examples=["Solgatan 20, Helsingborg"]
    )
    project_id: uuid.UUID | None = Field(None, description="The project the case belongs to, if any.")
    group_id: uuid.UUID | None = Field(None, description="Its group in the project.")


class CaseCreatedV1(_CaseEvent):
    """An installer started a case; it is a draft until sent."""

    event_type: ClassVar[str] = "case.created.v1"

    grid_area_id: str | None = Field(None, description="The grid area the site was routed to.")
    created_at: datetime = Field(description="When the draft was created.")


class CaseSubmittedV1(_CaseEvent):
    """A case was sent to its DSO with every mandatory field and attachment: it has its number now."""

    event_type: ClassVar[str] = "case.submitted.v1"

    case_number: str = Field(description="The DSO's number for the case.", examples=["SK-0003826"])
    submitted_by: uuid.UUID = Field(description="Who sent it.")
    submitted_at: datetime = Field(description="When it was sent.")


class CaseStatusChangedV1(_CaseEvent):
    """A sent case moved in its life cycle (DOMAIN.md), by a member of the team or of the DSO."""

    event_type: ClassVar[str] = "case.status_changed.v1"

    case_number: str = Field(description="The DSO's number for the case.", examples=["SK-0003826"])
    from_status: CaseStatus = Field(description="The status before.")
    to_status: CaseStatus = Field(description="The status now.")
    actor_id: uuid.UUID = Field(description="Who moved it.")
    actor_role: ActorRole = Field(description="In which role.")
    reason: str | None = Field(None, description="Why, where the move needs a reason (a rejection).")
    changed_at: datetime = Field(description="When.")
    rule_name: str | None = Field(
        None,
        description="The DSO's automatic approval rule that made the move (actor_role `system`).",
        examples=["Säkringsbyte upp till 25 A"],
    )
    handler_id: uuid.UUID | None = Field(None, description="The DSO handler the case is assigned to, if any.")


class CaseAttachmentAddedV1(_CaseEvent):
    """A file was attached to a case (content-checked; the file itself stays in the cases service)."""

    event_type: ClassVar[str] = "case.attachment_added.v1"

    attachment_id: uuid.UUID = Field(description="The attachment's id.")
    file_name: str = Field(description="The file's name as uploaded.", examples=["situationsplan.pdf"])
    category: str | None = Field(
        None, description="The required attachment it satisfies.", examples=["site_plan"]
    )
    added_by: uuid.UUID = Field(description="Who attached it.")


class DraftExpiringV1(_CaseEvent):
    """A draft unchanged for a while will be deleted at `expires_at` unless someone changes it first."""

    event_type: ClassVar[str] = "case.draft_expiring.v1"

    expires_at: datetime = Field(description="When the draft will be deleted.")


class DraftDeletedV1(_CaseEvent):
    """A draft was deleted: by its owner, or by the expiry job after its time without changes."""

    event_type: ClassVar[str] = "case.draft_deleted.v1"

    expired: bool = Field(description="True when the expiry job deleted it, False when a person did.")
    deleted_at: datetime = Field(description="When.")


class CaseHandlerAssignedV1(_CaseEvent):
    """The DSO gave a sent case to one of its handlers, or took it back to the unassigned queue."""

    event_type: ClassVar[str] = "case.handler_assigned.v1"

    case_number: str = Field(description="The DSO's number for the case.", examples=["SK-0003826"])
    handler_id: uuid.UUID | None = Field(description="The handler now responsible; null: unassigned.")
    handler_name: str = Field("", description="The handler's display name; empty when unassigned.")
    assigned_by: uuid.UUID = Field(description="Who assigned it.")
    assigned_at: datetime = Field(description="When.")


class CaseNoteAddedV1(_CaseEvent):
    """A note was written in a case's chat between the installer's team and the DSO.

    The text stays in the cases service (people write anything in a chat, personal numbers included):
    a consumer that shows it asks the cases API with the reader's authority.
    """

    event_type: ClassVar[str] = "case.note_added.v1"

    case_number: str = Field(description="The DSO's number for the case.", examples=["SK-0003826"])
    note_id: uuid.UUID = Field(description="The note's id.")
    author_id: uuid.UUID = Field(description="Who wrote it.")
    author_name: str = Field("", description="The author's display name.")
    author_side: NoteSide = Field(description="`team`: the installer's team wrote it; `dso`: the DSO did.")
    handler_id: uuid.UUID | None = Field(None, description="The DSO handler the case is assigned to, if any.")
    written_at: datetime = Field(description="When.")


class CaseInstallerChangedV1(_CaseEvent):
    """The team gave the case to another of its members: `installer_id` is the new one."""

    event_type: ClassVar[str] = "case.installer_changed.v1"

    case_number: str = Field(
        "",
        description="The DSO's number for the case (only sent cases change hands).",
        examples=["SK-0003826"],
    )
    previous_installer_id: uuid.UUID = Field(description="Who had it.")
    installer_name: str = Field("", description="The new installer's name.")
    changed_by: uuid.UUID = Field(description="Who made the change.")
    changed_at: datetime = Field(description="When.")


CaseJobOutcome = Literal["done", "failed"]


class CaseJobResult(BaseModel):
    """What became of one row or case of a job part."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    row_number: int | None = Field(None, description="The import row (case creation).")
    case_id: uuid.UUID | None = Field(None, description="The case made or acted on.")
    outcome: CaseJobOutcome = Field(description="Done, or failed with a reason.")
    reason: str | None = Field(
        None, description="Why it failed, in English; `code` names it for translation."
    )
    code: str | None = Field(None, description="A stable code of the failure.", examples=["not_allowed"])
    case_number: str | None = Field(None, description="The case's number (sent cases).")
    status: CaseStatus | None = Field(None, description="The case's status after the part.")


class CaseJobPartDoneV1(EventPayload):
    """The cases service handled one part of a project job; the part's cases' own events follow on
    `cases.cases`. Sent once per part (in the part's transaction), so progress counts each row once."""

    topic: ClassVar[Topic] = CASES_JOBS
    event_type: ClassVar[str] = "case_job.part_done.v1"

    job_id: uuid.UUID = Field(description="The projects job.")
    part: int = Field(ge=0, description="The part's number.")
    project_id: uuid.UUID = Field(description="The project.")
    results: list[CaseJobResult] = Field(description="One per row or case of the part, in its order.")

"""Requests from the projects service's batch jobs to the cases service, on `projects.jobs` keyed by job id.

A job is cut into parts of at most a few hundred cases; each part is one event, handled by cases in one
transaction and answered by one `case_job.part_done.v1` on `cases.jobs`. A part is idempotent by its
event id (the consumer's inbox) and by (job, row) or (job, case) in cases itself, so a redelivered or
re-sent part never does a case twice.

The values a row's case is created with include the owner's and payer's personal identity numbers, which
never travel in the clear: `sealed_values` is a Fernet token (AES-128-CBC + HMAC-SHA256) under a key
projects and cases share (ADR 0007); brokers, dead-letter topics and logs see ciphertext only.
"""

import uuid
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.payload import EventPayload
from contracts.topics import PROJECTS_JOBS, Topic

BulkAction = Literal["ready_for_meter", "cancel", "change_installer", "reject", "archive", "change_handler"]
JobActorRole = Literal["installer", "team_admin", "dso_handler", "dso_admin"]


class _JobPart(EventPayload):
    topic: ClassVar[Topic] = PROJECTS_JOBS

    job_id: uuid.UUID = Field(description="The job the part belongs to.")
    part: int = Field(ge=0, description="The part's number within the job, from 0.")
    project_id: uuid.UUID = Field(description="The project.")
    actor_id: uuid.UUID = Field(description="Who started the job: the changes are theirs.")
    actor_role: JobActorRole = Field(description="In which role.")
    actor_name: str = Field("", description="Their display name, for the cases' history.")
    team_id: uuid.UUID | None = Field(None, description="The actor's team (installers).")
    dso_id: str = Field(description="The grid company of the project's cases.", examples=["sundkraft"])


class ImportRow(BaseModel):
    """One validated row of an import: where (its values travel sealed, beside the rows)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    row_number: int = Field(ge=1, description="The row as the spreadsheet numbers it.")
    lon: float = Field(description="The resolved address, WGS 84.")
    lat: float = Field(description="The resolved address, WGS 84.")
    grid_area_id: str = Field(description="The grid area GIS routed the address to.")


class CasesRequestedV1(_JobPart):
    """Create and send one case per row, in the project's group, as the actor."""

    event_type: ClassVar[str] = "project_job.cases_requested.v1"

    group_id: uuid.UUID = Field(description="The group the cases belong to.")
    case_type: str = Field(description="The group's case type.", examples=["row_houses"])
    rows: list[ImportRow] = Field(description="The rows of this part, in order.")
    sealed_values: str = Field(
        description="Fernet token of a JSON object: row number → {field name → text}, the case values."
    )


class BulkActionRequestedV1(_JobPart):
    """Apply one action to each of these cases as the actor; each case is checked on its own."""

    event_type: ClassVar[str] = "project_job.bulk_action_requested.v1"

    action: BulkAction = Field(description="What to do with every case.")
    case_ids: list[uuid.UUID] = Field(description="The cases of this part.")
    reason: str | None = Field(None, description="Why (a rejection must say why).")
    target_user_id: uuid.UUID | None = Field(
        None, description="The new installer (change_installer) or handler (change_handler; none unassigns)."
    )

"""Request and response bodies of imports, single addresses, bulk actions and job progress."""

import uuid

from pydantic import BaseModel, ConfigDict, Field

from projects.domain.bulk_actions import BulkAction
from projects.domain.jobs import Job, JobItem
from projects.entrypoints.api.schemas import JobOut
from projects.service_layer.bulk_actions import MAX_SELECTION

MAX_FIELDS = 100  # as the upload reader takes at most 100 columns


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    values: dict[str, str | None] = Field(
        max_length=MAX_FIELDS,
        description="The case's fields by machine name, as text; the same as one row of the template.",
        examples=[{"street": "Solgatan 20", "postcode": "252 20", "city": "Helsingborg", "main_fuse": "35"}],
    )


class BulkActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: BulkAction = Field(description="One of the actions the project's `actions` offers your side.")
    case_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=MAX_SELECTION,
        description="Cases of this project; a repeated one counts once.",
    )
    reason: str | None = Field(None, max_length=500, description="Why; a rejection must say why.")
    target_user_id: uuid.UUID | None = Field(
        None,
        description="change_installer: the new installer (required). change_handler: the new handler, or "
        "null to unassign the cases. Refused for other actions.",
    )


class JobItemOut(BaseModel):
    position: int = Field(description="The row number (import) or the place in the selection (bulk action).")
    outcome: str = Field(description="pending, done or failed")
    case_id: uuid.UUID | None
    case_number: str | None
    address: str | None
    reason: str | None = Field(description="Why it failed, in English; `code` names it for translation.")
    code: str | None

    @classmethod
    def of(cls, item: JobItem) -> "JobItemOut":
        return cls(
            position=item.position,
            outcome=item.outcome.value,
            case_id=item.case_id,
            case_number=item.case_number,
            address=item.address,
            reason=item.reason,
            code=item.code,
        )


class JobDetailOut(JobOut):
    finished: bool
    items: list[JobItemOut]

    @classmethod
    def with_items(cls, job: Job, items: list[JobItem]) -> "JobDetailOut":
        return cls(
            **JobOut.of(job).model_dump(),
            finished=job.finished_at is not None,
            items=[JobItemOut.of(item) for item in items],
        )

"""What cases did with each part of a job (`case_job.part_done.v1` on `cases.jobs`) into the job's items."""

from contracts import EventEnvelope
from contracts.events.cases import CaseJobPartDoneV1
from projects.adapters.uow import ProjectsUnitOfWork
from projects.domain.jobs import ItemOutcome, ItemResult
from projects.service_layer.jobs import record_part
from servicekit.messaging.consumer import EventHandler


def job_result_handlers() -> dict[str, EventHandler[ProjectsUnitOfWork]]:
    async def on_part_done(envelope: EventEnvelope, uow: ProjectsUnitOfWork) -> None:
        event = envelope.parsed(CaseJobPartDoneV1)
        results = [
            ItemResult(
                row_number=result.row_number,
                case_id=result.case_id,
                outcome=ItemOutcome(result.outcome),
                reason=result.reason,
                code=result.code,
                case_number=result.case_number,
            )
            for result in event.results
        ]
        # When cases finished the part, not when we heard of it: a redelivery finds the same time.
        await record_part(uow, event.job_id, results, envelope.occurred_at)

    return {CaseJobPartDoneV1.event_type: on_part_done}

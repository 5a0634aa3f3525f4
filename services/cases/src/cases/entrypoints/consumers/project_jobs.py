"""Projects' batch job parts (`projects.jobs`): an import's rows become sent cases, a bulk action acts on
each case; each part is handled in one transaction with its answer on `cases.jobs`."""

from collections.abc import Callable
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.service_layer.project_bulk_actions import act_on_project_cases
from cases.service_layer.project_imports import RowValues, create_project_cases
from contracts import EventEnvelope
from contracts.events.projects import BulkActionRequestedV1, CasesRequestedV1
from servicekit.messaging.consumer import EventHandler
from servicekit.sealing import Sealer


def project_job_handlers(
    sealer: Sealer, clock: Callable[[], datetime]
) -> dict[str, EventHandler[CasesUnitOfWork]]:
    async def on_cases_requested(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        request = envelope.parsed(CasesRequestedV1)
        # A part sealed with a key cases does not hold raises SealBroken: retried, then parked on the DLQ
        # (ciphertext only) until the keys agree and it is replayed.
        await create_project_cases(uow, request, _row_values(sealer.open(request.sealed_values)), clock())

    async def on_bulk_action(envelope: EventEnvelope, uow: CasesUnitOfWork) -> None:
        await act_on_project_cases(uow, envelope.parsed(BulkActionRequestedV1), clock())

    return {
        CasesRequestedV1.event_type: on_cases_requested,
        BulkActionRequestedV1.event_type: on_bulk_action,
    }


def _row_values(opened: object) -> dict[int, RowValues]:
    """{"3": {"street": "…"}} as sealed by projects → {3: {"street": "…"}}; anything else is malformed."""
    if not isinstance(opened, dict):
        raise ValueError("sealed values are not an object of rows")
    rows: dict[int, RowValues] = {}
    for number, values in opened.items():
        if not isinstance(values, dict) or not all(
            isinstance(value, str | None) for value in values.values()
        ):
            raise ValueError(f"sealed values of row {number} are not texts by field")
        rows[int(number)] = {str(name): value for name, value in values.items()}
    return rows

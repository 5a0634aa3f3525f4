"""Drafts left alone are deleted 14 days after their last change; their owner is warned 2 days before.

Run every few minutes by each replica; a transaction-scoped advisory lock lets one work at a time. The
clock is a parameter, so tests move time instead of waiting for it.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.case import DRAFT_LIFETIME, DRAFT_WARNING_BEFORE
from cases.service_layer import case_events

BATCH = 200  # per transaction: a backlog after downtime is worked off in steps, not one huge commit
LOCK_KEY = 0x63617365_78706972  # "caseexpir": one expiry run at a time across replicas
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExpiryRun:
    warned: int = 0
    deleted: int = 0
    skipped: bool = False  # another replica was at it


async def expire_drafts(uow_factory: Callable[[], CasesUnitOfWork], now: datetime) -> ExpiryRun:
    """Delete every draft unchanged since `now - 14 days`, then warn about those unchanged since
    `now - 12 days` that were not warned about since their last change."""
    deleted = warned = 0
    while True:
        async with uow_factory() as uow:
            if not await uow.try_lock(LOCK_KEY):
                return ExpiryRun(warned, deleted, skipped=True)
            stale = await uow.cases.drafts_unchanged_since(now - DRAFT_LIFETIME, limit=BATCH)
            for case in stale:
                await uow.cases.delete(case.id, case.version)
                case_events.emit(uow, case, case_events.draft_deleted(case, expired=True, at=now))
            await uow.commit()
        deleted += len(stale)
        if len(stale) < BATCH:
            break
    while True:
        async with uow_factory() as uow:
            if not await uow.try_lock(LOCK_KEY):
                return ExpiryRun(warned, deleted, skipped=True)
            due = await uow.cases.drafts_to_warn(now - (DRAFT_LIFETIME - DRAFT_WARNING_BEFORE), limit=BATCH)
            for case in due:
                await uow.cases.mark_expiry_warned(case.id, case.updated_at)
                case_events.emit(uow, case, case_events.draft_expiring(case))
            await uow.commit()
        warned += len(due)
        if len(due) < BATCH:
            break
    return ExpiryRun(warned, deleted)


async def run_draft_expiry_forever(
    uow_factory: Callable[[], CasesUnitOfWork],
    interval_seconds: float,
    clock: Callable[[], datetime] | None = None,
) -> None:
    """The scheduled job: a failed run is logged and tried again at the next tick."""
    clock = clock or (lambda: datetime.now(UTC))
    while True:
        try:
            result = await expire_drafts(uow_factory, clock())
            if result.warned or result.deleted:
                log.info("draft expiry: %d warned, %d deleted", result.warned, result.deleted)
        except Exception:
            log.exception("draft expiry failed; trying again in %.0f s", interval_seconds)
        await asyncio.sleep(interval_seconds)

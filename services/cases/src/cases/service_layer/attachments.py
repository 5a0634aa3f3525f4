"""Attaching files to a case (a draft or one in progress), reading and removing them."""

import uuid
from datetime import datetime

from cases.adapters.uow import CasesUnitOfWork
from cases.domain.attachments import CaseTakesNoFiles, new_attachment
from cases.domain.case import NotADraft
from cases.domain.records import Attachment
from cases.domain.status import FINISHED, TERMINAL, CaseStatus
from cases.service_layer import case_events
from cases.service_layer.access import Actor, schema_of, visible_case
from servicekit.files import clean_file_name, sniff_content_type


async def attach_file(
    uow: CasesUnitOfWork,
    actor: Actor,
    case_id: uuid.UUID,
    *,
    file_name: str,
    content: bytes,
    category: str | None,
    now: datetime,
) -> Attachment:
    """Team members attach to their open cases; a finished case takes no more files."""
    actor.require_team()
    async with uow:
        case = await visible_case(uow, actor, case_id)
        if case.status in FINISHED | TERMINAL:
            raise CaseTakesNoFiles(f"the case is {case.status.label(actor.language)}: it takes no more files")
        schema = await schema_of(uow, case)
        attachment = new_attachment(
            case.id,
            file_name=clean_file_name(file_name),
            content_type=sniff_content_type(content),
            content=content,
            category=category or None,
            categories=tuple(spec.code for spec in schema.required_attachments),
            already=len(await uow.cases.attachments(case.id)),
            by=actor.user_id,
            at=now,
        )
        uow.cases.attach(attachment, content)
        case_events.emit(uow, case, case_events.attachment_added(case, attachment))
        await uow.commit()
        return attachment


async def attachment_file(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, attachment_id: uuid.UUID
) -> tuple[Attachment, bytes] | None:
    async with uow:
        await visible_case(uow, actor, case_id)
        return await uow.cases.attachment_content(case_id, attachment_id)


async def remove_attachment(
    uow: CasesUnitOfWork, actor: Actor, case_id: uuid.UUID, attachment_id: uuid.UUID
) -> bool:
    """Only from a draft: what the DSO received stays as it was received."""
    actor.require_team()
    async with uow:
        case = await visible_case(uow, actor, case_id)
        if case.status != CaseStatus.DRAFT:
            raise NotADraft(case.status)
        removed = await uow.cases.remove_attachment(case_id, attachment_id)
        await uow.commit()
        return removed

"""HTTP: the case types the caller's DSO takes, and one type's form."""

from typing import Annotated

from fastapi import APIRouter, Query

from cases.domain.completion_notice import COMPLETION_NOTICE_FIELDS
from cases.entrypoints.api.case_out import AttachmentSpecOut, CaseTypeOut, CaseTypeSchemaOut, FieldOut
from cases.entrypoints.api.deps import CurrentActor, UowFactory
from servicekit.problems import Forbidden, NotFound

router = APIRouter(tags=["case types"])


def _dso(actor_dso: str | None) -> str:
    if actor_dso is None:
        raise Forbidden("your account belongs to no grid company")
    return actor_dso


@router.get("/case-types")
async def case_types(actor: CurrentActor, uow: UowFactory) -> list[CaseTypeOut]:
    async with uow() as work:
        schemas = await work.case_types.current(_dso(actor.dso_id))
    return [CaseTypeOut.of(schema, actor.language) for schema in schemas]


@router.get("/case-types/{code}")
async def case_type(
    code: str,
    actor: CurrentActor,
    uow: UowFactory,
    version: Annotated[
        int | None, Query(ge=1, description="a case's own version; default the current")
    ] = None,
) -> CaseTypeSchemaOut:
    async with uow() as work:
        schema = await work.case_types.get(_dso(actor.dso_id), code, version)
    if schema is None:
        raise NotFound("the grid company takes no cases of this type")
    language = actor.language
    return CaseTypeSchemaOut(
        **CaseTypeOut.of(schema, language).model_dump(),
        fields=[FieldOut.of(spec, language) for spec in schema.fields],
        required_attachments=[
            AttachmentSpecOut(code=spec.code, label=spec.labels.in_language(language))
            for spec in schema.required_attachments
        ],
        completion_notice_fields=[FieldOut.of(spec, language) for spec in COMPLETION_NOTICE_FIELDS],
    )

"""HTTP: a project's cases as an Excel workbook, for its team and for the DSO of its cases."""

import asyncio
import uuid

from fastapi import APIRouter, Request, Response

from projects.adapters.excel_template import case_list_workbook
from projects.entrypoints.api.deps import CurrentActor, Uow
from projects.entrypoints.api.downloads import XLSX, xlsx_download
from projects.entrypoints.api.problems import answered_as_problems
from projects.service_layer.projects import project_view

router = APIRouter(tags=["projects"])

_HEADERS = {
    "sv": ["Ärendenummer", "Grupp", "Ärendetyp", "Adress", "Status", "Senast ändrat"],
    "da": ["Sagsnummer", "Gruppe", "Sagstype", "Adresse", "Status", "Sidst ændret"],
    "en": ["Case number", "Group", "Case type", "Address", "Status", "Last changed"],
}
_TITLES = {"sv": "Ärenden", "da": "Sager", "en": "Cases"}


@router.get(
    "/projects/{project_id}/export", response_class=Response, responses={200: {"content": {XLSX: {}}}}
)
async def export(project_id: uuid.UUID, request: Request, actor: CurrentActor, uow: Uow) -> Response:
    """Every case of the project, group by group; no text in it can run as a formula."""
    with answered_as_problems(request, actor):
        view = await project_view(uow, actor, project_id)
    groups = {group.id: group for group in view.groups}
    rows: list[list[str | int | None]] = [
        [
            case.case_number,
            groups[case.group_id].name if case.group_id in groups else None,
            groups[case.group_id].case_type if case.group_id in groups else None,
            case.address,
            case.status,
            case.updated_at.date().isoformat(),
        ]
        for case in view.cases
    ]
    language = actor.language if actor.language in _HEADERS else "en"
    content = await asyncio.to_thread(case_list_workbook, _HEADERS[language], rows, title=_TITLES[language])
    return xlsx_download(content, view.project.name)

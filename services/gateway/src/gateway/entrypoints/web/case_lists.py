"""The team's lists: "Ärenden" (sent cases, filtered, searched, sorted and paged by GET parameters, so a
view is a link) and "Utkast" / "Sparade ärenden" (drafts, newest change first, with the days each has
left before it is deleted). Cases decides whose cases are listed: the team's, never another's."""

from datetime import UTC, datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from gateway.adapters.case_type_menu import CaseTypeMenu
from gateway.domain.case_display import address_text, status_class
from gateway.domain.case_list import AGE_FILTERS, COLUMNS, PAGE_SIZES, QUEUE_COLUMNS, STATUSES, ListQuery
from gateway.domain.drafts import days_left
from gateway.domain.local_time import local_time
from gateway.domain.navigation import DEFAULT_CASE_TYPES, CaseTypeLink
from gateway.domain.paging import page_links, paging
from gateway.entrypoints.web.access import refusals_as_pages
from gateway.entrypoints.web.cases_calls import AsCaseUser, CaseUser, TeamMember
from gateway.entrypoints.web.rendering import language_of, render

router = APIRouter(include_in_schema=False)

CASES = "/arenden"
DRAFTS = "/utkast"
NOTICES = {"deleted": "drafts.notice.deleted"}


@router.get(CASES, response_class=HTMLResponse)
async def cases_page(request: Request, member: CaseUser) -> HTMLResponse:
    """The team's cases, or for DSO staff the queue: the same list with who handles each case, its due
    date and unread notes, and filters for "mine", "unassigned", due soon or overdue, and age."""
    view = ListQuery.from_params(request.query_params)
    with refusals_as_pages(request):
        found = await member.json("GET", "/cases", params=view.api_params())
    items, total = _page_of(found)
    shown = paging(view.page, view.page_size, total)
    return render(
        request,
        "cases.html",
        view=view,
        list_path=CASES,
        items=items,
        paging=shown,
        page_links=page_links(view.page, shown.pages),
        columns=QUEUE_COLUMNS if member.is_dso else COLUMNS,
        is_dso=member.is_dso,
        age_filters=AGE_FILTERS,
        statuses=STATUSES,
        page_sizes=PAGE_SIZES,
        type_choices=await _case_types(request, member),
        when=partial(local_time, language=language_of(request)),
        address=address_text,
        status_class=status_class,
    )


@router.get(DRAFTS, response_class=HTMLResponse)
async def drafts_page(request: Request, member: TeamMember, notis: str | None = None) -> HTMLResponse:
    view = ListQuery.from_params(request.query_params)
    params: dict[str, str | int] = {"page": view.page, "page_size": view.page_size}
    if view.q:
        params["q"] = view.q
    with refusals_as_pages(request):
        found = await member.json("GET", "/drafts", params=params)
    items, total = _page_of(found)
    shown = paging(view.page, view.page_size, total)
    now = datetime.now(UTC)
    return render(
        request,
        "drafts.html",
        view=view,
        list_path=DRAFTS,
        items=items,
        paging=shown,
        page_links=page_links(view.page, shown.pages),
        page_sizes=PAGE_SIZES,
        days_left={item.get("id"): days_left(item.get("expires_at"), now) for item in items},
        notice=NOTICES.get(notis or ""),
        when=partial(local_time, language=language_of(request)),
        address=address_text,
    )


def _page_of(found: Any) -> tuple[list[dict[str, Any]], int]:
    """Cases' page (`{"items", "total", …}`); a bare list is read as the whole list."""
    if isinstance(found, list):
        return found, len(found)
    items = list(found.get("items") or []) if isinstance(found, dict) else []
    return items, int(found.get("total", len(items))) if isinstance(found, dict) else len(items)


async def _case_types(request: Request, member: AsCaseUser) -> tuple[CaseTypeLink, ...]:
    """The type filter's choices: the DSO's types (kept for the menu already), else the default list."""
    menu: CaseTypeMenu = request.app.state.case_type_menu
    links = await menu.links(member.user.dso_id or "", member.language, member.token)
    return DEFAULT_CASE_TYPES if links is None else links

"""The language switch in the header: a small form, so it works without JavaScript and carries CSRF."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from gateway.domain.language import as_language
from gateway.domain.navigation import safe_return_path
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.rendering import browser_session
from servicekit.problems import invalid_field

router = APIRouter(include_in_schema=False)


@router.post("/language", dependencies=[Depends(require_csrf)])
async def choose_language(
    request: Request,
    language: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> RedirectResponse:
    chosen = as_language(language)
    if chosen is None:
        raise invalid_field("language", "must be one of sv, da, en")
    browser_session(request).choose_language(chosen)
    return RedirectResponse(safe_return_path(next), status_code=303)

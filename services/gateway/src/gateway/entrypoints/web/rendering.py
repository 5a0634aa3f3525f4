"""Renders the portal's pages: one Jinja environment, the layout's context added to every page."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from gateway.adapters.translations import translator
from gateway.domain.language import LANGUAGES, Language, negotiate
from gateway.domain.navigation import DEFAULT_CASE_TYPES, CaseTypeLink, current_section, visible_sections
from gateway.domain.session import BrowserSession

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def browser_session(request: Request) -> BrowserSession:
    session: BrowserSession = request.state.session
    return session


def language_of(request: Request) -> Language:
    session: BrowserSession | None = getattr(request.state, "session", None)
    if session is not None and session.language is not None:
        return session.language
    return negotiate(request.headers.get("accept-language"))


def translate(request: Request, key: str, **values: object) -> str:
    """A text in the visitor's language, for messages built in a route."""
    return translator(language_of(request))(key, **values)


def case_type_menu(request: Request) -> tuple[CaseTypeLink, ...]:
    """The "Skapa" menu: the DSO's types when case_type_menu.py found them, else the portal's default."""
    found: tuple[CaseTypeLink, ...] | None = getattr(request.state, "case_type_menu", None)
    return DEFAULT_CASE_TYPES if found is None else found


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    session: BrowserSession | None = getattr(request.state, "session", None)
    language = language_of(request)
    page = environment.get_template(template).render(
        t=translator(language),
        language=language,
        languages=LANGUAGES,
        user=session.user if session else None,
        csrf_token=session.csrf_token() if session else "",
        sections=visible_sections(session.user.role if session and session.user else None),
        current=current_section(request.url.path),
        case_types=case_type_menu(request),
        path=request.url.path,
        live_since=getattr(request.state, "live_since", 0),
        return_to=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    return HTMLResponse(page, status_code, headers={"cache-control": "no-store"}, media_type="text/html")

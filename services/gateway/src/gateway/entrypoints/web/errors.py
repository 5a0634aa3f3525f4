"""Errors a browser sees as pages in the visitor's language; API clients keep problem details."""

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.entrypoints.web.csrf import CsrfRejected
from gateway.entrypoints.web.pages import LoginRequired, login_redirect
from gateway.entrypoints.web.rendering import render
from servicekit.problems import FieldError, Forbidden, Problem, problem_response


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def install_page_error_handlers(app: FastAPI) -> None:
    async def on_login_required(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        return login_redirect(exc.return_to)

    async def on_csrf(request: Request, exc: Exception) -> Response:
        if _wants_html(request):
            return render(request, "forbidden.html", 403)
        problem = Forbidden(
            "csrf_token: missing or not this session's", errors=[FieldError("csrf_token", "missing or wrong")]
        )
        return problem_response(problem, request.url.path)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404 and _wants_html(request):
            return render(request, "not_found.html", 404)
        problem = Problem(str(exc.detail), headers=dict(exc.headers or {}))
        problem.status, problem.title, problem.slug = exc.status_code, str(exc.detail), "http"
        return problem_response(problem, request.url.path)

    app.add_exception_handler(LoginRequired, on_login_required)
    app.add_exception_handler(CsrfRejected, on_csrf)
    app.add_exception_handler(StarletteHTTPException, on_http)

"""RFC 9457 problem details: every error a client sees has the same JSON shape, naming the field at fault."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid input: `field` is a dotted path such as `contact_email` or `rows.3.ean`."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class Problem(Exception):
    """Raise from anywhere in a request; rendered as application/problem+json."""

    status: int = 500
    title: str = "Internal error"
    slug: str = "internal"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: Sequence[FieldError] = (),
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = tuple(errors)
        self.headers = headers
        self.extensions = extensions

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": f"/problems/{self.slug}", "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = [error.as_dict() for error in self.errors]
        return body | self.extensions


class BadRequest(Problem):
    status, title, slug = 400, "Bad request", "bad-request"


class Unauthorized(Problem):
    status, title, slug = 401, "Not signed in", "unauthorized"


class Forbidden(Problem):
    status, title, slug = 403, "Not allowed", "forbidden"


class NotFound(Problem):
    status, title, slug = 404, "Not found", "not-found"


class Conflict(Problem):
    status, title, slug = 409, "Conflict", "conflict"


class InvalidInput(Problem):
    status, title, slug = 422, "Invalid input", "invalid-input"


class TooManyRequests(Problem):
    status, title, slug = 429, "Too many requests", "too-many-requests"


class ServiceUnavailable(Problem):
    status, title, slug = 503, "Service unavailable", "service-unavailable"


def invalid_field(field: str, message: str) -> InvalidInput:
    """The common case: one field is wrong."""
    return InvalidInput(f"{field}: {message}", errors=[FieldError(field, message)])


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    return JSONResponse(
        problem.body(instance),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Problems, request validation errors and plain HTTP errors all answer as problem details."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc, request.url.path)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [FieldError(_field_path(e["loc"]), str(e["msg"])) for e in exc.errors()]
        summary = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
        return problem_response(InvalidInput(summary, errors=errors), request.url.path)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        problem = Problem(str(exc.detail), headers=dict(exc.headers or {}))
        problem.status, problem.title, problem.slug = exc.status_code, str(exc.detail), "http"
        return problem_response(problem, request.url.path)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


def _field_path(location: Sequence[int | str]) -> str:
    # FastAPI prefixes the part of the request ("body", "query" …); the client wants the field.
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"} and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)

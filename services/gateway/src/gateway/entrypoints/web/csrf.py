"""CSRF protection for the portal's forms: a per-session synchronizer token in a hidden field (or the
X-CSRF-Token header for scripts), compared in constant time. SameSite=Lax cookies are the second layer."""

import hmac

from fastapi import Request

from gateway.entrypoints.web.rendering import browser_session

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class CsrfRejected(Exception):
    """The form did not carry this session's token (an old tab, or another site posting)."""


async def require_csrf(request: Request) -> None:
    session = browser_session(request)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if session.csrf is None or sent is None or not hmac.compare_digest(sent, session.csrf):
        raise CsrfRejected

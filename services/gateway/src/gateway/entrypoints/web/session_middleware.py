"""Gives each request its browser session (request.state.session) and writes it back when it changed.

The cookie is opaque, HttpOnly and SameSite=Lax (Secure behind HTTPS). It is a browser-session cookie:
its life on the server is the store's idle timeout. Sessions are saved before the response starts, so a
page's form and the next request agree on the CSRF token.
"""

import logging
from http.cookies import SimpleCookie

from redis.exceptions import RedisError
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.adapters.live_channel import now_millis
from gateway.adapters.session_store import RedisSessionStore
from gateway.domain.session import BrowserSession

SESSION_COOKIE = "portal_session"
SESSIONLESS_PREFIXES = ("/static/", "/healthz", "/readyz", "/favicon.ico")

log = logging.getLogger(__name__)


class SessionMiddleware:
    def __init__(self, app: ASGIApp, store: RedisSessionStore, *, secure: bool) -> None:
        self.app = app
        self.store = store
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(SESSIONLESS_PREFIXES):
            await self.app(scope, receive, send)
            return
        # Before anything is read for the page: its live stream (/live) resumes from this moment.
        scope.setdefault("state", {})["live_since"] = now_millis()
        try:
            session = await self._load(scope)
        except RedisError:
            log.exception("session store unavailable")
            await PlainTextResponse("The portal cannot reach its session store; try again shortly.", 503)(
                scope, receive, send
            )
            return
        scope.setdefault("state", {})["session"] = session

        async def send_with_session(message: Message) -> None:
            if message["type"] == "http.response.start" and session.modified:
                await self.store.save(session)
                if session.ended:
                    message.setdefault("headers", []).append((b"set-cookie", self._expired_cookie().encode()))
                elif session.is_new:
                    message.setdefault("headers", []).append((b"set-cookie", self._cookie(session).encode()))
                    session.is_new = False
            await send(message)

        await self.app(scope, receive, send_with_session)

    async def _load(self, scope: Scope) -> BrowserSession:
        cookie_header = dict(scope["headers"]).get(b"cookie", b"").decode("latin-1")
        cookies = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # a malformed Cookie header is the browser's problem, not a 500
            cookies = SimpleCookie()
        morsel = cookies.get(SESSION_COOKIE)
        if morsel is not None:
            session = await self.store.load(morsel.value)
            if session is not None:
                return session
        return BrowserSession.new()

    def _expired_cookie(self) -> str:
        return f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (
            "; Secure" if self.secure else ""
        )

    def _cookie(self, session: BrowserSession) -> str:
        parts = [f"{SESSION_COOKIE}={session.session_id}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)

"""Headers that make the browser refuse what the portal never does: foreign scripts, framing, sniffing."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def content_security_policy(tile_origin: str | None) -> str:
    images = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, tile_origin: str | None, hsts: bool) -> None:
        self.app = app
        headers = [
            (b"content-security-policy", content_security_policy(tile_origin).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(self)"),
        ]
        if hsts:
            headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                # A response that sets its own policy (the sandboxed mail preview) keeps it.
                headers.extend((name, value) for name, value in self.headers if name not in present)
            await send(message)

        await self.app(scope, receive, send_with_headers)

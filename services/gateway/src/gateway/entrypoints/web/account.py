"""Signing in and out, forgotten passwords and one-time set-password links (identity decides; ADR 0003)."""

import contextlib
import time
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.adapters.identity_client import IdentityProblem, IdentityUnavailable
from gateway.domain.navigation import safe_return_path
from gateway.domain.session import SignedInUser
from gateway.entrypoints.web.csrf import require_csrf
from gateway.entrypoints.web.identity_calls import SignedInIdentity, identity_client
from gateway.entrypoints.web.rendering import browser_session, render, translate

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


@router.get("/logga-in", response_class=HTMLResponse)
async def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=safe_return_path(next), error=None, email="")


@router.post("/logga-in", dependencies=[Depends(require_csrf)])
async def login(
    request: Request,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    client_ip = request.client.host if request.client else None
    try:
        tokens = await identity_client(request).login(email.strip(), password, client_ip)
    except IdentityProblem as problem:
        if problem.status == 429:
            minutes = max(1, -(-(problem.retry_after or 60) // 60))
            error, status = translate(request, "login.throttled", minutes=minutes), 429
        elif problem.status >= 500:
            error, status = translate(request, "login.unavailable"), 503
        else:
            error, status = translate(request, "login.failed"), 401
        return render(request, "login.html", status, next=safe_return_path(next), error=error, email=email)
    except IdentityUnavailable:
        error = translate(request, "login.unavailable")
        return render(request, "login.html", 503, next=safe_return_path(next), error=error, email=email)
    user = tokens.user
    browser_session(request).sign_in(
        SignedInUser(
            user_id=str(user["id"]),
            name=str(user["name"]),
            email=str(user["email"]),
            role=str(user["role"]),
            team_id=str(user["team_id"]) if user.get("team_id") else None,
            dso_id=user.get("dso_id"),
        ),
        access_token=tokens.access_token,
        access_expires_at=time.time() + tokens.expires_in,
        refresh_token=tokens.refresh_token,
        identity_session_id=tokens.session_id,
    )
    if user.get("language") in ("sv", "da", "en") and browser_session(request).language is None:
        browser_session(request).choose_language(user["language"])
    return RedirectResponse(safe_return_path(next), status_code=303)


@router.post("/logga-ut", dependencies=[Depends(require_csrf)])
async def logout(request: Request) -> Response:
    session = browser_session(request)
    if session.identity_session_id and session.access_token:
        # The browser session ends regardless; identity's login then expires on its own.
        with contextlib.suppress(IdentityProblem, IdentityUnavailable):
            await identity_client(request).logout(session.identity_session_id, session.access_token)
    session.end()
    return RedirectResponse("/", status_code=303)


@router.get("/glomt-losenord", response_class=HTMLResponse)
async def forgot_password_page(request: Request) -> HTMLResponse:
    return render(request, "forgot_password.html", sent=False, email="", error=None)


@router.post("/glomt-losenord", dependencies=[Depends(require_csrf)])
async def forgot_password(request: Request, email: Annotated[str, Form(max_length=320)]) -> Response:
    try:
        await identity_client(request).call("POST", "/password-resets", json={"email": email.strip()})
    except IdentityProblem as problem:
        if problem.status == 422:
            error = translate(request, "forgot.invalid_email")
            return render(request, "forgot_password.html", 422, sent=False, email=email, error=error)
        raise
    # The same answer whether or not the address has an account.
    return render(request, "forgot_password.html", sent=True, email=email, error=None)


@router.get("/losenord/{token}", response_class=HTMLResponse)
async def set_password_page(request: Request, token: str) -> HTMLResponse:
    return render(request, "set_password.html", token=token, error=None, done=False)


@router.post("/losenord/{token}", dependencies=[Depends(require_csrf)])
async def set_password(
    request: Request,
    token: str,
    password: Annotated[str, Form(max_length=1024)],
    password_again: Annotated[str, Form(max_length=1024)],
) -> Response:
    if password != password_again:
        error = translate(request, "password.mismatch")
        return render(request, "set_password.html", 422, token=token, error=error, done=False)
    try:
        await identity_client(request).call("POST", f"/password-links/{token}", json={"password": password})
    except IdentityProblem as problem:
        if problem.status == 410 or problem.status == 404:
            error = translate(request, "password.link_expired")
        else:
            error = problem.field_errors().get("password") or translate(request, "password.refused")
        return render(request, "set_password.html", problem.status, token=token, error=error, done=False)
    session = browser_session(request)
    if session.user is not None:
        session.end()  # setting a password ends every session, this browser's too
    return render(request, "set_password.html", token=token, error=None, done=True)


@router.get("/konto/losenord", response_class=HTMLResponse)
async def change_password_page(request: Request, identity: SignedInIdentity) -> HTMLResponse:
    return render(request, "change_password.html", error=None, done=False)


@router.post("/konto/losenord", dependencies=[Depends(require_csrf)])
async def change_password(
    request: Request,
    identity: SignedInIdentity,
    current_password: Annotated[str, Form(max_length=1024)],
    new_password: Annotated[str, Form(max_length=1024)],
    new_password_again: Annotated[str, Form(max_length=1024)],
) -> Response:
    if new_password != new_password_again:
        return render(
            request, "change_password.html", 422, error=translate(request, "password.mismatch"), done=False
        )
    try:
        await identity.json(
            "POST", "/me/password", json={"current_password": current_password, "new_password": new_password}
        )
    except IdentityProblem as problem:
        errors = problem.field_errors()
        error = errors.get("new_password") or (
            translate(request, "password.wrong_current")
            if "current_password" in errors or problem.status in (401, 403)
            else translate(request, "password.refused")
        )
        return render(request, "change_password.html", problem.status, error=error, done=False)
    return render(request, "change_password.html", error=None, done=True)

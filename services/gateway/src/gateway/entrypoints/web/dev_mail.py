"""Development only: the mails the local SMTP sink received, so a developer can follow a set-password
link without a real mailbox. Mounted only when GATEWAY_MAILBOX_DIR is set (never in production)."""

from email.message import EmailMessage

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway.entrypoints.web.rendering import render
from servicekit.infra import Mailbox

router = APIRouter(include_in_schema=False)
SHOWN = 100
SANDBOXED = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _mailbox(request: Request) -> Mailbox:
    mailbox: Mailbox = request.app.state.mailbox
    return mailbox


def _body(mail: EmailMessage, subtype: str) -> str:
    part = mail.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


@router.get("/dev/mail", response_class=HTMLResponse)
async def mail_list(request: Request) -> HTMLResponse:
    mails = [
        {"id": mail_id, "to": mail["To"], "subject": mail["Subject"], "date": mail["Date"]}
        for mail_id, mail in _mailbox(request).entries(SHOWN)
    ]
    return render(request, "dev_mail.html", mails=mails)


@router.get("/dev/mail/{mail_id}", response_class=HTMLResponse)
async def mail_detail(request: Request, mail_id: str) -> HTMLResponse:
    mail = _mailbox(request).get(mail_id)
    if mail is None:
        return render(request, "not_found.html", 404)
    return render(
        request,
        "dev_mail_detail.html",
        mail_id=mail_id,
        headers={name: mail[name] for name in ("From", "To", "Subject", "Date", "Message-ID")},
        text=_body(mail, "plain"),
        has_html=mail.get_body(preferencelist=("html",)) is not None,
    )


@router.get("/dev/mail/{mail_id}/html")
async def mail_html(request: Request, mail_id: str) -> Response:
    mail = _mailbox(request).get(mail_id)
    if mail is None:
        return render(request, "not_found.html", 404)
    # The mail's own HTML, shown as the recipient's client would, but sandboxed: no scripts, no forms.
    return HTMLResponse(_body(mail, "html"), headers={"content-security-policy": SANDBOXED})

"""A mail holding a one-time link keeps no body once it is delivered or given up on; others keep theirs."""

from datetime import UTC, datetime

from notifications.domain.mail import FORGOTTEN_BODY, MailStatus, OutgoingMail, RenderedMail

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LINK = "https://portal.example.test/losenord/Zq3secret-token"


def mail(kind: str) -> OutgoingMail:
    return OutgoingMail(
        recipient="anna@example.com",
        language="sv",
        kind=kind,
        content=RenderedMail("Välj ditt lösenord", f"Öppna {LINK}", f'<a href="{LINK}">Välj</a>'),
    )


def test_a_delivered_link_mail_forgets_its_link_but_keeps_its_subject() -> None:
    for kind in ("team_admin_welcome", "resource_welcome", "password_reset"):
        sent = mail(kind)
        sent.mark_sent(NOW)
        assert sent.status is MailStatus.SENT
        assert sent.content.subject == "Välj ditt lösenord"
        assert LINK not in sent.content.text + sent.content.html
        assert sent.content.text == sent.content.html == FORGOTTEN_BODY


def test_a_link_mail_keeps_its_link_while_it_is_retried_and_forgets_it_when_given_up() -> None:
    retried = mail("password_reset")
    retried.mark_failed_attempt("SMTPServerDisconnected", NOW, max_attempts=3)
    assert retried.status is MailStatus.PENDING
    assert LINK in retried.content.text  # still needed for the next attempt
    retried.mark_failed_attempt("SMTPServerDisconnected", NOW, max_attempts=3)
    retried.mark_failed_attempt("SMTPServerDisconnected", NOW, max_attempts=3)
    assert retried.status is MailStatus.FAILED
    assert LINK not in retried.content.text + retried.content.html


def test_other_mails_keep_their_body_for_the_record() -> None:
    receipt = mail("team_application_submitted")
    receipt.mark_sent(NOW)
    assert LINK in receipt.content.text

"""Every mail renders in Swedish, Danish and English, as text and HTML, with the DSO's name."""

from datetime import UTC, datetime, timedelta

import pytest
from jinja2 import UndefinedError

from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.mail import MailStatus, OutgoingMail, RenderedMail

CONTEXT = {
    "contact_name": "Anna <Andersson>",
    "company_name": "Elfirma Solgatan AB",
    "organisation_number": "5560360793",
    "dso_name": "Sundkraft Elnät AB",
    "application_id": "a1b2",
}


@pytest.mark.parametrize(
    ("language", "greeting", "subject_start"),
    [
        ("sv", "Hej", "Vi har tagit emot"),
        ("da", "Hej", "Vi har modtaget"),
        ("en", "Hello", "We have received"),
    ],
)
def test_team_application_confirmation_in_each_language(
    language: str, greeting: str, subject_start: str
) -> None:
    mail = JinjaMailRenderer().render("team_application_submitted", language, CONTEXT)  # type: ignore[arg-type]
    assert mail.subject.startswith(subject_start)
    assert "Sundkraft Elnät AB" in mail.subject
    assert mail.text.startswith(f"{greeting} Anna <Andersson>,")
    assert f'<html lang="{language}">' in mail.html
    assert "Anna &lt;Andersson&gt;" in mail.html  # escaped in HTML, never injected


def test_a_missing_value_fails_instead_of_sending_a_hole() -> None:
    without_dso = {k: v for k, v in CONTEXT.items() if k != "dso_name"}
    with pytest.raises(UndefinedError, match="dso_name"):
        JinjaMailRenderer().render("team_application_submitted", "sv", without_dso)


def test_failed_deliveries_back_off_then_give_up() -> None:
    mail = OutgoingMail("a@example.test", "sv", "k", RenderedMail("s", "t", "h"))
    now = datetime(2026, 11, 23, tzinfo=UTC)
    mail.mark_failed_attempt("refused", now, max_attempts=3)
    assert mail.next_attempt_at == now + timedelta(seconds=30)
    mail.mark_failed_attempt("refused", now, max_attempts=3)
    assert mail.next_attempt_at == now + timedelta(seconds=60)
    assert mail.status is MailStatus.PENDING
    mail.mark_failed_attempt("refused", now, max_attempts=3)
    assert mail.status is MailStatus.FAILED and mail.last_error == "refused"

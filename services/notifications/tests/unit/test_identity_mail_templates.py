"""The identity mails render in Swedish, Danish and English, as text and HTML, with the DSO's name, the
link in both parts, values escaped in HTML, and no hole where a value is missing."""

import uuid
from datetime import UTC, datetime

import pytest
from jinja2 import UndefinedError

from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.links import PortalLinks
from notifications.domain.local_time import format_local_time
from notifications.domain.mail import Language, RenderedMail

LINK = "https://portal.example.test/losenord/tok-EN_123"
PASSWORD_LINK = {
    "name": "Erik <Svensson>",
    "dso_name": "Sundkraft Elnät AB",
    "team_name": "Elfirma & Söner AB",
    "link": LINK,
    "valid_minutes": 30,
    "expires_at": "24 november 2026 kl. 14:30",
}
APPLICATION_ID = "0f6b1c1e-0000-4000-8000-000000000001"
REVIEW_URL = f"https://portal.example.test/dso/ansokningar/{APPLICATION_ID}"
RECEIVED_BY_DSO = {
    "contact_name": "Anna Andersson",
    "contact_email": "anna@elfirma.se",
    "company_name": "Elfirma <Solgatan> AB",
    "organisation_number": "5560360793",
    "dso_name": "Sundkraft Elnät AB",
    "application_id": APPLICATION_ID,
    "review_url": REVIEW_URL,
}
REJECTED = {
    "contact_name": "Anna Andersson",
    "company_name": "Elfirma Solgatan AB",
    "dso_name": "Sundkraft Elnät AB",
    "reason": "Beviset har gått ut <2025-12-31> & saknar\nunderskrift.",
    "application_id": APPLICATION_ID,
}

SUBJECT_STARTS = {
    ("team_admin_welcome", "sv"): "Ert team Elfirma & Söner AB är godkänt hos Sundkraft Elnät AB",
    ("team_admin_welcome", "da"): "Jeres team Elfirma & Söner AB er godkendt hos Sundkraft Elnät AB",
    ("team_admin_welcome", "en"): "Your team Elfirma & Söner AB is approved by Sundkraft Elnät AB",
    ("resource_welcome", "sv"): "Elfirma & Söner AB har lagt till dig i installatörsportalen hos Sundkraft",
    ("resource_welcome", "da"): "Elfirma & Söner AB har tilføjet dig til installatørportalen hos Sundkraft",
    ("resource_welcome", "en"): "Elfirma & Söner AB added you to the installer portal of Sundkraft",
    ("password_reset", "sv"): "Återställ ditt lösenord till installatörsportalen hos Sundkraft Elnät AB",
    ("password_reset", "da"): "Nulstil din adgangskode til installatørportalen hos Sundkraft Elnät AB",
    ("password_reset", "en"): "Reset your password for the installer portal of Sundkraft Elnät AB",
}
GREETINGS: dict[str, str] = {"sv": "Hej", "da": "Hej", "en": "Hello"}
# What each language says of the link's one use and lifetime.
ONCE_FOR = {"sv": "en gång och i 30 minuter", "da": "én gang og i 30 minutter", "en": "once, for 30 minutes"}
IGNORE_IF_NOT_YOU = {"sv": "bortse från", "da": "se bort fra", "en": "ignore this e-mail"}


def render(kind: str, language: str, context: dict[str, object]) -> RenderedMail:
    return JinjaMailRenderer().render(kind, language, context)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "language"), sorted(SUBJECT_STARTS))
def test_password_link_mails_carry_the_link_in_each_language(kind: str, language: str) -> None:
    mail = render(kind, language, PASSWORD_LINK)
    assert mail.subject.startswith(SUBJECT_STARTS[kind, language])
    assert mail.text.startswith(f"{GREETINGS[language]} Erik <Svensson>,")
    assert f"\n{LINK}\n" in mail.text  # on a line of its own: mail clients make it clickable
    assert f'href="{LINK}"' in mail.html
    assert ONCE_FOR[language] in mail.text and ONCE_FOR[language] in mail.html
    assert "24 november 2026 kl. 14:30" in mail.text
    assert f'<html lang="{language}">' in mail.html
    assert "Sundkraft Elnät AB</div>" in mail.html  # the DSO's name heads the mail
    assert "Erik &lt;Svensson&gt;" in mail.html and "<Svensson>" not in mail.html
    assert ("Elfirma &amp; Söner AB" in mail.html) is (kind != "password_reset")
    assert (IGNORE_IF_NOT_YOU[language] in mail.text) is (kind == "password_reset")


@pytest.mark.parametrize(
    ("language", "subject", "review"),
    [
        ("sv", "Ny ansökan om installatörsteam från Elfirma <Solgatan> AB", "Granska ansökan"),
        ("da", "Ny ansøgning om installatørteam fra Elfirma <Solgatan> AB", "Gennemgå ansøgningen"),
        ("en", "New installer team application from Elfirma <Solgatan> AB", "Review the application"),
    ],
)
def test_the_dso_is_told_of_a_new_application_with_a_link_to_review_it(
    language: str, subject: str, review: str
) -> None:
    mail = render("team_application_received_by_dso", language, RECEIVED_BY_DSO)
    assert mail.subject == subject
    assert f"\n{REVIEW_URL}\n" in mail.text
    assert f'href="{REVIEW_URL}"' in mail.html and f">{review}</a>" in mail.html
    assert "Anna Andersson, anna@elfirma.se" in mail.text
    assert "Elfirma &lt;Solgatan&gt; AB" in mail.html


@pytest.mark.parametrize(
    ("language", "subject", "because"),
    [
        (
            "sv",
            "Er ansökan om att registrera Elfirma Solgatan AB hos Sundkraft Elnät AB har avslagits",
            "Motivering",
        ),
        (
            "da",
            "Jeres ansøgning om at registrere Elfirma Solgatan AB hos Sundkraft Elnät AB er afvist",
            "Begrundelse",
        ),
        (
            "en",
            "Your application to register Elfirma Solgatan AB with Sundkraft Elnät AB was rejected",
            "reason",
        ),
    ],
)
def test_a_rejection_gives_the_reason_escaped_in_html(language: str, subject: str, because: str) -> None:
    mail = render("team_application_rejected", language, REJECTED)
    assert mail.subject == subject.format("Elfirma Solgatan AB", "Sundkraft Elnät AB")
    assert f"{because} " in mail.text
    assert "Beviset har gått ut <2025-12-31> & saknar\nunderskrift." in mail.text
    assert "Beviset har gått ut &lt;2025-12-31&gt; &amp; saknar\nunderskrift." in mail.html
    assert "<2025-12-31>" not in mail.html


@pytest.mark.parametrize(
    ("kind", "context", "missing"),
    [
        ("team_admin_welcome", PASSWORD_LINK, "team_name"),
        ("resource_welcome", PASSWORD_LINK, "team_name"),
        ("password_reset", PASSWORD_LINK, "link"),
        ("password_reset", PASSWORD_LINK, "expires_at"),
        ("team_application_received_by_dso", RECEIVED_BY_DSO, "review_url"),
        ("team_application_rejected", REJECTED, "reason"),
    ],
)
@pytest.mark.parametrize("language", ["sv", "da", "en"])
def test_a_missing_value_fails_the_render(
    kind: str, context: dict[str, object], missing: str, language: str
) -> None:
    with pytest.raises(UndefinedError, match=missing):
        render(kind, language, {k: v for k, v in context.items() if k != missing})


def test_a_password_reset_needs_no_team() -> None:
    without_team = {k: v for k, v in PASSWORD_LINK.items() if k != "team_name"}
    assert LINK in render("password_reset", "sv", without_team).text


@pytest.mark.parametrize(
    ("language", "winter", "summer"),
    [
        ("sv", "3 januari 2027 kl. 00:05", "24 juli 2026 kl. 15:05"),
        ("da", "3. januar 2027 kl. 00.05", "24. juli 2026 kl. 15.05"),
        ("en", "3 January 2027 at 00:05 CET", "24 July 2026 at 15:05 CEST"),
    ],
)
def test_times_are_shown_in_the_readers_words_and_clock(language: Language, winter: str, summer: str) -> None:
    assert format_local_time(datetime(2027, 1, 2, 23, 5, tzinfo=UTC), language) == winter
    assert format_local_time(datetime(2026, 7, 24, 13, 5, tzinfo=UTC), language) == summer


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="zone"):
        format_local_time(datetime(2026, 7, 24, 13, 5), "sv")  # no zone: the point of the test


def test_portal_links() -> None:
    links = PortalLinks("https://portal.example.test/")
    assert links.set_password("abc-_DEF") == "https://portal.example.test/losenord/abc-_DEF"
    assert links.set_password("a/b?c") == "https://portal.example.test/losenord/a%2Fb%3Fc"
    assert links.dso_application(uuid.UUID(APPLICATION_ID)) == REVIEW_URL

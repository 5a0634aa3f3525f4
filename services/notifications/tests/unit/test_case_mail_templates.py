"""The case mails render in Swedish, Danish and English, as text and HTML: the case number in the subject,
the type, address and status in the reader's words, the reason when there is one (escaped in HTML), and
the link to the case on a line of its own."""

import uuid

import pytest
from jinja2 import UndefinedError

from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.case_texts import case_type_name, status_label
from notifications.domain.links import PortalLinks
from notifications.domain.mail import Language, RenderedMail

CASE_ID = uuid.UUID("0f6b1c1e-0000-4000-8000-00000000c0de")
CASE_URL = f"https://portal.example.test/arenden/{CASE_ID}"
STATUS_CHANGED: dict[str, object] = {
    "name": "Erik <Svensson>",
    "case_number": "SK-0003826",
    "case_type": "Säkringsändring",
    "address": "Solgatan 20, Helsingborg",
    "status": "AVVISAT",
    "reason": "Situationsplanen saknas <bilaga> & är\nolästbar.",
    "rule_name": None,
    "case_url": CASE_URL,
}
DRAFT_EXPIRING: dict[str, object] = {
    "name": "Erik <Svensson>",
    "case_type": "Nyanslutning",
    "address": "Solgatan 20, Helsingborg",
    "expires_at": "7 december 2026 kl. 03:00",
    "case_url": CASE_URL,
}
LANGUAGES: list[Language] = ["sv", "da", "en"]
GREETINGS = {"sv": "Hej", "da": "Hej", "en": "Hello"}
REASON_HEADING = {"sv": "Motivering:", "da": "Begrundelse:", "en": "Reason:"}


def render(kind: str, language: Language, context: dict[str, object]) -> RenderedMail:
    return JinjaMailRenderer().render(kind, language, context)


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("sv", "Ärende SK-0003826 har ny status: AVVISAT"),
        ("da", "Sag SK-0003826 har ny status: AVVISAT"),
        ("en", "Case SK-0003826 has a new status: AVVISAT"),
    ],
)
def test_a_status_change_names_the_case_its_new_status_and_the_reason(
    language: Language, subject: str
) -> None:
    mail = render("case_status_changed", language, STATUS_CHANGED)
    assert mail.subject == subject
    assert mail.text.startswith(f"{GREETINGS[language]} Erik <Svensson>,")
    for value in ("SK-0003826", "Säkringsändring", "Solgatan 20, Helsingborg", "AVVISAT"):
        assert value in mail.text and value in mail.html
    assert f"{REASON_HEADING[language]}\nSituationsplanen saknas <bilaga> & är\nolästbar.\n" in mail.text
    assert "Situationsplanen saknas &lt;bilaga&gt; &amp; är\nolästbar." in mail.html
    assert "<bilaga>" not in mail.html and "Erik &lt;Svensson&gt;" in mail.html
    assert f"\n{CASE_URL}\n" in mail.text  # on a line of its own: mail clients make it clickable
    assert f'href="{CASE_URL}"' in mail.html
    assert f'<html lang="{language}">' in mail.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_status_change_without_a_reason_has_no_reason_heading(language: Language) -> None:
    mail = render("case_status_changed", language, STATUS_CHANGED | {"reason": None, "status": "NY"})
    assert REASON_HEADING[language] not in mail.text and REASON_HEADING[language] not in mail.html
    assert "None" not in mail.text + mail.html
    assert "\n\n\n" not in mail.text


@pytest.mark.parametrize(
    ("language", "subject", "deleted_on"),
    [
        ("sv", "Ditt utkast raderas snart: Nyanslutning, Solgatan 20, Helsingborg", "raderas den "),
        ("da", "Din kladde slettes snart: Nyanslutning, Solgatan 20, Helsingborg", "slettes den "),
        ("en", "Your draft will be deleted soon: Nyanslutning, Solgatan 20, Helsingborg", "deleted on "),
    ],
)
def test_an_expiring_draft_says_when_it_goes_and_links_to_it(
    language: Language, subject: str, deleted_on: str
) -> None:
    mail = render("case_draft_expiring", language, DRAFT_EXPIRING)
    assert mail.subject == subject
    assert f"{deleted_on}7 december 2026 kl. 03:00." in mail.text
    assert f"\n{CASE_URL}\n" in mail.text and f'href="{CASE_URL}"' in mail.html
    assert "Nyanslutning" in mail.html and "Erik &lt;Svensson&gt;" in mail.html


@pytest.mark.parametrize(
    ("kind", "context", "missing"),
    [
        ("case_status_changed", STATUS_CHANGED, "case_number"),
        ("case_status_changed", STATUS_CHANGED, "status"),
        ("case_status_changed", STATUS_CHANGED, "reason"),
        ("case_status_changed", STATUS_CHANGED, "rule_name"),
        ("case_status_changed", STATUS_CHANGED, "case_url"),
        ("case_draft_expiring", DRAFT_EXPIRING, "expires_at"),
        ("case_draft_expiring", DRAFT_EXPIRING, "case_url"),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_value_fails_the_render(
    kind: str, context: dict[str, object], missing: str, language: Language
) -> None:
    with pytest.raises(UndefinedError, match=missing):
        render(kind, language, {k: v for k, v in context.items() if k != missing})


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("fuse_change", "sv", "Säkringsändring"),
        ("meter_move", "da", "Flytning af måler"),
        ("work_in_existing_installation", "en", "Work in an existing installation"),
        ("row_houses", "da", "Rækkehuse"),
        ("care_housing", "en", "Student, elderly or care housing"),
        ("ev_charger", "sv", "ev_charger"),  # a DSO's own type: its code rather than nothing
    ],
)
def test_case_types_are_named_in_the_readers_language(code: str, language: Language, name: str) -> None:
    assert case_type_name(code, language) == name


@pytest.mark.parametrize(
    ("status", "labels"),
    [
        ("submitted", ("NY", "NY", "NEW")),
        ("planning", ("PLANERING PÅGÅR", "PLANLÆGNING I GANG", "PLANNING IN PROGRESS")),
        (
            "completion_notice_received",
            ("FÄRDIGANMÄLAN INKOMMEN", "FÆRDIGMELDING MODTAGET", "COMPLETION NOTICE RECEIVED"),
        ),
        ("rejected", ("AVVISAT", "AFVIST", "REJECTED")),
        ("cancelled", ("MAKULERAT", "ANNULLERET", "CANCELLED")),
    ],
)
def test_statuses_are_labelled_as_the_portal_labels_them(status: str, labels: tuple[str, str, str]) -> None:
    assert tuple(status_label(status, language) for language in LANGUAGES) == labels


def test_the_case_link() -> None:
    assert PortalLinks("https://portal.example.test/").case(CASE_ID) == CASE_URL

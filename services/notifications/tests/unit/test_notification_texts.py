"""What the bell says, in the reader's language, from the facts a notification keeps; where it leads; the
mail choices each role sees; and the cursor that pages it."""

import base64
import uuid
from datetime import UTC, datetime
from typing import get_args

import pytest

from contracts.events.notifications import NotificationKind as ContractKind
from notifications.domain.links import PortalLinks
from notifications.domain.mail import Language
from notifications.domain.notification import InAppNotification, NotificationKind
from notifications.domain.notification_page import InvalidCursor, PageCursor
from notifications.domain.notification_texts import KIND_LABELS, notification_text
from notifications.domain.preferences import mail_choices, wants_mail

CASE = {"case_number": "SK-0003826", "case_type": "fuse_change", "address": "Solgatan 20, Helsingborg"}
GIVEN = {
    "case_number": "SK-0003826",
    "case_type": "fuse_change",
    "address": "Solgatan 20, Helsingborg",
    "assigned_as": "installer",
}
LANGUAGES: list[Language] = ["sv", "da", "en"]


@pytest.mark.parametrize(
    ("kind", "parameters", "language", "title", "text"),
    [
        (
            NotificationKind.CASE_STATUS,
            CASE | {"status": "planning", "actor_name": "Sara Lind"},
            "sv",
            "Ny status i ärende SK-0003826",
            "Sara Lind ändrade status till PLANERING PÅGÅR. Säkringsändring, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_STATUS,
            CASE | {"status": "in_progress", "rule_name": "Upp till 25 A"},
            "en",
            "New status on case SK-0003826",
            "Status changed automatically to WORK IN PROGRESS by the rule “Upp till 25 A”. "
            "Fuse change, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_STATUS,
            CASE | {"status": "rejected"},
            "da",
            "Ny status på sag SK-0003826",
            "Status ændret til AFVIST. Sikringsændring, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_NOTE,
            CASE | {"actor_name": "Erik Svensson"},
            "en",
            "New note on case SK-0003826",
            "Erik Svensson wrote a note. Fuse change, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_ASSIGNED,
            CASE,
            "sv",
            "Ärende SK-0003826 har tilldelats dig",
            "Säkringsändring, Solgatan 20, Helsingborg.",
        ),
        # A case the team gave to another of its installers.
        (
            NotificationKind.CASE_ASSIGNED,
            GIVEN | {"actor_name": "Anna Andersson"},
            "sv",
            "Du har fått ärende SK-0003826",
            "Anna Andersson gav dig ärendet. Säkringsändring, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_ASSIGNED,
            GIVEN | {"actor_name": "Anna Andersson"},
            "da",
            "Du har fået sag SK-0003826",
            "Anna Andersson gav dig sagen. Sikringsændring, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_ASSIGNED,
            GIVEN | {"actor_name": "Anna Andersson"},
            "en",
            "You were given case SK-0003826",
            "Anna Andersson gave you the case. Fuse change, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.CASE_ASSIGNED,
            GIVEN,
            "en",
            "You were given case SK-0003826",
            "Fuse change, Solgatan 20, Helsingborg.",
        ),
        (
            NotificationKind.DRAFT_EXPIRING,
            {
                "case_type": "fuse_change",
                "address": "Strandvejen 4",
                "expires_at": "2026-12-07T02:00:00+00:00",
            },
            "da",
            "Din kladde slettes snart",
            "Den slettes den 7. december 2026 kl. 03.00, hvis ingen ændrer den inden da. "
            "Sikringsændring, Strandvejen 4.",
        ),
        (
            NotificationKind.APPLICATION_DECISION,
            {"decision": "pending", "company_name": "Elfirma AB", "application_id": str(uuid.uuid4())},
            "en",
            "New installer team application",
            "Elfirma AB wants to be registered as an installer team. Review and decide.",
        ),
        (
            NotificationKind.APPLICATION_DECISION,
            {"decision": "approved"},
            "sv",
            "Er ansökan är godkänd",
            "Ert installatörsteam är registrerat. Välkommen till Installatörsportalen!",
        ),
    ],
)
def test_a_notification_reads_in_the_readers_language(
    kind: NotificationKind, parameters: dict[str, str], language: Language, title: str, text: str
) -> None:
    words = notification_text(kind, parameters, language)
    assert (words.title, words.text) == (title, text)


@pytest.mark.parametrize("kind", list(NotificationKind))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_has_a_title_and_a_label_even_with_parameters_missing(
    kind: NotificationKind, language: Language
) -> None:
    words = notification_text(kind, {}, language)
    assert words.title and "{" not in words.title + words.text
    assert KIND_LABELS[kind][language]


def test_a_notification_leads_to_its_case_or_the_application_to_decide_on() -> None:
    links = PortalLinks("https://portal.example.test")
    case_id, application_id = uuid.uuid4(), uuid.uuid4()

    def leads(case: uuid.UUID | None, **parameters: str) -> str | None:
        kind = NotificationKind.CASE_NOTE if case else NotificationKind.APPLICATION_DECISION
        notification = InAppNotification(uuid.uuid4(), kind, datetime.now(UTC), parameters, case)
        return links.notification(notification)

    assert leads(case_id) == f"https://portal.example.test/arenden/{case_id}"
    pending = leads(None, decision="pending", application_id=str(application_id))
    assert pending == f"https://portal.example.test/dso/ansokningar/{application_id}"
    assert leads(None, decision="approved", application_id=str(application_id)) is None


def test_mail_is_on_by_default_and_each_role_sees_the_kinds_it_can_receive() -> None:
    assert all(wants_mail(kind, {}) for kind in NotificationKind)
    assert not wants_mail(NotificationKind.CASE_NOTE, {NotificationKind.CASE_NOTE: False})
    assert list(mail_choices("installer", {NotificationKind.CASE_NOTE: False})) == [
        NotificationKind.CASE_STATUS,
        NotificationKind.CASE_NOTE,
        NotificationKind.CASE_ASSIGNED,  # a case the team gives them
        NotificationKind.DRAFT_EXPIRING,
    ]
    assert mail_choices("installer", {NotificationKind.CASE_NOTE: False})[NotificationKind.CASE_NOTE] is False
    assert NotificationKind.CASE_ASSIGNED in mail_choices("dso_handler", {})
    assert NotificationKind.CASE_ASSIGNED in mail_choices("team_admin", {})
    assert NotificationKind.APPLICATION_DECISION not in mail_choices("dso_handler", {})
    assert NotificationKind.APPLICATION_DECISION in mail_choices("dso_admin", {})


def test_a_cursor_comes_back_as_it_went_and_anything_else_is_refused() -> None:
    cursor = PageCursor(datetime(2026, 12, 1, 8, 30, 15, 123456, tzinfo=UTC), uuid.uuid4())
    assert PageCursor.decode(cursor.encode()) == cursor
    naive = base64.urlsafe_b64encode(f"2026-12-01T08:30:00|{uuid.uuid4()}".encode()).decode()
    for invalid in ("", "not-a-cursor", "%%%", naive, base64.urlsafe_b64encode(b"\xff\xfe").decode()):
        with pytest.raises(InvalidCursor):
            PageCursor.decode(invalid)


def test_the_kinds_are_the_ones_the_published_events_name() -> None:
    assert set(get_args(ContractKind)) == {kind.value for kind in NotificationKind}

"""The mails that go with the bell render in Swedish, Danish and English: a new note (never its text: the
event does not carry it), an assignment and a case given to another installer of the team, each naming
the case and linking to it; and a status change made by a DSO's rule says so."""

import uuid

import pytest
from jinja2 import UndefinedError

from notifications.adapters.templates import JinjaMailRenderer
from notifications.domain.mail import Language

CASE_URL = f"https://portal.example.test/arenden/{uuid.uuid4()}"
CASE = {
    "name": "Sara <Lind>",
    "case_number": "SK-0003826",
    "case_type": "Säkringsändring",
    "address": "Solgatan 20, Helsingborg",
    "case_url": CASE_URL,
}
LANGUAGES: list[Language] = ["sv", "da", "en"]


@pytest.mark.parametrize(
    ("language", "subject", "by_author", "anonymous"),
    [
        (
            "sv",
            "Ny anteckning i ärende SK-0003826",
            "Erik & Co har skrivit en ny anteckning i ärende SK-0003826.",
            "Det finns en ny anteckning i ärende SK-0003826.",
        ),
        (
            "da",
            "Ny note på sag SK-0003826",
            "Erik & Co har skrevet en ny note på sag SK-0003826.",
            "Der er en ny note på sag SK-0003826.",
        ),
        (
            "en",
            "New note on case SK-0003826",
            "Erik & Co wrote a new note on case SK-0003826.",
            "There is a new note on case SK-0003826.",
        ),
    ],
)
def test_a_note_mail_names_the_case_and_its_author_and_links_to_it(
    language: Language, subject: str, by_author: str, anonymous: str
) -> None:
    renderer = JinjaMailRenderer()
    mail = renderer.render("case_note_added", language, CASE | {"author_name": "Erik & Co"})
    assert mail.subject == subject
    assert f"\n{by_author}\n" in mail.text
    assert by_author.replace("&", "&amp;") in mail.html and "Sara &lt;Lind&gt;" in mail.html
    assert f"\n{CASE_URL}\n" in mail.text and f'href="{CASE_URL}"' in mail.html
    assert "\n\n\n" not in mail.text
    nameless = renderer.render("case_note_added", language, CASE | {"author_name": ""})
    assert f"\n{anonymous}\n" in nameless.text and anonymous in nameless.html


@pytest.mark.parametrize(
    ("language", "subject", "by_whom"),
    [
        ("sv", "Ärende SK-0003826 har tilldelats dig", "Ärende SK-0003826 har tilldelats dig av Per Holm."),
        ("da", "Sag SK-0003826 er tildelt dig", "Sag SK-0003826 er tildelt dig af Per Holm."),
        ("en", "Case SK-0003826 was assigned to you", "Case SK-0003826 was assigned to you by Per Holm."),
    ],
)
def test_an_assignment_mail_names_the_case_and_who_assigned_it(
    language: Language, subject: str, by_whom: str
) -> None:
    mail = JinjaMailRenderer().render("case_assigned", language, CASE | {"assigned_by_name": "Per Holm"})
    assert mail.subject == subject
    assert f"\n{by_whom}\n" in mail.text and by_whom in mail.html
    assert f"\n{CASE_URL}\n" in mail.text and "Solgatan 20, Helsingborg" in mail.html


@pytest.mark.parametrize(
    ("language", "subject", "by_whom", "anonymous"),
    [
        (
            "sv",
            "Du har fått ärende SK-0003826: Säkringsändring, Solgatan 20, Helsingborg",
            "Anna & Co har gett dig ett ärende. Det är ditt nu.",
            "Du har fått ett ärende. Det är ditt nu.",
        ),
        (
            "da",
            "Du har fået sag SK-0003826: Säkringsändring, Solgatan 20, Helsingborg",
            "Anna & Co har givet dig en sag. Den er din nu.",
            "Du har fået en sag. Den er din nu.",
        ),
        (
            "en",
            "You were given case SK-0003826: Säkringsändring, Solgatan 20, Helsingborg",
            "Anna & Co gave you a case. It is yours now.",
            "You were given a case. It is yours now.",
        ),
    ],
)
def test_a_given_case_mail_names_the_case_and_who_gave_it_and_links_to_it(
    language: Language, subject: str, by_whom: str, anonymous: str
) -> None:
    renderer = JinjaMailRenderer()
    given = dict(CASE)
    mail = renderer.render("case_installer_changed", language, given | {"given_by_name": "Anna & Co"})
    assert mail.subject == subject
    assert f"\n{by_whom}\n" in mail.text
    assert by_whom.replace("&", "&amp;") in mail.html and "Sara &lt;Lind&gt;" in mail.html
    assert f"\n{CASE_URL}\n" in mail.text and f'href="{CASE_URL}"' in mail.html
    assert "Solgatan 20, Helsingborg" in mail.html and "\n\n\n" not in mail.text
    assert "SK-0003826" in mail.text and "SK-0003826" in mail.html
    nameless = renderer.render("case_installer_changed", language, given | {"given_by_name": ""})
    assert f"\n{anonymous}\n" in nameless.text and anonymous in nameless.html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        ("case_note_added", "author_name"),
        ("case_assigned", "case_url"),
        ("case_installer_changed", "given_by_name"),
    ],
)
def test_a_missing_value_fails_the_render(language: Language, kind: str, missing: str) -> None:
    context = CASE | {"author_name": "Erik", "assigned_by_name": "Per", "given_by_name": "Anna"}
    with pytest.raises(UndefinedError, match=missing):
        JinjaMailRenderer().render(kind, language, {k: v for k, v in context.items() if k != missing})


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("sv", "Ändringen gjordes automatiskt enligt nätbolagets regel ”Upp till 25 A”."),
        ("da", "Ændringen blev foretaget automatisk efter netselskabets regel »Upp till 25 A«."),
        ("en", "The change was made automatically by the grid company's rule “Upp till 25 A”."),
    ],
)
def test_a_status_change_by_a_rule_names_the_rule(language: Language, line: str) -> None:
    context = CASE | {"status": "GENOMFÖRANDE PÅGÅR", "reason": None, "rule_name": "Upp till 25 A"}
    mail = JinjaMailRenderer().render("case_status_changed", language, context)
    assert f".\n{line}\n\n" in mail.text
    assert line in mail.html

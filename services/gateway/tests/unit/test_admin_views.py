"""How the administration pages order, format and fill what identity answers."""

from datetime import UTC, datetime

from gateway.domain.authorisations import in_order
from gateway.domain.local_time import local_time
from gateway.domain.resource_form import ResourceInput, error_keys
from gateway.domain.team_applications import (
    inline_disposition,
    organisation_number,
    pending_first,
    status_filter,
)


def test_undecided_applications_come_first_in_identitys_order() -> None:
    newest_first = [
        {"id": 1, "status": "rejected"},
        {"id": 2, "status": "submitted"},
        {"id": 3, "status": "approved"},
        {"id": 4, "status": "submitted"},
    ]
    assert [a["id"] for a in pending_first(newest_first)] == [2, 4, 1, 3]
    assert status_filter("approved") == "approved"
    assert status_filter("'; drop") is None


def test_the_certificate_is_shown_inline_under_its_own_name() -> None:
    identity = "attachment; filename=\"bevis.pdf\"; filename*=UTF-8''bevis.pdf"
    assert inline_disposition(identity) == "inline; filename=\"bevis.pdf\"; filename*=UTF-8''bevis.pdf"
    assert inline_disposition(None) == "inline"


def test_numbers_and_times_are_written_as_readers_write_them() -> None:
    assert organisation_number("5560360793") == "556036-0793"
    assert organisation_number("13585628") == "13585628"
    winter, summer = datetime(2026, 1, 5, 13, 32, tzinfo=UTC), "2026-07-01T10:00:00Z"
    assert local_time(winter, "sv") == "2026-01-05 14:32"
    assert local_time(winter, "da") == "05.01.2026 kl. 14.32"
    assert local_time(summer, "sv") == "2026-07-01 12:00"
    assert local_time(None, "en") == ""


def test_a_resource_form_sends_identity_what_was_typed() -> None:
    typed = ResourceInput.from_form(
        {
            "first_name": " Karin ",
            "last_name": "Berg",
            "email": "k@example.com",
            "mobile": "070",
            "role": "x",
        },
        ["biogas", "unknown", "electricity"],
    )
    assert typed.first_name == "Karin"
    assert typed.authorisations == ("electricity", "biogas")
    assert "description" not in typed.for_create()  # nothing typed: none stored
    assert typed.for_update(with_role=False)["description"] == ""  # an emptied field clears it
    assert "role" not in typed.for_update(with_role=False)
    assert typed.for_create()["role"] == "x"  # identity judges the role


def test_authorisations_come_in_the_portals_order_and_refusals_name_their_fields() -> None:
    assert in_order(["biogas", "electricity"]) == ["electricity", "biogas"]
    assert error_keys(422, ["email", "authorisations.0", "rows"]) == {
        "email": "resources.error.email",
        "authorisations": "resources.error.authorisations",
        "form": "resources.error.form",
    }
    assert error_keys(409, ["email"]) == {"email": "resources.error.email_taken"}

"""How a case's parts read: a draft's days left, its address, a file's size, the status colours."""

from datetime import UTC, datetime

import pytest

from gateway.domain.case_display import address_text, completion_values, file_size, status_class
from gateway.domain.drafts import days_left

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expires_at", "days"),
    [
        ("2026-03-16T10:00:00+00:00", 14),  # saved just now
        ("2026-03-16T09:59:00+00:00", 14),  # a minute less is still "in 14 days"
        ("2026-03-03T09:00:00+00:00", 1),
        ("2026-03-02T10:30:00+01:00", 0),  # half an hour ago in Stockholm's zone: today
        ("2026-03-01T10:00:00", 0),  # no zone: UTC, already past
        (None, None),
    ],
)
def test_days_left_are_rounded_up_and_never_negative(expires_at: str | None, days: int | None) -> None:
    assert days_left(expires_at, NOW) == days


def test_an_address_reads_as_one_line_whatever_its_shape() -> None:
    assert address_text("Solgatan 20, 252 20 Helsingborg") == "Solgatan 20, 252 20 Helsingborg"
    assert address_text({"label": "Solgatan 20, Helsingborg", "street": "x"}) == "Solgatan 20, Helsingborg"
    parts = {"street": "Solgatan", "number": "20", "postcode": "252 20", "town": "Helsingborg"}
    assert address_text(parts) == "Solgatan 20, 252 20 Helsingborg"
    assert address_text(None) == ""


def test_file_sizes_in_the_readers_way() -> None:
    assert file_size(512, "sv") == "512 B"
    assert file_size(840_000, "sv") == "840 kB"
    assert file_size(1_234_567, "sv") == "1,2 MB"
    assert file_size(1_234_567, "en") == "1.2 MB"
    assert file_size(None, "da") == ""


def test_statuses_have_colours_and_unknown_ones_a_neutral_one() -> None:
    assert status_class("submitted") == "status--submitted"
    assert status_class("rejected") == "status--rejected"
    assert status_class("something_new") == "status--inactive"


def test_a_completion_notice_bare_or_wrapped() -> None:
    assert completion_values({"values": {"done_on": "2026-03-01"}, "at": "x"}) == {"done_on": "2026-03-01"}
    assert completion_values({"done_on": "2026-03-01", "meter": None}) == {
        "done_on": "2026-03-01",
        "meter": "",
    }
    assert completion_values(None) == {}

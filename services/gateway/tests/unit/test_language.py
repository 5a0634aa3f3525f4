import pytest

from gateway.domain.language import negotiate


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "sv"),
        ("", "sv"),
        ("da-DK,da;q=0.9,en;q=0.8", "da"),
        ("en-US,en;q=0.9,sv;q=0.8", "en"),
        ("de-DE,de;q=0.9,en;q=0.5,sv;q=0.7", "sv"),
        ("nb-NO,nb;q=0.9", "da"),
        ("fi-FI", "sv"),
        ("en;q=0,da;q=0.1", "da"),
        ("sv;q=nonsense,en;q=0.2", "en"),
    ],
)
def test_the_visitors_best_supported_language_is_chosen(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected

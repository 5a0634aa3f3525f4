import pytest

from gateway.domain.navigation import current_section, safe_return_path


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/arenden?status=NY", "/arenden?status=NY"),
        (None, "/"),
        ("https://evil.example.com", "/"),
        ("//evil.example.com/path", "/"),
        ("/\\evil.example.com", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("arenden", "/"),
    ],
)
def test_return_paths_stay_on_the_portal(candidate: str | None, expected: str) -> None:
    assert safe_return_path(candidate) == expected


def test_the_header_marks_the_section_a_page_belongs_to() -> None:
    assert current_section("/") is not None and current_section("/").key == "nav.map"  # type: ignore[union-attr]
    assert current_section("/arenden/nytt/fuse_change").key == "nav.cases"  # type: ignore[union-attr]
    assert current_section("/utkast").key == "nav.drafts"  # type: ignore[union-attr]
    assert current_section("/logga-in") is None

"""The "Ärenden" list as a URL: what a browser sends becomes cases' query, unusable values the defaults,
and the page's links (sort, pages) keep the rest of the view."""

from urllib.parse import parse_qs, urlsplit

import pytest

from gateway.domain.case_list import DEFAULT_SORT, ListQuery
from gateway.domain.paging import page_links, paging


def test_an_empty_query_is_the_newest_ten_of_everything() -> None:
    view = ListQuery.from_params({})
    assert view.api_params() == {"sort": "-created_at", "page": 1, "page_size": 10}
    assert view.url("/arenden") == "/arenden"
    assert not view.filtered


def test_filters_free_text_mine_sort_and_paging_reach_cases() -> None:
    view = ListQuery.from_params(
        {
            "status": "planning",
            "case_type": "fuse_change",
            "q": "  Solgatan   20 ",
            "mine": "true",
            "sort": "address",
            "page": "3",
            "page_size": "25",
        }
    )
    assert view.api_params() == {
        "status": "planning",
        "case_type": "fuse_change",
        "q": "Solgatan 20",
        "mine": "true",
        "sort": "address",
        "page": 3,
        "page_size": 25,
    }
    assert view.filtered


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"status": "draft"}, "status", None),  # the list is of sent cases
        ({"status": "NY"}, "status", None),
        ({"case_type": "../admin"}, "case_type", None),
        ({"case_type": "Fuse_Change"}, "case_type", None),
        ({"mine": "yes"}, "mine", False),
        ({"sort": "password"}, "sort", DEFAULT_SORT),
        ({"sort": "--address"}, "sort", DEFAULT_SORT),
        ({"sort": "-installer_name"}, "sort", "-installer_name"),
        ({"page": "0"}, "page", 1),
        ({"page": "-2"}, "page", 1),
        ({"page": "x"}, "page", 1),
        ({"page": "²"}, "page", 1),
        ({"page": "99999999999"}, "page", 100_000),
        ({"page_size": "1000"}, "page_size", 10),
        ({"page_size": "50"}, "page_size", 50),
        ({"q": "x" * 300}, "q", "x" * 100),
    ],
)
def test_unusable_values_fall_back_to_the_defaults(
    params: dict[str, str], field: str, expected: object
) -> None:
    assert getattr(ListQuery.from_params(params), field) == expected


def test_a_column_header_sorts_ascending_then_toggles_the_direction() -> None:
    view = ListQuery.from_params({})
    assert view.sorted_by("address") == "address"
    assert view.sorted_by("created_at") == "created_at"  # newest first now: the header turns it round
    assert view.sort_state("created_at") == "descending" and view.sort_state("address") == "none"
    by_address = ListQuery.from_params({"sort": "address"})
    assert by_address.sorted_by("address") == "-address"
    assert by_address.sort_state("address") == "ascending"
    assert ListQuery.from_params({"sort": "-address"}).sorted_by("address") == "address"


def test_links_keep_the_view_and_change_only_what_they_say() -> None:
    view = ListQuery.from_params({"q": "Solgatan 20", "status": "submitted", "page": "2", "mine": "true"})
    link = urlsplit(view.url("/arenden", page=3))
    assert link.path == "/arenden"
    assert parse_qs(link.query) == {
        "q": ["Solgatan 20"],
        "status": ["submitted"],
        "mine": ["true"],
        "page": ["3"],
    }
    sorted_link = parse_qs(urlsplit(view.url("/arenden", sort=view.sorted_by("address"), page=1)).query)
    assert sorted_link["sort"] == ["address"] and "page" not in sorted_link  # page 1 is the default


@pytest.mark.parametrize(
    ("page", "size", "total", "shown"),
    [
        (1, 10, 37, (1, 10)),
        (4, 10, 37, (31, 37)),
        (2, 25, 26, (26, 26)),
        (1, 10, 0, (0, 0)),
        (9, 10, 37, (0, 0)),  # past the end: no rows, and the links lead back
    ],
)
def test_paging_says_which_rows_are_shown(page: int, size: int, total: int, shown: tuple[int, int]) -> None:
    found = paging(page, size, total)
    assert (found.first, found.last) == shown and found.total == total


def test_paging_knows_its_neighbours() -> None:
    assert paging(1, 10, 37).pages == 4 and paging(1, 10, 0).pages == 1
    assert paging(1, 10, 37).previous is None and paging(1, 10, 37).next == 2
    assert paging(4, 10, 37).next is None and paging(4, 10, 37).previous == 3


def test_page_links_show_the_ends_and_the_neighbourhood_with_gaps() -> None:
    assert page_links(1, 1) == [1]
    assert page_links(2, 4) == [1, 2, 3, 4]
    assert page_links(10, 100) == [1, None, 8, 9, 10, 11, 12, None, 100]
    assert page_links(1, 100) == [1, 2, 3, None, 100]
    assert page_links(4, 100)[:5] == [1, 2, 3, 4, 5]  # no gap of a single page hidden behind "…"

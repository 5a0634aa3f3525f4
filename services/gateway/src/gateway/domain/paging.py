"""Where a page of a list is in the whole: "Visar 1 till 10 av 37" and the page links under the table."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    pages: int  # at least 1, so an empty list still has its one (empty) page
    first: int  # the first row shown, counted from 1; 0 when there are none
    last: int
    total: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def paging(page: int, page_size: int, total: int) -> Paging:
    """The rows a page shows of `total`; a page past the end shows none (the links lead back)."""
    pages = max(1, -(-total // page_size))
    first = (page - 1) * page_size + 1
    if total == 0 or first > total:
        return Paging(page, pages, 0, 0, total)
    return Paging(page, pages, first, min(page * page_size, total), total)


def page_links(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and `around` on each side of the current one; None marks
    a gap ("…"), so a list of 1,000 pages needs a dozen links, not a thousand."""
    shown = {1, pages, *range(page - around, page + around + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= pages)
    links: list[int | None] = []
    previous = 0
    for number in numbers:
        if previous and number - previous > 1:
            links.append(None)
        links.append(number)
        previous = number
    return links

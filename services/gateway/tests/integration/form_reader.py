"""Reads a page's form as a browser would submit it: text inputs, hidden ones, checked radios and boxes,
selected options and textareas (no files, no buttons), so tests post what the page really offers."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, hook: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hook = hook
        self.inside = False
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and self.hook in found:
            self.inside = True
        if not self.inside:
            return
        name = found.get("name")
        if tag == "input" and name and found.get("type", "text") not in ("file", "submit", "button"):
            if found.get("type") in ("radio", "checkbox"):
                if "checked" in found:
                    self.values[name] = found.get("value", "on")
            else:
                self.values[name] = found.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = found.get("value", "")
                self.values.setdefault(self._select, self._first_option)
            if "selected" in found:
                self.values[self._select] = found.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_values(page: str, hook: str) -> dict[str, str]:
    """The values the form carrying the attribute `hook` (e.g. `data-case-form`) would submit."""
    reader = _FormReader(hook)
    reader.feed(page)
    return reader.values

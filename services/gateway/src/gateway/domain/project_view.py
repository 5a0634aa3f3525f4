"""How a project reads on its page: its groups, each with its case type's name and its cases in case-number
order; a bulk form's selection as case ids; downloads offered under projects' file name."""

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

MAX_SELECTION = 10_000  # cases in one bulk action: a large project (ADR 0007)
MAX_NAME_LENGTH = 100  # projects' limit for project and group names
# A file name as projects gives it in Content-Disposition (RFC 6266: the UTF-8 form wins).
_EXTENDED_NAME = re.compile(r"filename\*=UTF-8''([^;\s]{1,600})", re.IGNORECASE)
_PLAIN_NAME = re.compile(r'filename="([^"]{1,200})"|filename=([^;\s"]{1,200})', re.IGNORECASE)
_UNSAFE_IN_NAME = re.compile(r"[^\w .()\-–]")


@dataclass(frozen=True, slots=True)
class GroupView:
    id: str
    name: str
    case_type: str
    case_type_name: str
    version: int
    cases: tuple[Mapping[str, Any], ...]

    @property
    def anchor(self) -> str:
        return f"grupp-{self.id}"


def groups_of(detail: Mapping[str, Any], type_names: Mapping[str, str]) -> tuple[GroupView, ...]:
    """The project's groups in projects' order, each with its cases (those not yet numbered last)."""
    by_group: dict[str, list[Mapping[str, Any]]] = {}
    for case in detail.get("cases") or ():
        if isinstance(case, Mapping):
            by_group.setdefault(str(case.get("group_id")), []).append(case)
    return tuple(
        GroupView(
            id=str(group["id"]),
            name=str(group.get("name") or ""),
            case_type=str(group.get("case_type") or ""),
            case_type_name=type_names.get(str(group.get("case_type")), str(group.get("case_type") or "")),
            version=int(group.get("version") or 0),
            cases=tuple(sorted(by_group.get(str(group["id"]), ()), key=_case_order)),
        )
        for group in detail.get("groups") or ()
        if isinstance(group, Mapping) and group.get("id")
    )


def _case_order(case: Mapping[str, Any]) -> tuple[bool, str, str]:
    number = case.get("case_number")
    return (not number, str(number or ""), str(case.get("address") or ""))


def type_names(case_types: Iterable[Any]) -> dict[str, str]:
    """Projects' `GET /project-case-types` as code → name."""
    return {
        str(item["code"]): str(item.get("name") or item["code"])
        for item in case_types
        if isinstance(item, Mapping) and item.get("code")
    }


def selection(joined: str, repeated: Iterable[str]) -> tuple[uuid.UUID, ...] | None:
    """The selected cases of a bulk form: the page's script sends them joined in one field (a form carries
    at most 1,000 fields), a page without script one checkbox each. Order kept, duplicates dropped; None if
    any is no case id or there are too many."""
    chosen: dict[uuid.UUID, None] = {}
    for text in [*joined.replace(",", " ").split(), *repeated]:
        try:
            chosen[uuid.UUID(text.strip())] = None
        except ValueError:
            return None
    if len(chosen) > MAX_SELECTION:
        return None
    return tuple(chosen)


def clean_name(typed: str) -> str:
    """A name as projects stores it: trimmed, inner runs of spaces kept as one."""
    return " ".join(typed.split())


def attachment_disposition(given: str | None, fallback: str, extension: str = ".xlsx") -> str:
    """A download's Content-Disposition: always an attachment (an .xlsx is never opened in the portal's
    own origin), under projects' file name made harmless (no paths, quotes or control characters) and
    ending in `extension`, else `fallback`; in ASCII for old clients and in UTF-8 for the rest."""
    name = _UNSAFE_IN_NAME.sub("_", _given_name(given or "") or "").strip(" ._")
    name = name if name else fallback
    if not name.lower().endswith(extension):
        name += extension
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _given_name(header: str) -> str | None:
    if extended := _EXTENDED_NAME.search(header):
        return unquote(extended.group(1))
    if plain := _PLAIN_NAME.search(header):
        return plain.group(1) or plain.group(2)
    return None

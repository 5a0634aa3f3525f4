"""What the portal's header offers: the main sections and the "Skapa" menu of case types.

The case types are data: the menu shows the types the signed-in user's DSO accepts, named by the cases
service. Without them (signed out, or cases not answering) it shows the types the seeds name, in this
order, with the portal's own names (translation keys).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CASE_TYPE_CODE = re.compile(r"[a-z][a-z0-9_]{0,59}")


TEAM_ROLES = frozenset({"installer", "team_admin"})
DSO_ROLES = frozenset({"dso_handler", "dso_admin"})


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    path: str
    roles: frozenset[str] | None = None  # who sees it in the header; None: everyone
    for_visitors: bool = True  # shown to the signed out too (its page then asks them to sign in)

    def shown_to(self, role: str | None) -> bool:
        if role is None:
            return self.for_visitors
        return self.roles is None or role in self.roles


@dataclass(frozen=True, slots=True)
class CaseTypeLink:
    code: str
    name: str | None = None  # the DSO's name for it, from cases; None: the portal's own (label_key)

    @property
    def label_key(self) -> str:
        return f"case_type.{self.code}"

    @property
    def path(self) -> str:
        return f"/arenden/nytt/{self.code}"


SECTIONS: tuple[Section, ...] = (
    Section("nav.map", "/"),
    Section("nav.cases", "/arenden"),
    Section("nav.drafts", "/utkast", roles=TEAM_ROLES),
    Section("nav.projects", "/projekt", roles=TEAM_ROLES | DSO_ROLES, for_visitors=False),
)

DEFAULT_CASE_TYPES: tuple[CaseTypeLink, ...] = tuple(
    CaseTypeLink(code)
    for code in (
        "fuse_change",
        "service_line_change",
        "temporary_installation",
        "new_connection",
        "extension",
        "work_in_existing_installation",
        "one_to_three_phase",
        "production_facility",
        "meter_move",
    )
)


def case_type_links(case_types: Iterable[Mapping[str, Any]]) -> tuple[CaseTypeLink, ...]:
    """The menu from cases' `GET /case-types`, in its order; entries without a usable code are skipped
    (the code becomes part of a path)."""
    return tuple(
        CaseTypeLink(str(item["code"]), str(item.get("name") or item["code"]))
        for item in case_types
        if isinstance(item, Mapping) and is_case_type_code(item.get("code"))
    )


def is_case_type_code(code: object) -> bool:
    """Cases' codes are lower-case ASCII words joined by underscores (`fuse_change`)."""
    return isinstance(code, str) and CASE_TYPE_CODE.fullmatch(code) is not None


def visible_sections(role: str | None) -> tuple[Section, ...]:
    """The header's sections for a user of `role` (None: a visitor): drafts are the team's, projects are
    for the signed-in team and DSO staff."""
    return tuple(section for section in SECTIONS if section.shown_to(role))


def current_section(path: str) -> Section | None:
    """The section a path belongs to, for marking it in the header."""
    matches = [s for s in SECTIONS if path == s.path or (s.path != "/" and path.startswith(s.path + "/"))]
    return max(matches, key=lambda s: len(s.path), default=None)


def safe_return_path(candidate: str | None, fallback: str = "/") -> str:
    """A local path to send the browser back to; anything else (other hosts, schemes) gives `fallback`."""
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return fallback
    if any(ch in candidate for ch in "\r\n\t\\") or not candidate.isprintable():
        return fallback
    return candidate

"""What the portal's header offers: the main sections and the "Skapa" menu of case types.

The case types are data: until the cases service publishes each DSO's accepted types, the menu shows the
types the seeds name, in this order. Labels are translation keys.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    path: str


@dataclass(frozen=True, slots=True)
class CaseTypeLink:
    slug: str

    @property
    def label_key(self) -> str:
        return f"case_type.{self.slug}"

    @property
    def path(self) -> str:
        return f"/arenden/nytt/{self.slug}"


SECTIONS: tuple[Section, ...] = (
    Section("nav.map", "/"),
    Section("nav.cases", "/arenden"),
    Section("nav.drafts", "/utkast"),
)

DEFAULT_CASE_TYPES: tuple[CaseTypeLink, ...] = tuple(
    CaseTypeLink(slug)
    for slug in (
        "fuse_change",
        "service_line_change",
        "temporary_installation",
        "new_connection",
        "extension",
        "work_in_existing_installation",
        "phase_change",
        "micro_production",
        "meter_move",
    )
)


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

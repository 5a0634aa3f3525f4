"""The team admin's form for a resource (a user of the team): what a browser sent, what identity is asked,
which authorisations may be offered, and which text explains each of identity's refusals."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gateway.domain.authorisations import in_order

TEXT_FIELDS = ("first_name", "last_name", "email", "mobile", "description")
ROLES = ("installer", "team_admin")
LANGUAGES = ("sv", "da", "en")
FIELDS = (*TEXT_FIELDS, "authorisations", "role", "language")


@dataclass(frozen=True, slots=True)
class ResourceInput:
    """The form's fields as typed (kept when identity refuses them, so nothing is typed twice)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    mobile: str = ""
    description: str = ""
    authorisations: tuple[str, ...] = ()
    role: str = "installer"
    language: str = "sv"

    @classmethod
    def from_form(cls, text: Mapping[str, str], authorisations: Iterable[str]) -> "ResourceInput":
        """Known authorisations only, in the form's order; text trimmed (identity trims too)."""
        return cls(
            **{name: text.get(name, "").strip() for name in TEXT_FIELDS},
            authorisations=tuple(in_order(authorisations)),
            role=text.get("role", "installer").strip(),
            language=text.get("language", "sv").strip(),
        )

    @classmethod
    def of(cls, resource: Mapping[str, Any]) -> "ResourceInput":
        """The form filled with a resource as identity answered it."""
        return cls(
            first_name=resource["first_name"],
            last_name=resource["last_name"],
            email=resource["email"],
            mobile=resource.get("mobile") or "",
            description=resource.get("description") or "",
            authorisations=tuple(in_order(resource.get("authorisations") or ())),
            role=resource["role"],
            language=resource.get("language") or "sv",
        )

    def for_create(self) -> dict[str, Any]:
        """POST /teams/{team_id}/resources."""
        body = self.for_update(with_role=True)
        if not self.description:
            body.pop("description")
        return body

    def for_update(self, *, with_role: bool) -> dict[str, Any]:
        """PATCH /resources/{id}: every field, an empty description clearing it; the role only when the
        form offered it (never for oneself)."""
        body: dict[str, Any] = {name: getattr(self, name) for name in TEXT_FIELDS}
        body["authorisations"] = list(self.authorisations)
        body["language"] = self.language
        if with_role:
            body["role"] = self.role
        return body


def error_keys(status: int, fields: Iterable[str]) -> dict[str, str]:
    """Identity's field names (`email`, `authorisations.0`) → the form's field and the text explaining it."""
    keys: dict[str, str] = {}
    for path in fields:
        name = path.split(".")[0]
        if name not in FIELDS:
            keys["form"] = "resources.error.form"
        elif status == 409 and name == "email":
            keys[name] = "resources.error.email_taken"
        else:
            keys[name] = f"resources.error.{name}"
    return keys

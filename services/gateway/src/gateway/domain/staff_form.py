"""The DSO admin's form for a member of the DSO's staff (a case handler or admin): what a browser sent,
what identity is asked, and which text explains each of identity's refusals."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

NAME_FIELDS = ("first_name", "last_name")
ROLES = ("dso_handler", "dso_admin")
FIELDS = (*NAME_FIELDS, "email", "role", "language")


@dataclass(frozen=True, slots=True)
class StaffInput:
    """The form's fields as typed (kept when identity refuses them, so nothing is typed twice)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    role: str = "dso_handler"
    language: str = "sv"

    @classmethod
    def from_form(cls, text: Mapping[str, str]) -> "StaffInput":
        """Text trimmed (identity trims too)."""
        return cls(
            first_name=text.get("first_name", "").strip(),
            last_name=text.get("last_name", "").strip(),
            email=text.get("email", "").strip(),
            role=text.get("role", "dso_handler").strip(),
            language=text.get("language", "sv").strip(),
        )

    @classmethod
    def of(cls, member: Mapping[str, Any]) -> "StaffInput":
        """The form filled with a staff member as identity answered it."""
        return cls(
            first_name=member["first_name"],
            last_name=member["last_name"],
            email=member["email"],
            role=member["role"],
            language=member.get("language") or "sv",
        )

    def for_create(self) -> dict[str, Any]:
        """POST /dsos/{dso_id}/staff."""
        return {**self.for_update(with_role=True), "email": self.email}

    def for_update(self, *, with_role: bool) -> dict[str, Any]:
        """PATCH /staff/{id}: names and language; the role only when the form offered it (never for
        oneself). The e-mail address is the login and is not changed."""
        body: dict[str, Any] = {name: getattr(self, name) for name in NAME_FIELDS}
        body["language"] = self.language
        if with_role:
            body["role"] = self.role
        return body


def error_keys(status: int, fields: Iterable[str]) -> dict[str, str]:
    """Identity's field names → the form's field and the text explaining it."""
    keys: dict[str, str] = {}
    for path in fields:
        name = path.split(".")[0]
        if name not in FIELDS:
            keys["form"] = "staff.error.form"
        elif status == 409 and name == "email":
            keys[name] = "staff.error.email_taken"
        else:
            keys[name] = f"staff.error.{name}"
    return keys

"""What a refused send (or completion notice) lacks, as cases lists it: every mandatory field left empty
and every required attachment not uploaded, at once, so the installer fixes them all in one go."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Missing:
    """What a send lacks: a mandatory field left empty or a required attachment not uploaded."""

    kind: Literal["field", "attachment"]
    name: str
    label: str


def missing_of(body: Mapping[str, Any]) -> list[Missing]:
    """Cases' `missing` list of a refused send or completion notice, in its order (the form's)."""
    return [
        Missing(
            "attachment" if item.get("kind") == "attachment" else "field",
            name,
            str(item.get("label") or name),
        )
        for item in body.get("missing") or ()
        if isinstance(item, Mapping) and (name := str(item.get("name") or ""))
    ]


def beyond_missing(paths: Iterable[str], missing: Iterable[Missing]) -> tuple[str, ...]:
    """Cases' error paths of a refused send that say more than its `missing` list: cases names each
    missing item as an error too (`values.owner_name`, `attachments.site_plan`), which the page shows as
    missing, not as a value that cannot be right."""
    covered = {f"values.{m.name}" if m.kind == "field" else f"attachments.{m.name}" for m in missing}
    return tuple(path for path in paths if path not in covered)

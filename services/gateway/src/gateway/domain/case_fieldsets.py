"""A case's form in fieldsets: the case's own fields, the property owner's, the payer's, the rest."""

from collections.abc import Iterable
from dataclasses import dataclass

from gateway.domain.case_form import Field


@dataclass(frozen=True, slots=True)
class Section:
    """Consecutive fields shown in one fieldset: the case's own, the property owner's or the payer's."""

    key: str  # "case", "owner", "payer" or "more" (the case's fields after the parties)
    fields: tuple[Field, ...]


PARTIES = ("owner", "payer")


def sections(fields: Iterable[Field]) -> list[Section]:
    """The form in fieldsets, fields in cases' order; the parties are known by their names' prefix
    (`owner_name`, `payer_city`), which cases shares with facility data and "copy from owner"."""
    runs: list[tuple[str, list[Field]]] = []
    for field in fields:
        party = field.name.split("_", 1)[0]
        key = party if party in PARTIES and "_" in field.name else "case"
        if runs and runs[-1][0] == key:
            runs[-1][1].append(field)
        else:
            runs.append((key, [field]))
    seen_case = False
    result = []
    for key, run in runs:
        if key == "case":
            key, seen_case = ("more" if seen_case else "case"), True
        result.append(Section(key, tuple(run)))
    return result

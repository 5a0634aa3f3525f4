"""A grid company (DSO) served by the platform."""

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Dso:
    id: str
    name: str
    country: Literal["SE", "DK"]
    case_prefix: str
    applications_email: str | None = None  # told of each new team application

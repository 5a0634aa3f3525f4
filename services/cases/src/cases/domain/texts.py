"""Texts users read in the portal's three languages."""

from dataclasses import dataclass
from typing import Literal

Language = Literal["sv", "da", "en"]


@dataclass(frozen=True, slots=True)
class Texts:
    sv: str
    da: str
    en: str

    def in_language(self, language: Language) -> str:
        return {"sv": self.sv, "da": self.da, "en": self.en}[language]

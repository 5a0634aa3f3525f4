"""The portal's texts in each language, from JSON catalogs beside the templates.

Every catalog has exactly the keys of the Swedish one (a unit test holds them to it); a key missing at run
time is a bug and raises rather than showing a blank.
"""

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import orjson

from gateway.domain.language import LANGUAGES, Language

CATALOG_DIR = Path(__file__).resolve().parents[1] / "translations"


class Translator:
    def __init__(self, language: Language, texts: Mapping[str, str]) -> None:
        self.language = language
        self._texts = texts

    def __call__(self, key: str, **values: object) -> str:
        text = self._texts[key]
        return text.format(**values) if values else text


@cache
def catalog(language: Language) -> Mapping[str, str]:
    texts: dict[str, str] = orjson.loads((CATALOG_DIR / f"{language}.json").read_bytes())
    return texts


def translator(language: Language) -> Translator:
    return Translator(language, catalog(language))


def all_catalogs() -> dict[Language, Mapping[str, str]]:
    return {language: catalog(language) for language in LANGUAGES}

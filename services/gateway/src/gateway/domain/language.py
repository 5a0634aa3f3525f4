"""The portal's languages and how a visitor's is chosen: their choice, else their browser's, else Swedish."""

from typing import Literal, get_args

Language = Literal["sv", "da", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "sv"
# Norwegian readers understand Danish better than English; the portal has no Norwegian of its own.
_CLOSE_RELATIVES: dict[str, Language] = {"nb": "da", "no": "da", "nn": "da"}


def as_language(value: str | None) -> Language | None:
    """`value` if it names a supported language, else None."""
    for language in LANGUAGES:
        if value == language:
            return language
    return None


def negotiate(accept_language: str | None) -> Language:
    """The best supported language of an Accept-Language header (RFC 9110 §12.5.4), by quality."""
    ranked: list[tuple[float, int, Language]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, parameters = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        language = as_language(primary) or _CLOSE_RELATIVES.get(primary)
        if language is None:
            continue
        quality = _quality(parameters)
        if quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def _quality(parameters: str) -> float:
    name, _, value = parameters.strip().partition("=")
    if name.strip() != "q":
        return 1.0
    try:
        return max(0.0, min(1.0, float(value)))
    except ValueError:
        return 0.0

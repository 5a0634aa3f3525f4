"""Search keys for Swedish and Danish names.

The letters å, ä, ö (and Danish æ, ø, the same letters as ä, ö) are kept: "höganäs" is the key of
Höganäs, so a query typed with them matches them exactly. ASCII spellings are generated as extra keys,
"hoganas" and "hoeganaes", so a user without those keys (or a Dane writing "aa" for å) still finds it.
"""

import re
import unicodedata
from itertools import product

KEPT = frozenset("åäö")
# Swedish ä/ö and Danish æ/ø are one letter each in two spellings: "Høganæs" finds Höganäs.
_SAME_LETTER = str.maketrans({"æ": "ä", "ø": "ö"})
# How a kept letter is written without it: one letter (the Swedish habit) or two (Danish, German).
_ASCII_SPELLINGS = {"å": ("a", "aa"), "ä": ("a", "ae"), "ö": ("o", "oe")}
_ONE_LETTER = str.maketrans({letter: spellings[0] for letter, spellings in _ASCII_SPELLINGS.items()})
_MAX_MIXED = 3  # with more kept letters in one word only uniform spellings: 3**k keys grows fast
_SEPARATORS = re.compile(r"[^\w]+|_")
_TO_DECOMPOSE = re.compile(r"[^\x00-\x7fåäö]")  # a letter other than ASCII and the kept ones


def fold(text: str) -> str:
    """Lower case, æ/ø as ä/ö, other accents dropped ("Café" → "cafe"), å ä ö kept."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold()).translate(_SAME_LETTER)
    if not _TO_DECOMPOSE.search(text):  # nearly every Swedish name: no loop over its letters
        return text
    letters = []
    for char in text:
        if char.isascii() or char in KEPT:
            letters.append(char)
        else:
            letters.extend(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return "".join(letters)


def tokens(text: str) -> list[str]:
    """The folded words and numbers of a text; spaces, commas, hyphens and the like only separate."""
    return [token for token in _SEPARATORS.split(fold(text)) if token]


def ascii_fold(word: str) -> str:
    """A folded word in plain ASCII, one letter for each kept letter ("åskgatan" → "askgatan")."""
    return word.translate(_ONE_LETTER)


def ascii_spellings(word: str) -> set[str]:
    """Every other way to write a folded word without (some of) its kept letters; empty if it has none."""
    kept = sum(char in KEPT for char in word)
    if not kept:
        return set()
    if kept > _MAX_MIXED:
        uniform = [
            "".join(_ASCII_SPELLINGS[c][choice] if c in KEPT else c for c in word) for choice in (0, 1)
        ]
        return set(uniform)
    options = [(char, *_ASCII_SPELLINGS[char]) if char in KEPT else (char,) for char in word]
    return {"".join(combination) for combination in product(*options)} - {word}

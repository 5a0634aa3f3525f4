"""The distinct words of street and town names, and which address groups each appears in.

A query word finds the names it begins, under their own spelling or an ASCII one (text_normalisation.py);
only a word that begins none is looked up with typos allowed (rapidfuzz over these few thousand words,
never over the addresses). Each match carries a penalty: lower is better, 0 for a whole word typed exactly.
"""

import math
from bisect import bisect_left

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from gis.domain.text_normalisation import ascii_fold, ascii_spellings, tokens

PREFIX = 0.05  # the word typed in part: "solg" for Solgatan
ASCII_SPELLING = 0.01  # "hoganas" for Höganäs: found, after a name that really is spelt so
TYPO = 0.15  # the word matched only with edits…
PER_EDIT = 0.1  # …and each of them
LATER_STREET_WORD = 0.02  # "kungsv" for Gamla Kungsvägen: after streets that begin with it
TOWN_WORD = 0.03
_LAST_KEY = "\U0010ffff"


def allowed_edits(word: str) -> int:
    """Typos tolerated in a query word that begins no name: none in short words, they match too much."""
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


class StreetWords:
    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._groups: list[dict[int, float]] = []  # per word: group id → penalty for the word's role there
        self._keys: list[str] = []  # every spelling of every word, sorted for prefix lookup…
        self._key_words: list[int] = []  # …the word it spells…
        self._key_penalties: list[float] = []  # …and 0 for the word itself, ASCII_SPELLING for another
        self._truncated: dict[int, list[str]] = {}  # length → every word in ASCII cut to that length

    def add(self, group_id: int, street: str, town: str) -> None:
        roles = [(word, 0.0 if n == 0 else LATER_STREET_WORD) for n, word in enumerate(tokens(street))]
        for word, role in [*roles, *((word, TOWN_WORD) for word in tokens(town))]:
            word_id = self._ids.setdefault(word, len(self._ids))
            if word_id == len(self._groups):
                self._groups.append({})
            groups = self._groups[word_id]
            groups[group_id] = min(role, groups.get(group_id, math.inf))

    def freeze(self) -> None:
        """Build the lookup tables once every group was added."""
        keys = sorted(
            (spelling, word_id, penalty)
            for word, word_id in self._ids.items()
            for spelling, penalty in [(word, 0.0), *((s, ASCII_SPELLING) for s in ascii_spellings(word))]
        )
        self._keys = [key for key, _, _ in keys]
        self._key_words = [word_id for _, word_id, _ in keys]
        self._key_penalties = [penalty for _, _, penalty in keys]
        plain = [ascii_fold(word) for word in self._ids]  # in word id order
        longest = max(map(len, plain), default=0) + 2
        self._truncated = {length: [word[:length] for word in plain] for length in range(1, longest + 1)}

    def groups_matching(self, words: tuple[str, ...]) -> dict[int, float]:
        """The groups every query word matches a word of, with the summed penalty of the best matches."""
        found: dict[int, float] | None = None
        for word in words:
            groups = self._groups_for(word)
            found = groups if found is None else {g: p + groups[g] for g, p in found.items() if g in groups}
            if not found:
                return {}
        return found or {}

    def _groups_for(self, query_word: str) -> dict[int, float]:
        groups: dict[int, float] = {}
        for word_id, word_penalty in (self._prefixed(query_word) or self._typos(query_word)).items():
            for group_id, role in self._groups[word_id].items():
                # A whole word typed is certain wherever it stands; a part likelier begins a street.
                penalty = word_penalty + role if word_penalty else 0.0
                if penalty < groups.get(group_id, math.inf):
                    groups[group_id] = penalty
        return groups

    def _prefixed(self, query_word: str) -> dict[int, float]:
        words: dict[int, float] = {}
        start = bisect_left(self._keys, query_word)
        for position in range(start, bisect_left(self._keys, query_word + _LAST_KEY, start)):
            whole = 0.0 if self._keys[position] == query_word else PREFIX
            penalty = whole + self._key_penalties[position]
            word_id = self._key_words[position]
            if penalty < words.get(word_id, math.inf):
                words[word_id] = penalty
        return words

    def _typos(self, query_word: str) -> dict[int, float]:
        """Words whose beginning is within the allowed edits of the query word ("molngtan" → molngatan)."""
        edits = allowed_edits(query_word)
        if not edits or not self._truncated:
            return {}
        typed = ascii_fold(query_word)
        best = np.full(len(self._ids), edits + 1, dtype=np.int32)
        # The typed word against each name cut to its length and a few around: a typo may add or drop letters.
        for length in range(max(1, len(typed) - edits), min(len(typed) + edits, len(self._truncated)) + 1):
            names = self._truncated[length]
            distances = process.cdist([typed], names, scorer=Levenshtein.distance, score_cutoff=edits)
            np.minimum(best, distances[0], out=best)
        return {
            int(word_id): TYPO + PER_EDIT * int(best[word_id]) for word_id in np.flatnonzero(best <= edits)
        }

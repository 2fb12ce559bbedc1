"""Normalisation of Hindi text for matching only (never applied to what the user sees).

Folds the spelling variation real Hindi text shows: precomposed nukta letters and base +
nukta (ज़ / ज़ / ज), candrabindu and anusvara (ँ / ं), the chandra vowels (ॅ, ॉ vs ा, ऑ vs
आ), a nasal consonant + virama before a stop or sibilant (कम्प्यूटर / कंप्यूटर),
ZWJ/ZWNJ, Devanagari digits, Latin case and runs of whitespace. Returns a map from each
normalised character back to its original position, so matches are reported on the
original text.
"""

from __future__ import annotations

import re
import unicodedata

VIRAMA = "\u094d"
ANUSVARA = "\u0902"
DROPPED = {"\u093c", "\u0945", "\u200c", "\u200d", "\u00ad"}  # nukta, chandra e sign, ZWNJ, ZWJ, soft hyphen
_REPLACE = {
    "\u0901": ANUSVARA,  # candrabindu
    "\u0949": "\u093e",  # ॉ → ा  (डॉलर / डालर)
    "\u0911": "\u0906",  # ऑ → आ
    "\u090d": "\u090f",  # ऍ → ए
    "\u0972": "\u0906",  # ॲ → आ
}
_PRECOMPOSED_NUKTA = set("\u0958\u0959\u095a\u095b\u095c\u095d\u095e\u095f\u0929\u0931\u0934")
_DIGITS = {chr(0x0966 + i): str(i) for i in range(10)}
# A nasal + virama before another consonant is written as anusvara just as often
# (हिन्दी/हिंदी, इन्फोसिस/इंफोसिस, लाइसेन्स/लाइसेंस); not before semivowels, h or nasals
# (अन्य, जन्म, सम्राट keep their conjuncts).
_NASALS = set("ङञणनम")
_KEEP_AFTER_NASAL = set("यरलवहङञणनम")


_SENTINEL = "\x00"  # marks a dropped character while lengths are kept equal
_TABLE = {ord(ch): _SENTINEL for ch in DROPPED}
_TABLE.update({ord(k): v for k, v in _REPLACE.items()})
_TABLE.update({ord(k): v for k, v in _DIGITS.items()})
_TABLE.update({ord(ch): unicodedata.normalize("NFD", ch)[0] for ch in _PRECOMPOSED_NUKTA})  # क़ → क
_TABLE.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_TABLE[0] = " "  # a NUL in the input must not look like a sentinel
_CONSONANTS = "\u0915-\u0939"
_NASAL_FOLD = re.compile(f"[{''.join(sorted(_NASALS))}]{VIRAMA}(?=[{_CONSONANTS}])(?![{''.join(sorted(_KEEP_AFTER_NASAL))}])")
_SPACES = re.compile(r"\s{2,}|[^\S ]")


def _fold_nasal(m: re.Match) -> str:
    return ANUSVARA + _SENTINEL


def _fold_space(m: re.Match) -> str:
    return " " + _SENTINEL * (len(m.group()) - 1)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of the source character.

    Every rule maps one character to one, or drops it, so the work is done length-preserving
    (dropped characters become a sentinel) by str.translate and two regular expressions.
    """
    folded = text.translate(_TABLE)
    folded = _NASAL_FOLD.sub(_fold_nasal, folded)
    folded = _SPACES.sub(_fold_space, folded)
    if _SENTINEL not in folded:
        return folded, list(range(len(folded)))
    index = [i for i, ch in enumerate(folded) if ch != _SENTINEL]
    return folded.replace(_SENTINEL, ""), index


def normalize(text: str) -> str:
    return normalize_with_map(text)[0]


def is_word_char(ch: str) -> bool:
    """Letters, combining marks (matras, virama, anusvara) and digits belong to words."""
    if not ch:
        return False
    category = unicodedata.category(ch)
    return category[0] in ("L", "M") or category == "Nd"

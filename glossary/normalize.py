"""Normalisation of Hindi text for matching only (never applied to what the user sees).

Folds the spelling variation real Hindi text shows: precomposed nukta letters and base +
nukta (ज़ / ज़ / ज), candrabindu and anusvara (ँ / ं), the chandra vowels (ॅ, ॉ vs ा, ऑ vs
आ), a nasal consonant + virama before a stop or sibilant (कम्प्यूटर / कंप्यूटर),
ZWJ/ZWNJ, Devanagari digits, Latin case and runs of whitespace. Returns a map from each normalised character
back to its original position, so matches can be reported on the original text.
"""

from __future__ import annotations

import unicodedata

VIRAMA = "\u094d"
ANUSVARA = "\u0902"
_DROP = {"\u093c", "\u0945", "\u200c", "\u200d", "\u00ad"}  # nukta, chandra e sign, ZWNJ, ZWJ, soft hyphen
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


def _simple_chars(text: str) -> tuple[list[str], list[int]]:
    """Character-level folding with an index map (NFD per character handles precomposed nukta)."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        # precomposed nukta letters (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़, ऩ ऱ ऴ) split into base + nukta
        decomposed = unicodedata.normalize("NFD", ch) if ch in _PRECOMPOSED_NUKTA else ch
        for part in decomposed:
            if part in _DROP:
                continue
            part = _REPLACE.get(part, part)
            part = _DIGITS.get(part, part)
            for low in part.casefold() if part.isascii() else part:
                chars.append(low)
                index.append(i)
    return chars, index


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of the source character."""
    chars, index = _simple_chars(text)
    out: list[str] = []
    out_index: list[int] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch.isspace():  # runs of whitespace match one space
            if not (out and out[-1] == " "):
                out.append(" ")
                out_index.append(index[i])
            i += 1
            continue
        if (
            ch in _NASALS
            and i + 2 < len(chars)
            and chars[i + 1] == VIRAMA
            and "\u0915" <= chars[i + 2] <= "\u0939"
            and chars[i + 2] not in _KEEP_AFTER_NASAL
        ):
            out.append(ANUSVARA)
            out_index.append(index[i])
            i += 2
            continue
        out.append(ch)
        out_index.append(index[i])
        i += 1
    return "".join(out), out_index


def normalize(text: str) -> str:
    return normalize_with_map(text)[0]


def is_word_char(ch: str) -> bool:
    """Letters, combining marks (matras, virama, anusvara) and digits belong to words."""
    if not ch:
        return False
    category = unicodedata.category(ch)
    return category[0] in ("L", "M") or category == "Nd"

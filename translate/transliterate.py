"""Devanagari → Latin for names the model and the glossary do not know.

Rule-based, tuned for how English and Indian names are spelled in English news: schwa
deletion (the inherent "a" is dropped word-finally and before a consonant + vowel),
ॉ/ऑ as "o", nukta letters (ज़ z, फ़ f), a final "ी" as "i" and "ू" as "u". Used only on what
is left in Devanagari after translation, so a name is never dropped.
"""

from __future__ import annotations

import unicodedata

VIRAMA = "\u094d"
NUKTA = "\u093c"
CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "f", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h",
}
NUKTA_CONSONANTS = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "oo", "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au",
    "ऑ": "o", "ऍ": "e", "ऋ": "ri", "ॲ": "a",
}
MATRAS = {
    "\u093e": "a", "\u093f": "i", "\u0940": "i", "\u0941": "u", "\u0942": "oo", "\u0943": "ri", "\u0947": "e",
    "\u0948": "ai", "\u094b": "o", "\u094c": "au", "\u0949": "o", "\u0945": "e",
}
NASALS = {"\u0902": "n", "\u0901": "n"}
DIGITS = {chr(0x0966 + i): str(i) for i in range(10)}


def _syllables(word: str) -> list[tuple[str, str, bool]]:
    """(consonant letters, vowel, explicit) units; explicit is False for the inherent 'a'."""
    chars = unicodedata.normalize("NFD", word)
    units: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in CONSONANTS:
            latin = CONSONANTS[ch]
            if i + 1 < len(chars) and chars[i + 1] == NUKTA:
                latin = NUKTA_CONSONANTS.get(ch, latin)
                i += 1
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            if nxt == VIRAMA:
                units.append((latin, "", True))
                i += 2
                continue
            if nxt in MATRAS:
                units.append((latin, MATRAS[nxt], True))
                i += 2
                continue
            units.append((latin, "a", False))
            i += 1
            continue
        if ch in VOWELS:
            units.append(("", VOWELS[ch], True))
        elif ch in NASALS and units:
            consonant, vowel, explicit = units[-1]
            units[-1] = (consonant, vowel + "n", True)
        elif ch in DIGITS:
            units.append((DIGITS[ch], "", True))
        elif ch == NUKTA:
            pass
        else:
            units.append((ch, "", True))
        i += 1
    return units


def transliterate_word(word: str) -> str:
    units = _syllables(word)
    out = []
    for n, (consonant, vowel, explicit) in enumerate(units):
        if not explicit:
            last = n == len(units) - 1
            nxt = units[n + 1] if n + 1 < len(units) else None
            # schwa deletion: word-final, and before a consonant that carries its own vowel
            # when a vowel came before (क-म-ल → kamal, ऑ-ल्ट-मै-न → oltmain)
            if last and n > 0:
                vowel = ""
            elif nxt and nxt[0] and nxt[1] and nxt[2] and n > 0:
                vowel = ""
        if vowel == "ee" and n == len(units) - 1:
            vowel = "i"  # final ी: Mukesh Ambani, not Ambanee
        if vowel == "oo" and n == len(units) - 1:
            vowel = "u"
        out.append(consonant + vowel)
    text = "".join(out)
    if text.endswith("iya"):  # इंडिया, ऑस्ट्रेलिया
        text = text[:-3] + "ia"
    return text[:1].upper() + text[1:]


def transliterate(text: str) -> str:
    return " ".join(transliterate_word(w) for w in text.split())

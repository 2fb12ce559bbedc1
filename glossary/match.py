"""Finding glossary terms in Hindi text, whatever Hindi does to them.

Every spelling of a term (source and variants) is normalised (glossary.normalize) and
expanded with the inflected forms of its last word (plural and oblique: निवेशक →
निवेशकों, गणना → गणनाएँ/गणनाओं, कंपनी → कंपनियों). All forms go into one Aho-Corasick
automaton, so a 50,000-term glossary costs one pass over the text. A hit counts only as a
whole word (शेयर does not fire inside शेयरधारक); among overlapping hits the longest wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from glossary.cache import cached, file_key
from glossary.normalize import DROPPED, is_word_char, normalize, normalize_with_map
from glossary.schema import Glossary, Term

AA, II, SHORT_I, U, UU = "\u093e", "\u0940", "\u093f", "\u0941", "\u0942"
# Suffix sets after normalisation (candrabindu is folded into anusvara).
_PLURAL = {"ों", "ें", "एं", "ओं", "ियां", "ियों", "ुओं", "यों"}


def inflections(word: str) -> dict[str, bool]:
    """Inflected forms of one normalised word → whether the form is plural."""
    forms: dict[str, bool] = {word: False}

    def add(form: str, suffix: str) -> None:
        forms.setdefault(form, suffix in _PLURAL)

    last = word[-1:]
    if not last or not ("\u0900" <= last <= "\u097f"):
        return forms  # Latin or digits: no Hindi inflection
    if last == AA:  # लड़का → लड़के/लड़कों (masc.); गणना → गणनाएं/गणनाओं (fem.)
        stem = word[:-1]
        add(stem + "े", "े")
        add(stem + "ों", "ों")
        add(word + "एं", "एं")
        add(word + "ओं", "ओं")
    elif last in (II, SHORT_I):  # कंपनी → कंपनियां/कंपनियों; नीति → नीतियां/नीतियों
        stem = word[:-1]
        add(stem + "ियां", "ियां")
        add(stem + "ियों", "ियों")
    elif last in (U, UU):  # वस्तु → वस्तुएं/वस्तुओं
        stem = word[:-1]
        add(word + "एं", "एं")
        add(stem + "ुओं", "ुओं")
    elif "\u0915" <= last <= "\u0939":  # consonant: निवेशक → निवेशकों, दर → दरें/दरों
        add(word + "ों", "ों")
        add(word + "ें", "ें")
    elif "\u0904" <= last <= "\u0914":  # an independent vowel ends acronyms: आईपीओ → आईपीओज़
        add(word + "ज", "ों")  # the nukta of ज़ is normalised away
        add(word + "यों", "यों")
    return forms


@dataclass
class Match:
    start: int  # offsets in the original text
    end: int
    surface: str  # the text as found
    term: Term
    plural: bool


class Matcher:
    """All terms of a glossary in one automaton."""

    @classmethod
    def for_glossary(cls, glossary: Glossary) -> Matcher:
        """The matcher, from the cache when the glossary came unchanged from the same files."""
        key = file_key(glossary.files) if glossary.files else None
        return cached("matchers", key, lambda: cls(glossary))

    def __init__(self, glossary: Glossary):
        self.terms = glossary.terms
        self.automaton = ahocorasick.Automaton()
        for index, term in enumerate(glossary.terms):
            for spelling in term.spellings():
                base = normalize(spelling).strip()
                if not base:
                    continue
                head, _, last = base.rpartition(" ")
                prefix = head + " " if head else ""
                for form, plural in inflections(last).items():
                    key = prefix + form
                    existing = self.automaton.get(key, None)
                    # An exact spelling beats another term's inflected form.
                    if existing is None or (form == last and existing[2]):
                        self.automaton.add_word(key, (index, len(key), form != last, plural))
        if len(self.automaton):
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Whole-word, longest-first, non-overlapping matches in text order."""
        if not len(self.automaton) or not text:
            return []
        norm, index = normalize_with_map(text)
        candidates = []
        for end, (term_index, length, _inflected, plural) in self.automaton.iter(norm):
            start = end - length + 1
            before = norm[start - 1] if start > 0 else ""
            after = norm[end + 1] if end + 1 < len(norm) else ""
            if is_word_char(before) or is_word_char(after):
                continue
            candidates.append((start, end + 1, term_index, plural))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        chosen = []
        for start, end, term_index, plural in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            chosen.append((start, end, term_index, plural))
        chosen.sort()
        matches = []
        for start, end, term_index, plural in chosen:
            o_start = index[start]
            o_end = index[end - 1] + 1
            while o_end < len(text) and text[o_end] in DROPPED:
                o_end += 1  # a trailing nukta or joiner that normalisation dropped belongs to the word
            matches.append(Match(o_start, o_end, text[o_start:o_end], self.terms[term_index], plural))
        return matches

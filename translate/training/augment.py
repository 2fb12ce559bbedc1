"""Glossary-aware code-switching: teach the model to copy English terms found inside Hindi.

At translation time hien puts each glossary target (and each protected figure) into the
Hindi source in English. Here a share of training pairs gets the same treatment: where a
glossary term or an entity of the Hindi side has its English rendering in the reference,
the Hindi span is replaced by that English, exactly as the reference writes it.
"""

from __future__ import annotations

import random
from pathlib import Path

from glossary.enforce import term_constraint
from glossary.load import load_glossaries
from glossary.match import Matcher
from translate.protect import find_entities
from translate.training.data import ParallelSet


def code_switch_pair(hi: str, en: str, matcher: Matcher) -> str | None:
    """The Hindi with every verifiable term/entity in English, or None if nothing applies."""
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    constraints = [c for c in find_entities(hi) if c.kind != "acronym"]
    constraints += [term_constraint(m) for m in matcher.find(hi)]
    constraints += [c for c in find_entities(hi) if c.kind == "acronym"]
    for c in constraints:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        found = c.find(en)
        if not found:
            continue
        taken.append((c.start, c.end))
        spans.append((c.start, c.end, en[found[0] : found[1]]))
    if not spans:
        return None
    out, pos = [], 0
    for start, end, english in sorted(spans):
        out.append(hi[pos:start])
        out.append(english)
        pos = end
    out.append(hi[pos:])
    return "".join(out)


def code_switched_set(sets: list[ParallelSet], glossary_paths: list[Path], share: float, seed: int) -> ParallelSet:
    """A new set holding code-switched copies of `share` of the sentence pairs."""
    matcher = Matcher(load_glossaries(glossary_paths))
    rng = random.Random(seed)
    pairs = []
    for item in sets:
        if item.kind != "sentences":
            continue
        for hi, en in item.pairs:
            if rng.random() < share:
                switched = code_switch_pair(hi, en, matcher)
                if switched and switched != hi:
                    pairs.append((switched, en))
    return ParallelSet("code-switched copies (glossary terms and entities in English)", pairs, 1.0,
                       "derived from the sets above", stats={"raw": len(pairs), "kept": len(pairs)})

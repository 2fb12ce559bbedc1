"""What enforcing a term means on the English side.

A matched term becomes a constraint: its English rendering goes inline into the source
(plural when the Hindi was plural and the target is a countable lowercase noun), and the
translation must contain it. The check accepts the English plural (investor →
investors) and a capital first letter at the start of a sentence, and nothing else.
"""

from __future__ import annotations

import re

from glossary.match import Match
from glossary.schema import Term
from translate.protect import Constraint

# Lowercase targets that do not take a plural although the Hindi may (गणनाओं → compute).
UNCOUNTABLE = {
    "compute", "data", "infrastructure", "software", "hardware", "inflation", "revenue", "equity", "capital",
    "debt", "liquidity", "research", "information", "money", "funding", "cash", "gold", "silver", "crude",
    "oil", "power", "electricity", "insurance", "news", "evidence", "advice", "machinery", "bandwidth",
    "storage", "security", "traffic", "growth", "demand", "supply", "inventory", "credit", "income",
}


def pluralize(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def countable(target: str) -> bool:
    last = target.split()[-1]
    return last.isalpha() and last.islower() and last not in UNCOUNTABLE and not last.endswith(("ing", "ics"))


def _word_regex(word: str, plural: bool, sentence_case: bool) -> str:
    first, rest = word[0], word[1:]
    head = f"[{re.escape(first)}{re.escape(first.upper())}]" if sentence_case and first.islower() else re.escape(first)
    if not plural:
        return head + re.escape(rest)
    if re.search(r"[^aeiou]y$", word):  # company → companies
        return head + f"(?:{re.escape(rest)}|{re.escape(rest[:-1])}ies)"
    return head + re.escape(rest) + "(?:s|es)?"


def target_pattern(term: Term) -> re.Pattern:
    """Find the target in English text: whole words, optional plural, sentence-case allowed."""
    words = term.target.split()
    last = words[-1]
    plural = countable(term.target) or (last.isupper() and last.isalpha() and len(last) >= 2)  # GPUs, IPOs
    parts = [
        _word_regex(w, plural and n == len(words) - 1, sentence_case=(n == 0))
        for n, w in enumerate(words)
    ]
    body = r"[\s-]+".join(parts)  # "open source" and "open-source" are one term
    flags = 0 if term.case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w])", flags)


def avoid_pattern(term: Term) -> re.Pattern | None:
    if not term.avoid:
        return None
    alternatives = "|".join(re.escape(a) for a in sorted(term.avoid, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.IGNORECASE)


def term_constraint(match: Match) -> Constraint:
    term = match.term
    inline = pluralize(term.target) if match.plural and countable(term.target) else term.target
    return Constraint(
        kind="term",
        start=match.start,
        end=match.end,
        source=match.surface,
        model_text=inline,
        output_text=inline,
        pattern=target_pattern(term),
        avoid=list(term.avoid),
        entry=term.source,
        target=term.target,
    )

"""Sentence splitting for Hindi and English, and the line prefix (list markers) around it.

A line is split into sentences so the model sees what it was trained on; the translations
are joined back so that one input line gives one output line.
"""

from __future__ import annotations

import re

# Abbreviations that end with a full stop without ending a sentence (compared lower-cased,
# without the final stop).
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "co", "corp", "pvt", "no", "nos", "rs", "fig", "approx", "govt", "dept", "est", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m",
    "डॉ", "श्री", "श्रीमती", "सु", "प्रो", "कु", "रु", "सं", "ई", "पू",
}

# A terminator, then optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"([।॥?!]+|\.)([\"'”’»)\]]*)(\s+)")
_LIST_MARKER = re.compile(r"^(\s*(?:[-–—•*▪●]|\(?\d{1,3}[.)]|[a-zA-Z][.)])\s+)(?=\S)")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]$")


def split_prefix(line: str) -> tuple[str, str]:
    """Separate a leading list marker ("- ", "• ", "1. ") that should pass through as-is."""
    match = _LIST_MARKER.match(line)
    if match:
        return match.group(1), line[match.end(1) :]
    stripped = line.lstrip()
    return line[: len(line) - len(stripped)], stripped


def _is_false_stop(text: str, dot_index: int) -> bool:
    """True when the full stop at dot_index belongs to an abbreviation or an initial."""
    before = text[:dot_index]
    word = re.split(r"\s", before)[-1] if before else ""
    if word.lower().rstrip(".") in ABBREVIATIONS:
        return True
    if _INITIAL.search(before):  # "A. P. J. Abdul Kalam"
        return True
    return False


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences (Hindi or English); whitespace between is dropped.

    Decimals (1.4), versions (v2.0.1), URLs and e-mails never split because no space
    follows their dots.
    """
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        if match.group(1) == "." and _is_false_stop(text, match.start(1)):
            continue
        nxt = text[match.end() : match.end() + 1]
        if match.group(1) == "." and nxt and nxt.islower() and nxt.isascii():
            continue  # "approx. 5 lakh" style continuations
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


MAX_WORDS = 70  # the model is trained on sentences of up to ~150 tokens


def cap_length(sentence: str, max_words: int = MAX_WORDS) -> list[str]:
    """Cut an over-long sentence into pieces the model handles: at clause punctuation where
    possible (, ; : – and Hindi conjunctions after a comma), else between words."""
    words = sentence.split()
    if len(words) <= max_words:
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    for word in words:
        current.append(word)
        at_clause = word.endswith((",", ";", ":", "–", "—")) and len(current) >= max_words // 2
        if at_clause or len(current) >= max_words:
            pieces.append(" ".join(current))
            current = []
    if current:
        pieces.append(" ".join(current))
    return pieces

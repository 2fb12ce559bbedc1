"""Entities the model must not mangle: found in the source, with the exact English they must become.

Each entity is a `Constraint`: a span of the sentence, the text the model sees in its place
(the English form, which a model copies far more reliably than it translates), and the
text that must appear in the output. The pipeline verifies every constraint after
translation and repairs what is missing (translate.enforce).

Figures follow one documented policy (README, "Numbers"): Devanagari digits become ASCII;
`38 बिलियन डॉलर` → `$38 billion`; rupee amounts keep lakh/crore (`2 करोड़ रुपये` → `₹2 crore`)
unless `numbers="international"` (`₹20 million`); other currencies and plain counts in
lakh/crore are always converted (`50 करोड़ डॉलर` → `$500 million`, `20 करोड़ ग्राहक` → `200
million` customers), as English news writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from glossary.normalize import normalize

DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


@dataclass
class Constraint:
    kind: str  # term | url | email | code | path | handle | version | time | date | percent | number | money | acronym | latin
    start: int
    end: int
    source: str
    model_text: str  # replaces the span in the model's input
    output_text: str  # must appear in the translation
    pattern: re.Pattern | None = None  # how to find it in the output (default: output_text literally)
    avoid: list[str] = field(default_factory=list)
    entry: str = ""  # glossary lemma for terms
    target: str = ""  # glossary target for terms

    def find(self, text: str, start: int = 0) -> tuple[int, int] | None:
        pattern = self.pattern or re.compile(re.escape(self.output_text))
        match = pattern.search(text, start)
        return match.span() if match else None


# -- numbers ----------------------------------------------------------------------------

_NUM = r"[0-9०-९]+(?:[,][0-9०-९]{2,3})*(?:\.[0-9०-९]+)?"
_SCALE_WORDS = {
    "हज़ार": ("thousand", Decimal(10) ** 3),
    "लाख": ("lakh", Decimal(10) ** 5),
    "करोड़": ("crore", Decimal(10) ** 7),
    "लाख करोड़": ("lakh crore", Decimal(10) ** 12),
    "हज़ार करोड़": ("thousand crore", Decimal(10) ** 10),
    "अरब": ("billion", Decimal(10) ** 9),
    "खरब": ("hundred billion", Decimal(10) ** 11),
    "मिलियन": ("million", Decimal(10) ** 6),
    "बिलियन": ("billion", Decimal(10) ** 9),
    "ट्रिलियन": ("trillion", Decimal(10) ** 12),
}
_SCALE_BY_KEY = {normalize(word): value for word, value in _SCALE_WORDS.items()}
_INDIAN_SCALES = {"lakh", "crore", "lakh crore", "thousand crore"}
_CURRENCY_WORDS = {
    "रुपये": "₹", "रुपए": "₹", "रुपया": "₹", "रुपयों": "₹", "रु.": "₹", "रु": "₹",
    "डॉलर": "$", "डालर": "$", "अमेरिकी डॉलर": "$", "यूएस डॉलर": "$",
    "यूरो": "€", "पाउंड": "£", "येन": "¥",
}
_CURRENCY_BY_KEY = {normalize(word): sign for word, sign in _CURRENCY_WORDS.items()}
_CURRENCY_SIGNS = {"₹": "₹", "$": "$", "€": "€", "£": "£", "Rs.": "Rs.", "Rs": "Rs", "US$": "US$", "रु.": "₹"}
_PERCENT_WORDS = ("प्रतिशत", "फीसदी", "फ़ीसदी", "फीसद", "फ़ीसद", "परसेंट", "%")


def _alternation(words) -> str:
    # Match on the raw text: allow the nukta and chandra marks that normalisation would drop.
    def loose(word: str) -> str:
        out = []
        for ch in word:
            if ch == "\u093c":
                continue
            if ch == " ":
                out.append(r"\s+")
                continue
            out.append("[\u0949\u093e]" if ch in "\u0949\u093e" else re.escape(ch))
            if "\u0900" <= ch <= "\u097f":
                out.append("[\u093c\u0945]?")
        return "".join(out)

    return "|".join(loose(w) for w in sorted(words, key=len, reverse=True))


_SCALE_RE = _alternation(_SCALE_WORDS)
_CURRENCY_WORD_RE = _alternation(_CURRENCY_WORDS)
_MONEY = re.compile(
    rf"(?P<sign>US\$|Rs\.?|रु\.|[₹$€£])?\s?(?P<num>{_NUM})(?:\s*(?P<scale>{_SCALE_RE}))?"
    rf"(?:\s+(?P<cur>{_CURRENCY_WORD_RE}))?(?![\w\u0900-\u097f])"
)
_PERCENT = re.compile(rf"(?P<num>-?{_NUM})\s*(?:%|(?:{_alternation(_PERCENT_WORDS[:-1])})(?![\u0900-\u097f]))")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.translate(DEVANAGARI_DIGITS).replace(",", ""))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    """1.40 → 1.4, 20.0 → 20, 1500 → 1,500 (international grouping for converted figures)."""
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}"
    return whole + ("." + frac.rstrip("0") if frac.rstrip("0") else "")


def _international(value: Decimal) -> str:
    for name, size in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
        if value >= size:
            return f"{_plain(value / size)} {name}"
    return _plain(value)


def money_or_number(match: re.Match, numbers: str) -> tuple[str, str] | None:
    """(kind, English) for a figure with optional sign, scale word and currency word."""
    sign = match.group("sign")
    num_text = match.group("num").translate(DEVANAGARI_DIGITS)
    scale_raw = match.group("scale")
    cur_raw = match.group("cur")
    scale = _SCALE_BY_KEY.get(normalize(scale_raw)) if scale_raw else None
    symbol = _CURRENCY_SIGNS.get(sign or "") or (_CURRENCY_BY_KEY.get(normalize(cur_raw)) if cur_raw else None)
    if symbol is None and scale is None:
        return ("number", num_text) if any(c in match.group("num") for c in "०१२३४५६७८९") else None
    if scale is None:
        if sign and not cur_raw and sign != "रु.":  # "Rs. 500", "$38": exactly as written
            return "money", match.group().strip().translate(DEVANAGARI_DIGITS)
        return "money", f"{symbol}{num_text}"
    name, size = scale
    value = _decimal(num_text)
    rupees = symbol in ("₹", "Rs.", "Rs")
    keep_indian = name in _INDIAN_SCALES and rupees and numbers == "indian"
    if (name == "thousand" or (name in _INDIAN_SCALES and not keep_indian)) and value is not None:
        amount = _international(value * size)
    else:
        amount = f"{num_text} {name}"
    if symbol is None:
        return "number", amount
    return "money", f"{symbol}{amount}"


# -- acronyms spelled with Devanagari letter names --------------------------------------

LETTER_NAMES = {
    "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "जी": "G", "एच": "H", "आई": "I",
    "जे": "J", "के": "K", "एल": "L", "एम": "M", "एन": "N", "ओ": "O", "पी": "P", "क्यू": "Q", "आर": "R",
    "एस": "S", "टी": "T", "यू": "U", "वी": "V", "डब्ल्यू": "W", "डबल्यू": "W", "एक्स": "X", "वाई": "Y",
    "जेड": "Z", "जैड": "Z",
}
# Hindi words that happen to parse as letter names.
NOT_ACRONYMS = {"बीबी", "जीजी", "एके", "केके", "आईए", "एसी"}  # एसी is also "such" (ऐसी is usual)
_NAMES_BY_LENGTH = sorted(LETTER_NAMES, key=len, reverse=True)


def decode_letter_names(word: str) -> str | None:
    """एडब्ल्यूएस → AWS, जीबी200 → GB200; None unless the whole word is ≥ 2 letter names (+ digits)."""
    core = normalize(word)
    digits = ""
    m = re.search(r"[-]?[0-9]+$", core)
    if m:
        digits = m.group().lstrip("-")
        core = core[: m.start()]
    if core in NOT_ACRONYMS:
        return None

    def parse(rest: str) -> list[str] | None:
        if not rest:
            return []
        for name in _NAMES_BY_LENGTH:
            if rest.startswith(name):
                tail = parse(rest[len(name):])
                if tail is not None:
                    return [LETTER_NAMES[name], *tail]
        return None

    letters = parse(core)
    if not letters or len(letters) < 2:
        return None
    return "".join(letters) + digits


# -- the other entities -----------------------------------------------------------------

_SIMPLE = [
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]।]")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", re.ASCII)),
    ("code", re.compile(r"`[^`\n]+`")),
    ("path", re.compile(r"(?<![\w/])(?:~|[A-Za-z]:)?(?:/[\w.-]+){2,}/?|\b[A-Za-z]:\\[\w.\\ -]+")),
    ("handle", re.compile(r"(?<![\w@])[@#][\w\u0900-\u097f]+")),
    ("version", re.compile(r"\b[vV]\d+(?:\.\d+){1,3}\b|\b\d+\.\d+\.\d+(?:\.\d+)?\b")),
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b")),
    ("time", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")),
    ("number", re.compile(r"(?<![\w.])\d{1,3}(?:,\d{2,3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+\.\d+(?![\w.])")),
]
_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097f\u200c\u200d]+[0-9०-९]*")
# Latin-script names, acronyms and terms inside Hindi text (AWS, Microsoft, Google Cloud, Q2).
_LATIN_RUN = re.compile(r"(?<![\w@#/.])[A-Za-z][A-Za-z0-9&'’+.]*(?:-[A-Za-z0-9]+)*(?:\s+[A-Z][a-z][A-Za-z&'’.]*)*(?<![.])")


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def find_entities(sentence: str, numbers: str = "indian") -> list[Constraint]:
    """All protected entities in a sentence, earliest and longest first, never overlapping."""
    found: list[Constraint] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, output: str) -> None:
        if end > start and not _overlaps(start, end, taken):
            taken.append((start, end))
            found.append(Constraint(kind, start, end, sentence[start:end], output, output))

    for kind, pattern in _SIMPLE[:6]:  # opaque things first: their digits are not figures
        for m in pattern.finditer(sentence):
            add(kind, m.start(), m.end(), m.group())
    for m in _PERCENT.finditer(sentence):
        add("percent", m.start(), m.end(), m.group("num").translate(DEVANAGARI_DIGITS) + "%")
    for m in _MONEY.finditer(sentence):
        if _overlaps(m.start(), m.end(), taken):
            continue
        result = money_or_number(m, numbers)
        if result:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            add(result[0], start, m.end(), result[1])
    for kind, pattern in _SIMPLE[6:]:
        for m in pattern.finditer(sentence):
            add(kind, m.start(), m.end(), m.group().translate(DEVANAGARI_DIGITS))
    for m in _WORD.finditer(sentence):
        decoded = decode_letter_names(m.group())
        if decoded:
            add("acronym", m.start(), m.end(), decoded)
    if re.search("[\u0900-\u097f]", sentence):  # Latin inside Hindi passes through as written
        for m in _LATIN_RUN.finditer(sentence):
            add("latin", m.start(), m.end(), m.group())
    found.sort(key=lambda c: c.start)
    return found

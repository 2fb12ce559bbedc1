"""Variety, coverage and mechanical checks of the in-house training corpus (corpus/train/).

    python -m translate.training.corpus_report corpus/train [--dedupe]

Prints Markdown: sizes per topic and sentence type, distinct Hindi word types, length
spread, n-gram repetition across pairs, near-duplicates, the phenomena the glossary and
entity layers face, and pairs whose figures disagree between the two sides. `--dedupe`
removes exact and near-duplicate pairs in place (the later copy goes).
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from glossary.load import load_glossaries
from glossary.match import Matcher
from translate.protect import DEVANAGARI_DIGITS, find_entities

WORD = re.compile(r"[\u0900-\u0963\u0966-\u097f]+|[A-Za-z]+|\d+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NEAR_DUPLICATE = 0.7  # Jaccard similarity of word 3-gram sets


def read(folder: Path) -> list[tuple[str, int, str, str, str]]:
    rows = []
    for path in sorted(folder.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            parts = line.split("\t")
            if len(parts) == 3:
                rows.append((path.stem, n, *parts))
    return rows


def shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}


def near_duplicates(rows) -> list[tuple[int, int, float]]:
    """Pairs of rows whose Hindi shares ≥ 70% of word 3-grams (candidates via a shingle index)."""
    sets = [shingles(r[2]) for r in rows]
    index: dict[tuple, list[int]] = defaultdict(list)
    found = []
    for i, s in enumerate(sets):
        candidates = Counter(j for sh in s for j in index[sh])
        for j, shared in candidates.items():
            union = len(s | sets[j])
            if union and shared / union >= NEAR_DUPLICATE:
                found.append((j, i, shared / union))
        for sh in s:
            index[sh].append(i)
    return found


SPELLED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
           "eighteen": 18, "nineteen": 19, "noon": 12, "midnight": 12, "half": 50, "double": 2, "twice": 2,
           "fivefold": 5, "tenfold": 10, "threefold": 3, "fourfold": 4, "twofold": 2, "round-the-clock": 24}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def spelled_numbers(text: str) -> set[int]:
    """Numbers written as words: seventeen, ninety-eight, fivefold, round-the-clock (24)."""
    found = set()
    for word in re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()):
        if word in SPELLED:
            found.add(SPELLED[word])
        parts = word.split("-")
        if parts[0] in TENS:
            found.add(TENS[parts[0]] + (SPELLED.get(parts[1], 0) if len(parts) > 1 else 0))
    return found


def figures_agree(hi: str, en: str) -> bool:
    """Every figure of the Hindi appears in the English: as digits, inside its converted
    form (12.3 करोड़ डॉलर → $123 million), or spelled out (17 → seventeen)."""
    english = en.replace(",", "").replace("-", " ")
    spelled = spelled_numbers(en)
    covered: list[tuple[int, int]] = []
    for c in find_entities(hi):
        if c.output_text.replace(",", "").replace("-", " ") in english:
            covered.append((c.start, c.end))
    text = hi.translate(DEVANAGARI_DIGITS)
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        plain = m.group().replace(",", "")
        if plain in english or (plain.isdigit() and int(plain) in spelled):
            continue
        return False
    return True


PHENOMENA = {
    "plural/oblique term forms": lambda hi, m: any(x.plural for x in m),
    "multiword terms": lambda hi, m: any(" " in x.term.source for x in m),
    "nukta spellings (ज़ फ़ ड़ …)": lambda hi, m: "\u093c" in hi or any("\u0958" <= c <= "\u095f" for c in hi),
    "candrabindu (ँ)": lambda hi, m: "\u0901" in hi,
    "lakh/crore figures": lambda hi, m: bool(re.search(r"लाख|करोड़|करोड", hi)),
    "million/billion/trillion figures": lambda hi, m: bool(re.search(r"मिलियन|बिलियन|ट्रिलियन|अरब", hi)),
    "percentages": lambda hi, m: bool(re.search(r"%|प्रतिशत|फ़?ीसदी|फीसद", hi)),
    "Devanagari digits": lambda hi, m: bool(re.search(r"[०-९]", hi)),
    "acronyms in Devanagari letters": lambda hi, m: any(c.kind == "acronym" for c in find_entities(hi)),
    "Latin script inside the Hindi": lambda hi, m: bool(re.search(r"[A-Za-z]{2,}", hi)),
    "URLs, e-mails, handles": lambda hi, m: any(c.kind in ("url", "email", "handle") for c in find_entities(hi)),
    "company/person names (termbase)": lambda hi, m: any(x.term.domain in ("company", "person") for x in m),
}


def report(folder: Path) -> str:
    rows = read(folder)
    matcher = Matcher(load_glossaries([]))
    out = [f"## Size\n\n{len(rows)} pairs in {len({r[0] for r in rows})} topic files.\n"]
    topics = Counter(r[0] for r in rows)
    types = Counter(r[4] for r in rows)
    out.append("| topic | pairs |\n|---|---:|\n" + "\n".join(f"| {t} | {n} |" for t, n in sorted(topics.items())) + "\n")
    out.append("| sentence type | pairs |\n|---|---:|\n" + "\n".join(f"| {t} | {n} |" for t, n in types.most_common()) + "\n")
    lengths = [len(r[2].split()) for r in rows]
    words = Counter(w for r in rows for w in WORD.findall(r[2]) if not w.isascii())
    quartiles = statistics.quantiles(lengths, n=4)
    fourgrams = Counter()
    for r in rows:
        ws = WORD.findall(r[2])
        fourgrams.update({tuple(ws[i : i + 4]) for i in range(len(ws) - 3)})
    repeated = sum(1 for g, c in fourgrams.items() if c > 1)
    total_grams = len(fourgrams)
    out.append(
        "## Variety\n\n"
        f"- distinct Hindi word types: {len(words)} (in {sum(words.values())} Hindi word tokens)\n"
        f"- Hindi length in words: mean {statistics.mean(lengths):.1f}, standard deviation {statistics.pstdev(lengths):.1f}, "
        f"quartiles {quartiles[0]:.0f} / {quartiles[1]:.0f} / {quartiles[2]:.0f}, min {min(lengths)}, max {max(lengths)}\n"
        f"- n-gram repetition: {repeated / total_grams:.1%} of distinct Hindi word 4-grams occur in more than one pair\n"
        f"- exact duplicate Hindi sentences: {len(rows) - len({r[2] for r in rows})}\n"
        f"- near-duplicates (Jaccard ≥ {NEAR_DUPLICATE} on word 3-grams): {len(near_duplicates(rows))}\n"
    )
    counts = Counter()
    term_use = Counter()
    for r in rows:
        matches = matcher.find(r[2])
        term_use.update(x.term.source for x in matches)
        for name, test in PHENOMENA.items():
            counts[name] += bool(test(r[2], matches))
    out.append("## Phenomena (pairs containing each)\n\n| phenomenon | pairs |\n|---|---:|\n"
               + "\n".join(f"| {name} | {counts[name]} |" for name in PHENOMENA) + "\n")
    out.append(f"Default termbase entries used at least once: {len(term_use)} of {len(matcher.terms)}; "
               f"term occurrences: {sum(term_use.values())}.\n")
    bad = [r for r in rows if not figures_agree(r[2], r[3])]
    out.append(f"## Mechanical checks\n\nPairs whose Hindi figures are not all found in the English: {len(bad)}\n")
    for r in bad[:15]:
        out.append(f"- {r[0]}.tsv:{r[1]}: {r[2]} ‖ {r[3]}")
    return "\n".join(out) + "\n"


def dedupe(folder: Path) -> int:
    rows = read(folder)
    drop = {i for _, i, _ in near_duplicates(rows)}
    seen: set[str] = set()
    for i, r in enumerate(rows):
        if r[2] in seen:
            drop.add(i)
        seen.add(r[2])
    keep: dict[str, list[str]] = defaultdict(list)
    for i, r in enumerate(rows):
        if i not in drop:
            keep[r[0]].append("\t".join(r[2:]))
    for topic, lines in keep.items():
        (folder / f"{topic}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(drop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("corpus/train"))
    parser.add_argument("--dedupe", action="store_true")
    args = parser.parse_args()
    if args.dedupe:
        print(f"removed {dedupe(args.folder)} duplicate or near-duplicate pairs")
    print(report(args.folder))


if __name__ == "__main__":
    main()

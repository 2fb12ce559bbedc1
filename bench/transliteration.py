"""Accuracy of the Devanagari→Latin fallback for unknown names (translate/transliterate.py).

Pairs: person names of the default termbase (used while writing the rules: the dev set) and,
held out, CLDR territory names from ../shared/data plus the termbase's company names
(words that are transliterations, not translations, of each other). Prints exact-match
accuracy (case-insensitive) and mean character similarity.

    python -m bench.transliteration [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
from pathlib import Path

from glossary.load import load_glossaries
from translate.transliterate import transliterate

LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


def glossary_pairs(domain: str) -> list[tuple[str, str]]:
    pairs = []
    for term in load_glossaries([]).terms:
        if term.domain == domain and LATIN_NAME.match(term.target) and len(term.source.split()) == len(term.target.split()):
            pairs.append((term.source, term.target))
    return pairs


def cldr_pairs(data: Path) -> list[tuple[str, str]]:
    pairs = []
    with (data / "glossary_cldr_babel_hi" / "cldr-hi-en.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            hi, en = row["hindi"], row["english"]
            if row["category"] == "territories" and LATIN_NAME.match(en) and len(hi.split()) == len(en.split()) == 1:
                pairs.append((hi, en))
    return pairs


def evaluate(name: str, pairs: list[tuple[str, str]], convert=transliterate, show: int = 8) -> None:
    exact = 0
    similarity = 0.0
    misses = []
    for hi, en in pairs:
        out = convert(hi)
        exact += out.lower() == en.lower()
        similarity += difflib.SequenceMatcher(None, out.lower(), en.lower()).ratio()
        if out.lower() != en.lower():
            misses.append(f"{hi} → {out} (want {en})")
    n = len(pairs)
    print(f"{name}: {n} pairs, exact {exact / n:.3f}, mean character similarity {similarity / n:.3f}")
    for miss in misses[:show]:
        print("   ", miss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--model", type=Path, default=Path("translate/bundled/hi_en"),
                        help="also measure the pipeline's fallback: the model first, then the rules")
    args = parser.parse_args()
    sets = [("dev: termbase person names", glossary_pairs("person")),
            ("held out: termbase company names", glossary_pairs("company")),
            ("CLDR territory names", cldr_pairs(args.data))]
    print("rules only (translate/transliterate.py):")
    for name, pairs in sets:
        evaluate(name, pairs, show=4)
    from translate.enforce import romanize
    from translate.engine import Engine

    engine = Engine(args.model)
    print(f"model first, then rules (the pipeline's fallback; model {args.model}; CLDR names were in its training data):")
    for name, pairs in sets:
        names = romanize(engine, [hi for hi, _ in pairs])
        evaluate(name, pairs, convert=names.__getitem__, show=4)


if __name__ == "__main__":
    main()

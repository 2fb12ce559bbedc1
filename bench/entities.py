"""Entity sentences (tests/data/entities.tsv) exact before and after protection.

"Before": the model alone (hien's engine, no protection, no glossary). "After": the full
pipeline (protection + default glossary). A sentence counts as exact when every expected
string is in the output and no Devanagari is left.

    python -m bench.entities [--model PATH]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.common import BUNDLED, ROOT
from translate.enforce import build_processor
from translate.engine import Engine
from translate.pipeline import PlainProcessor, Translator


def exact(out: str, expected: str) -> bool:
    return all(piece in out for piece in expected.split("|")) and not any("\u0900" <= ch <= "\u097f" for ch in out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=BUNDLED)
    args = parser.parse_args()
    rows = [line.split("\t") for line in (ROOT / "tests" / "data" / "entities.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    engine = Engine(args.model)
    before = Translator(engine, PlainProcessor()).translate_lines([hi for hi, _ in rows])
    after = Translator(engine, build_processor(engine, [])).translate_lines([hi for hi, _ in rows])
    n_before = sum(exact(r.translation, e) for r, (_, e) in zip(before, rows))
    n_after = sum(exact(r.translation, e) for r, (_, e) in zip(after, rows))
    print(f"{len(rows)} entity sentences, exact: before {n_before}, after {n_after}")
    for (hi, expected), a in zip(rows, after):
        if not exact(a.translation, expected):
            print(f"  still wrong: {hi} → {a.translation}  (want {expected})")


if __name__ == "__main__":
    main()

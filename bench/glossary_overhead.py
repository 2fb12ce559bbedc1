"""Glossary cost on a 50,000-term termbase: load time, automaton build, matching MB/s.

The big termbase is the default one plus Hindi→English pairs of the shared FreeDict and
software catalogues, written to YAML first (so loading is measured on a real file).

    python -m bench.glossary_overhead [--terms 50000]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import yaml

from bench.common import DATA, ROOT, machine
from glossary.load import load_file, load_glossaries
from glossary.match import Matcher
from glossary.normalize import normalize


def big_termbase(size: int) -> list[dict]:
    default = load_glossaries([]).terms
    terms = {normalize(t.source): t.to_yaml_dict() for t in default}
    taken = {normalize(v) for t in default for v in t.variants}
    sources = [
        (DATA / "glossary_freedict_eng_hin" / "freedict-eng-hin.pairs.tsv", "hindi", "english"),
        (DATA / "software_ui_strings_hi" / "debian12-mo-hi.tsv", "hindi", "english"),
        (DATA / "glossary_erpnext_frappe_hi" / "erpnext-hi.tsv", "hindi", "english"),
        (DATA / "software_ui_strings_hi" / "libreoffice-7.4-hi.tsv", "hindi", "english"),
        (DATA / "glossary_erpnext_frappe_hi" / "frappe-hi.tsv", "hindi", "english"),
        (DATA / "glossary_cldr_babel_hi" / "cldr-hi-en.tsv", "hindi", "english"),
    ]
    for path, hi_col, en_col in sources:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                hi, en = (row[hi_col] or "").strip(), (row[en_col] or "").strip()
                if hi and en and len(hi.split()) <= 6 and normalize(hi) not in taken:
                    terms.setdefault(normalize(hi), {"source": hi, "target": en})
                if len(terms) >= size:
                    return list(terms.values())
    return list(terms.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=50000)
    args = parser.parse_args()
    terms = big_termbase(args.terms)
    path = Path(tempfile.mkdtemp()) / "big.yaml"
    path.write_text(yaml.safe_dump({"name": "big", "terms": terms}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = "\n".join(line.split("\t")[0] for f in sorted((ROOT / "corpus" / "train").glob("*.tsv"))
                     for line in f.read_text(encoding="utf-8").splitlines())
    megabytes = len(text.encode("utf-8")) / 1e6
    start = time.perf_counter()
    glossary = load_file(path)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    load_file(path)
    cached_s = time.perf_counter() - start
    start = time.perf_counter()
    matcher = Matcher(glossary)
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(len(matcher.find(line)) for line in text.split("\n"))
    match_s = time.perf_counter() - start
    default = load_glossaries([])
    start = time.perf_counter()
    small = Matcher(default)
    small_found = sum(len(small.find(line)) for line in text.split("\n"))
    small_s = time.perf_counter() - start
    print(f"machine: {machine()}")
    print(f"termbase: {len(glossary.terms)} terms, {path.stat().st_size / 1e6:.1f} MB of YAML")
    print(f"  load + validate        {load_s:7.2f} s (first time); {cached_s:.2f} s from the parse cache")
    print(f"  build automaton        {build_s:7.2f} s")
    print(f"  match {megabytes:.1f} MB of Hindi  {match_s:7.2f} s = {megabytes / match_s:.2f} MB/s ({found} matches)")
    print(f"default termbase ({len(default.terms)} terms): build + match {small_s:.2f} s = {megabytes / small_s:.2f} MB/s"
          f" ({small_found} matches)")


if __name__ == "__main__":
    main()

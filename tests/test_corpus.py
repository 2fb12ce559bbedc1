"""The project's own texts: alignment and mechanical checks (issue #7 and #10)."""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DEVANAGARI = re.compile(r"[\u0900-\u097f]")
DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text), f"{path} is not NFC"
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def test_seed_reference_is_line_aligned():
    hi = lines(CORPUS / "seed" / "openai-aws.hi.txt")
    en = lines(CORPUS / "seed" / "openai-aws.en.txt")
    assert len(hi) == len(en)
    for n, (h, e) in enumerate(zip(hi, en), start=1):
        assert bool(h.strip()) == bool(e.strip()), f"line {n}: empty on one side only"
        assert not DEVANAGARI.search(e), f"line {n}: Devanagari in the reference"


@pytest.mark.parametrize("split, minimum", [("dev", 100), ("test", 100)])
def test_techfin_sets(split, minimum):
    rows = [line.split("\t") for line in lines(CORPUS / "techfin" / f"{split}.tsv")]
    assert len(rows) >= minimum
    for n, row in enumerate(rows, start=1):
        assert len(row) == 3 and all(c.strip() for c in row), f"{split}.tsv:{n}: three non-empty columns"
        hi, en, _ = row
        assert DEVANAGARI.search(hi) and not DEVANAGARI.search(en), f"{split}.tsv:{n}: scripts"


def test_techfin_dev_and_test_are_disjoint_and_big_enough():
    dev = {line.split("\t")[0] for line in lines(CORPUS / "techfin" / "dev.tsv")}
    test = {line.split("\t")[0] for line in lines(CORPUS / "techfin" / "test.tsv")}
    assert not dev & test
    assert len(dev) + len(test) >= 300


def train_rows():
    for path in sorted((CORPUS / "train").glob("*.tsv")):
        for n, line in enumerate(lines(path), start=1):
            yield path.name, n, line.split("\t")


def test_training_corpus_mechanics():
    types = {"headline", "lead", "quote", "figures", "explanation", "background"}
    count = 0
    for name, n, row in train_rows():
        count += 1
        where = f"{name}:{n}"
        assert len(row) == 3, f"{where}: three columns"
        hi, en, kind = row
        assert hi.strip() and en.strip(), f"{where}: empty side"
        assert kind in types, f"{where}: type {kind!r}"
        assert DEVANAGARI.search(hi) and not DEVANAGARI.search(en), f"{where}: scripts"
    assert count >= 20000


def test_training_corpus_never_overlaps_the_test_sets():
    held = set()
    for split in ("dev", "test"):
        held |= {line.split("\t")[0] for line in lines(CORPUS / "techfin" / f"{split}.tsv")}
    held |= set(lines(CORPUS / "seed" / "openai-aws.hi.txt"))
    overlap = [(name, n) for name, n, row in train_rows() if row[0] in held]
    assert overlap == []


def test_figures_agree_on_both_sides():
    """Every Hindi figure reappears in the English (as digits, converted, or spelled out);
    the few exceptions are spelled-out idioms ("six-month high"), so a small tolerance."""
    from translate.training.corpus_report import figures_agree

    rows = [row for _, _, row in train_rows()]
    bad = [row for row in rows if not figures_agree(row[0], row[1])]
    assert len(bad) <= 0.002 * len(rows), bad[:5]
    assert not figures_agree("कंपनी ने 38 करोड़ रुपये जुटाए।", "The company raised ₹83 crore.")

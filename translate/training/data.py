"""Training data: read the shared sets, clean, deduplicate, decontaminate, weight.

Every set is a list of (hindi, english) pairs with a sampling weight. A weight below 1
subsamples the set afresh each epoch (the archaic Bible must not set the style); a weight
above 1 repeats it (the in-house news text should).
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

Pair = tuple[str, str]

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
LATIN = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]{0,80}>")
_PLACEHOLDER = re.compile(r"%(\d+\$)?[-#0+]*\d*(\.\d+)?[sdiufxXlc]\b|%\([a-z_]+\)[sd]|\{\d*\}|\$\{?[A-Z_]+\}?|%[A-Z_]+%?")
_ACCELERATOR = re.compile(r"\s*\(_[A-Za-z0-9]\)|\s*\(&[A-Za-z0-9]\)|[_~&](?=\w)")
_KEY_CHARS = re.compile(r"[\W_]+", re.UNICODE)


@dataclass
class ParallelSet:
    name: str
    pairs: list[Pair]
    weight: float = 1.0
    licence: str = ""
    kind: str = "sentences"  # sentences | terms | strings
    stats: dict = field(default_factory=dict)


def normalize_text(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def match_key(text: str) -> str:
    """Key for decontamination and deduplication: case, punctuation and spacing ignored."""
    return _KEY_CHARS.sub("", unicodedata.normalize("NFC", text).casefold())


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1] if path.exists() else []


def read_aligned(hi_path: Path, en_path: Path) -> list[Pair]:
    hi, en = read_lines(hi_path), read_lines(en_path)
    if len(hi) != len(en):
        raise ValueError(f"{hi_path} and {en_path} differ in line count ({len(hi)} vs {len(en)})")
    return list(zip(hi, en))


def read_tsv(path: Path, hi_col: str, en_col: str) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row[hi_col] or "", row[en_col] or "") for row in rows]


def read_csv(path: Path, hi_col: str, en_col: str) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[hi_col] or "", row[en_col] or "") for row in csv.DictReader(handle)]


def clean_ui_string(text: str) -> str:
    """Software strings carry accelerators (_File, (_F)), markup and printf placeholders."""
    text = _MARKUP.sub("", text)
    text = _ACCELERATOR.sub("", text)
    return text.replace("\\n", " ")


def split_paragraph_pairs(pairs: Iterable[Pair]) -> list[Pair]:
    """Split multi-sentence paragraphs into sentence pairs when both sides split alike."""
    out: list[Pair] = []
    for hi, en in pairs:
        hi_parts = [p for p in re.split(r"(?<=[।?!])\s+", hi) if p.strip()]
        en_parts = [p for p in re.split(r"(?<=[.?!])\s+(?=[A-Z\"'])", en) if p.strip()]
        if len(hi_parts) == len(en_parts):
            out.extend(zip(hi_parts, en_parts))
    return out


def inhouse_pairs(corpus_dir: Path) -> list[Pair]:
    pairs: list[Pair] = []
    for path in sorted((corpus_dir / "train").glob("*.tsv")):
        for line in read_lines(path):
            fields = line.split("\t")
            if len(fields) >= 2:
                pairs.append((fields[0], fields[1]))
    return pairs


def shared_sets(data_dir: Path) -> list[ParallelSet]:
    """The public sets of ../shared/data with their weights and licences (see SOURCES.md)."""
    d = data_dir
    joshua: list[Pair] = []
    for split in ("dev", "devtest", "test"):
        hi = read_lines(d / "joshua_wiki_hien" / f"{split}.hi")
        for ref in range(4):
            en = read_lines(d / "joshua_wiki_hien" / f"{split}.en.{ref}")
            if len(en) == len(hi):
                joshua.extend(zip(hi, en))
    tico = read_aligned(d / "test_tico19/tico19-dev.hi", d / "test_tico19/tico19-dev.en") + read_aligned(
        d / "test_tico19/tico19-test.hi", d / "test_tico19/tico19-test.en"
    )
    tatoeba = (
        read_aligned(d / "test_tatoeba/tatoeba-test-v2021-08-07.hi", d / "test_tatoeba/tatoeba-test-v2021-08-07.en")
        + read_aligned(d / "test_laser_tatoeba1000/tatoeba.hin-eng.hi", d / "test_laser_tatoeba1000/tatoeba.hin-eng.en")
        + read_aligned(d / "train_anki_tatoeba_hin/anki_hin.notest.hi", d / "train_anki_tatoeba_hin/anki_hin.notest.en")
    )
    xquad = (
        read_aligned(d / "xquad_hi_en/questions.hi", d / "xquad_hi_en/questions.en")
        + read_aligned(d / "xquad_hi_en/answers.hi", d / "xquad_hi_en/answers.en")
        + split_paragraph_pairs(read_aligned(d / "xquad_hi_en/paragraphs.hi", d / "xquad_hi_en/paragraphs.en"))
    )
    docs = read_aligned(d / "train_libreoffice_help/lohelp.hi", d / "train_libreoffice_help/lohelp.en") + read_aligned(
        d / "train_gnome_help/gnomehelp.hi", d / "train_gnome_help/gnomehelp.en"
    )
    ui = d / "software_ui_strings_hi"
    erp = d / "glossary_erpnext_frappe_hi"
    strings = [
        (clean_ui_string(h), clean_ui_string(e))
        for h, e in read_tsv(ui / "libreoffice-7.4-hi.tsv", "hindi", "english")
        + read_tsv(ui / "debian12-mo-hi.tsv", "hindi", "english")
    ]
    erp_strings = [
        (clean_ui_string(h), clean_ui_string(e))
        for h, e in read_tsv(erp / "erpnext-hi.tsv", "hindi", "english") + read_tsv(erp / "frappe-hi.tsv", "hindi", "english")
    ]
    terms = (
        read_tsv(d / "glossary_cldr_babel_hi/cldr-hi-en.tsv", "hindi", "english")
        + read_csv(d / "glossary_tico19_covid_terms/f_en-hi_IN.csv", "targetString", "sourceString")
        + read_csv(d / "glossary_tico19_covid_terms/g_en_hi.csv", "targetString", "sourceString")
        + read_csv(d / "glossary_tico19_covid_terms/g_hi_en.csv", "sourceString", "targetString")
    )
    dictionary = read_tsv(d / "glossary_freedict_eng_hin/freedict-eng-hin.pairs.tsv", "hindi", "english")
    return [
        ParallelSet("joshua_wiki_hien (4 refs)", joshua, 1.0, "CC-BY-SA 3.0"),
        ParallelSet("ud_pud_1000", read_aligned(d / "ud_pud_1000/pud.hi", d / "ud_pud_1000/pud.en"), 2.0, "CC-BY-SA 3.0"),
        ParallelSet("xquad_hi_en", xquad, 1.0, "CC-BY-SA 4.0"),
        ParallelSet("tico19 dev+test", tico, 1.0, "CC0"),
        ParallelSet("tatoeba (test, LASER, Anki)", tatoeba, 1.0, "CC-BY 2.0 FR"),
        ParallelSet("libreoffice/gnome help", docs, 1.0, "MPL-2.0 / CC-BY-SA 3.0"),
        ParallelSet("bible", read_aligned(d / "train_bible_hi_en/bible.hi", d / "train_bible_hi_en/bible.en"), 0.2,
                    "KJV public domain; Hindi text unstated"),
        ParallelSet("software UI strings", strings, 0.5, "MPL-2.0 / GPL / LGPL", kind="strings"),
        ParallelSet("erpnext/frappe strings", erp_strings, 0.4, "GPL-3.0 / MIT", kind="strings"),
        ParallelSet("cldr + tico19 terms", terms, 1.0, "Unicode / CC0", kind="terms"),
        ParallelSet("freedict eng-hin", dictionary, 0.3, "GPL-2+", kind="terms"),
    ]


def heldout_keys(data_dir: Path, corpus_dir: Path) -> set[str]:
    """Match keys of every line of every dev/test set that training must never see."""
    texts: list[str] = []
    d = data_dir
    for hi, en in read_aligned(d / "test_wmt14_newsdev2014/newsdev2014.hi", d / "test_wmt14_newsdev2014/newsdev2014.en"):
        texts += [hi, en]
    for hi, en in read_aligned(d / "test_ntrex128/ntrex128.hi", d / "test_ntrex128/ntrex128.en"):
        texts += [hi, en]
    for path in sorted((corpus_dir / "techfin").glob("*.tsv")):
        if path.name == "terms.tsv":
            continue
        for line in read_lines(path):
            texts += line.split("\t")[:2]
    for path in sorted((corpus_dir / "seed").glob("*.txt")):
        texts += read_lines(path)
    return {key for key in map(match_key, texts) if len(key) >= 8}


@dataclass
class CleanReport:
    kept: int = 0
    empty: int = 0
    identical: int = 0
    wrong_script: int = 0
    length_ratio: int = 0
    too_long: int = 0
    placeholder: int = 0
    duplicate: int = 0
    heldout: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def clean_pairs(
    pairs: Iterable[Pair],
    heldout: set[str],
    seen: set[tuple[str, str]],
    report: CleanReport,
    max_words: int = 100,
    strings: bool = False,
) -> list[Pair]:
    """Normalise and filter pairs; `seen` carries deduplication across sets.

    `strings` marks software catalogues, whose printf placeholders must not reach training.
    """
    kept: list[Pair] = []
    for raw_hi, raw_en in pairs:
        hi, en = normalize_text(raw_hi), normalize_text(raw_en)
        if not hi or not en:
            report.empty += 1
            continue
        if hi == en:
            report.identical += 1
            continue
        if not DEVANAGARI.search(hi) or DEVANAGARI.search(en) or not LATIN.search(en):
            report.wrong_script += 1
            continue
        key_hi, key_en = match_key(hi), match_key(en)
        if key_hi in heldout or key_en in heldout:
            report.heldout += 1
            continue
        if strings and (_PLACEHOLDER.search(hi) or _PLACEHOLDER.search(en)):
            report.placeholder += 1
            continue
        hi_words, en_words = len(hi.split()), len(en.split())
        if hi_words > max_words or en_words > max_words:
            report.too_long += 1
            continue
        if max(hi_words, en_words) > 3 and not (0.4 <= hi_words / en_words <= 3.0):
            report.length_ratio += 1
            continue
        if (key_hi, key_en) in seen:
            report.duplicate += 1
            continue
        seen.add((key_hi, key_en))
        kept.append((hi, en))
        report.kept += 1
    return kept


def load_training_sets(
    data_dir: Path,
    corpus_dir: Path,
    use_inhouse: bool = True,
    inhouse_weight: float = 3.0,
    extra: Iterable[ParallelSet] = (),
) -> tuple[list[ParallelSet], dict]:
    """All training sets, cleaned, deduplicated and decontaminated; plus a report per set."""
    heldout = heldout_keys(data_dir, corpus_dir)
    sets: list[ParallelSet] = []
    if use_inhouse:
        sets.append(ParallelSet("hien in-house tech/finance (corpus/train)", inhouse_pairs(corpus_dir),
                                inhouse_weight, "project licence (MIT)"))
    sets += list(extra)
    sets += shared_sets(data_dir)
    seen: set[tuple[str, str]] = set()
    reports = {}
    for item in sets:
        report = CleanReport()
        raw = len(item.pairs)
        item.pairs = clean_pairs(item.pairs, heldout, seen, report, strings=item.kind == "strings")
        item.stats = {"raw": raw, **report.as_dict()}
        reports[item.name] = item.stats
    return sets, reports


def user_set(path: Path, weight: float = 1.0) -> ParallelSet:
    """A user's own data: a TSV (hi<TAB>en) or a pair of line-aligned files given as `x.hi`."""
    if path.suffix == ".tsv":
        pairs = [tuple(line.split("\t")[:2]) for line in read_lines(path) if line.count("\t") >= 1]
    else:
        pairs = read_aligned(path.with_suffix(".hi"), path.with_suffix(".en"))
    return ParallelSet(f"user:{path.name}", pairs, weight, "user-supplied")  # type: ignore[arg-type]


def sample_epoch(sets: list[ParallelSet], rng: random.Random,
                 transform: Callable[[Pair, random.Random], Pair] | None = None) -> Iterator[Pair]:
    """One epoch's pairs: whole copies for the integer part of a weight, a fresh sample for the rest."""
    for item in sets:
        whole, fraction = divmod(item.weight, 1.0)
        chosen = list(item.pairs) * int(whole)
        if fraction > 0:
            chosen += rng.sample(item.pairs, round(fraction * len(item.pairs)))
        for pair in chosen:
            yield transform(pair, rng) if transform else pair

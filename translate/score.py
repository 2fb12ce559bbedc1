"""Scoring translations: sacrebleu's metrics (never re-implemented), terminology, sentence flags.

- Corpus BLEU, chrF, chrF++ and TER with their signatures; several references.
- Terms (given the source and a glossary): success rate exact and plural-aware, a table
  per term, consistency, and how often an `avoid` rendering was used.
- Per sentence: chrF, and cheap flags (Devanagari left, n-gram loops, length ratio, empty).
- Two systems: sacrebleu's paired bootstrap resampling for significance.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF, TER

from translate.errors import InputError
from translate.textio import read_text

DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def read_lines_strict(path: Path) -> list[str]:
    text = read_text(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def load_aligned(hyps: list[Path], refs: list[Path], src: Path | None = None) -> tuple[list[list[str]], list[list[str]], list[str] | None]:
    """Read every file; refuse empty files and any line-count mismatch before computing anything."""
    named = [(p, read_lines_strict(p)) for p in [*hyps, *refs, *([src] if src else [])]]
    for path, lines in named:
        if not lines:
            raise InputError(f"{path}: empty file")
    counts = {str(p): len(lines) for p, lines in named}
    if len(set(counts.values())) > 1:
        detail = ", ".join(f"{p}: {n}" for p, n in counts.items())
        raise InputError(f"line counts differ ({detail}); nothing was scored")
    hyp_lines = [lines for _, lines in named[: len(hyps)]]
    ref_lines = [lines for _, lines in named[len(hyps) : len(hyps) + len(refs)]]
    src_lines = named[-1][1] if src else None
    return hyp_lines, ref_lines, src_lines


def corpus_scores(hyp: list[str], refs: list[list[str]]) -> dict:
    out = {}
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("chrf++", CHRF(word_order=2)), ("ter", TER())):
        result = metric.corpus_score(hyp, refs)
        out[name] = {"score": round(result.score, 2), "signature": str(metric.get_signature())}
    return out


# -- sentence-level flags ---------------------------------------------------------------


def has_loop(text: str) -> bool:
    """A word or 2-4-word phrase repeated three times in a row ("the boat, the boat, the boat")."""
    words = re.findall(r"\w+", text.lower())
    for n in range(1, 5):
        for i in range(len(words) - 3 * n + 1):
            chunk = words[i : i + n]
            if chunk == words[i + n : i + 2 * n] == words[i + 2 * n : i + 3 * n]:
                return True
    return False


def sentence_flags(hyp: str, ref: str) -> list[str]:
    flags = []
    if not hyp.strip():
        return ["empty"] if ref.strip() else []
    if DEVANAGARI.search(hyp):
        flags.append("untranslated")
    if has_loop(hyp):
        flags.append("loop")
    ratio = len(hyp.split()) / max(len(ref.split()), 1)
    if ratio < 0.5 or ratio > 2.0:
        flags.append(f"length {ratio:.2f}")
    return flags


def segments(hyp: list[str], refs: list[list[str]], src: list[str] | None, worst: int) -> dict:
    chrf = CHRF()
    rows = []
    for i, h in enumerate(hyp):
        rs = [r[i] for r in refs]
        rows.append({
            "line": i + 1,
            "chrf": round(chrf.sentence_score(h, rs).score, 2),
            "source": src[i] if src else None,
            "hypothesis": h,
            "reference": rs[0],
            "flags": sentence_flags(h, rs[0]),
        })
    counts = Counter(f.split()[0] for row in rows for f in row["flags"])
    return {
        "flag_counts": dict(counts),
        "worst": sorted(rows, key=lambda r: r["chrf"])[:worst],
        "chrf_histogram": [sum(1 for r in rows if lo <= r["chrf"] < lo + 10 or (lo == 90 and r["chrf"] == 100))
                           for lo in range(0, 100, 10)],
    }


# -- terminology ------------------------------------------------------------------------


@dataclass
class TermStats:
    entry: str
    target: str
    occurrences: int = 0
    hits: int = 0  # plural-aware
    exact: int = 0
    avoid_used: int = 0

    def to_json(self) -> dict:
        return {**self.__dict__, "misses": self.occurrences - self.hits}


def term_scores(hyp: list[str], src: list[str], glossary) -> dict:
    from glossary.enforce import avoid_pattern, target_pattern
    from glossary.match import Matcher

    matcher = Matcher(glossary)
    stats: dict[str, TermStats] = {}
    forms: dict[str, Counter] = defaultdict(Counter)
    patterns: dict[str, tuple] = {}
    for source, output in zip(src, hyp):
        used: dict[str, int] = defaultdict(int)
        for match in matcher.find(source):
            term = match.term
            if term.source not in patterns:
                exact = re.compile(rf"(?<![\w-]){re.escape(term.target)}(?![\w])")
                patterns[term.source] = (target_pattern(term), exact, avoid_pattern(term))
            plural_re, exact_re, avoid_re = patterns[term.source]
            s = stats.setdefault(term.source, TermStats(term.source, term.target))
            s.occurrences += 1
            # the n-th occurrence of a term in a sentence needs n renderings in the output
            used[term.source] += 1
            found = plural_re.findall(output)
            if len(found) >= used[term.source]:
                s.hits += 1
                forms[term.source][found[used[term.source] - 1].lower()] += 1
            if len(exact_re.findall(output)) >= used[term.source]:
                s.exact += 1
            if avoid_re and avoid_re.search(output):
                s.avoid_used += 1
    total = sum(s.occurrences for s in stats.values())
    repeated = [k for k, s in stats.items() if s.occurrences >= 2]
    consistent = [k for k in repeated if stats[k].hits == stats[k].occurrences and len(forms[k]) <= 2]
    return {
        "occurrences": total,
        "success_rate": round(sum(s.hits for s in stats.values()) / total, 4) if total else None,
        "exact_rate": round(sum(s.exact for s in stats.values()) / total, 4) if total else None,
        "consistency": round(len(consistent) / len(repeated), 4) if repeated else None,
        "avoid_used": sum(s.avoid_used for s in stats.values()),
        "terms": [s.to_json() for s in sorted(stats.values(), key=lambda s: (s.hits - s.occurrences, -s.occurrences))],
    }


# -- comparison -------------------------------------------------------------------------


def paired_comparison(names: list[str], hyps: list[list[str]], refs: list[list[str]], samples: int = 1000) -> dict:
    from sacrebleu.significance import PairedTest

    metrics = {"BLEU": BLEU(), "chrF": CHRF()}
    test = PairedTest(list(zip(names, hyps)), metrics, refs, test_type="bs", n_samples=samples)
    _, results = test()
    out = {}
    for metric in [k for k in results if k != "System"]:  # sacrebleu renames chrF to chrF2
        base, other = results[metric][0], results[metric][1]
        out[metric] = {
            "baseline": names[0],
            "system": names[1],
            "baseline_score": round(base.score, 2),
            "system_score": round(other.score, 2),
            "p_value": round(other.p_value, 4) if other.p_value is not None else None,
            "significant": bool(other.p_value is not None and other.p_value < 0.05),
        }
    return out


def score_lines(names: list[str], hyps: list[list[str]], refs: list[list[str]], src: list[str] | None = None,
                glossary=None, worst: int = 10) -> dict:
    """The full report for one or two systems on aligned lines."""
    systems = []
    for name, hyp in zip(names, hyps):
        system = {"system": name, "lines": len(hyp), **corpus_scores(hyp, refs)}
        if src is not None and glossary is not None:
            system["terms"] = term_scores(hyp, src, glossary)
        system["segments"] = segments(hyp, refs, src, worst)
        systems.append(system)
    report = {"systems": systems}
    if len(hyps) == 2:
        report["comparison"] = paired_comparison(names, hyps, refs)
    return report


def score(hyp_paths: list[Path], ref_paths: list[Path], src_path: Path | None = None, glossary=None,
          worst: int = 10) -> dict:
    hyps, refs, src = load_aligned(hyp_paths, ref_paths, src_path)
    report = score_lines([str(p) for p in hyp_paths], hyps, refs, src, glossary, worst)
    return {"references": [str(p) for p in ref_paths], **report}

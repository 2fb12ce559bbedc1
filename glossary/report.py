"""Term use over a whole text: counts per term, misses, and consistency of renderings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable


def terms_summary(results: Iterable) -> dict:
    """Summarise the `terms` of translated lines (translate.pipeline.LineResult)."""
    per_entry: dict[str, dict] = {}
    renderings: dict[str, Counter] = defaultdict(Counter)
    applied = missed = 0
    for line_no, result in enumerate(results, start=1):
        for term in result.terms:
            entry = per_entry.setdefault(term.entry, {"entry": term.entry, "target": term.target,
                                                       "occurrences": 0, "applied": 0, "missed": 0,
                                                       "missed_lines": []})
            entry["occurrences"] += 1
            if term.status == "applied":
                entry["applied"] += 1
                applied += 1
                start, end = term.target_span
                renderings[term.entry][result.translation[start:end]] += 1
            else:
                entry["missed"] += 1
                entry["missed_lines"].append(line_no)
                missed += 1
    for key, entry in per_entry.items():
        entry["renderings"] = dict(renderings[key])
    used = [e for e in per_entry.values() if e["occurrences"]]
    consistent = [e for e in used if e["missed"] == 0 and len({r.lower() for r in e["renderings"]}) <= 1]
    total = applied + missed
    return {
        "occurrences": total,
        "applied": applied,
        "missed": missed,
        "success_rate": round(applied / total, 4) if total else None,
        "consistency": round(len(consistent) / len(used), 4) if used else None,
        "terms": sorted(per_entry.values(), key=lambda e: (-e["missed"], -e["occurrences"], e["entry"])),
    }

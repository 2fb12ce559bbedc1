"""Score reports a person would rather read: Markdown, or HTML with a chrF histogram."""

from __future__ import annotations

import html


def _metric_rows(report: dict) -> list[list[str]]:
    rows = []
    for s in report["systems"]:
        row = [s["system"], str(s["lines"])] + [f"{s[m]['score']:.2f}" for m in ("bleu", "chrf", "chrf++", "ter")]
        terms = s.get("terms")
        row.append(f"{terms['success_rate']:.4f}" if terms and terms["success_rate"] is not None else "–")
        rows.append(row)
    return rows


METRIC_HEADER = ["system", "lines", "BLEU", "chrF", "chrF++", "TER", "term success"]


def to_markdown(report: dict) -> str:
    out = ["# hien score report", "", "| " + " | ".join(METRIC_HEADER) + " |", "|" + "---|" * len(METRIC_HEADER)]
    out += ["| " + " | ".join(row) + " |" for row in _metric_rows(report)]
    first = report["systems"][0]
    out += ["", "Signatures: " + "; ".join(f"{m}: `{first[m]['signature']}`" for m in ("bleu", "chrf", "chrf++", "ter")), ""]
    if "comparison" in report:
        out += ["## Paired bootstrap (1000 samples)", "", "| metric | baseline | system | p | significant (p<0.05) |",
                "|---|---:|---:|---:|---|"]
        for metric, c in report["comparison"].items():
            out.append(f"| {metric} | {c['baseline_score']} | {c['system_score']} | {c['p_value']} | {c['significant']} |")
        out.append("")
    for s in report["systems"]:
        out += [f"## {s['system']}", ""]
        terms = s.get("terms")
        if terms:
            out += [f"Terms: {terms['occurrences']} occurrences, success {terms['success_rate']} (plural-aware), "
                    f"exact {terms['exact_rate']}, consistency {terms['consistency']}, avoid renderings used "
                    f"{terms['avoid_used']}.", "", "| term | target | occurrences | hits | misses |", "|---|---|---:|---:|---:|"]
            for t in terms["terms"][:30]:
                out.append(f"| {t['entry']} | {t['target']} | {t['occurrences']} | {t['hits']} | {t['misses']} |")
            out.append("")
        seg = s["segments"]
        out += [f"Flags: {seg['flag_counts'] or 'none'}", "", "| line | chrF | flags | source | hypothesis | reference |",
                "|---:|---:|---|---|---|---|"]
        for row in seg["worst"]:
            cells = [str(row["line"]), f"{row['chrf']:.1f}", ", ".join(row["flags"]), row["source"] or "", row["hypothesis"],
                     row["reference"]]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def to_html(report: dict) -> str:
    esc = html.escape
    parts = ["<!doctype html><meta charset='utf-8'><title>hien score report</title>",
             "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.bar{background:#4a7;height:14px}</style>",
             "<h1>hien score report</h1><table><tr>" + "".join(f"<th>{h}</th>" for h in METRIC_HEADER) + "</tr>"]
    for row in _metric_rows(report):
        parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    parts.append("</table>")
    for s in report["systems"]:
        seg = s["segments"]
        hist = seg["chrf_histogram"]
        top = max(hist) or 1
        parts.append(f"<h2>{esc(s['system'])}</h2><h3>Sentence chrF histogram</h3><table>")
        for i, count in enumerate(hist):
            parts.append(f"<tr><td>{i * 10}–{i * 10 + 10}</td><td>{count}</td>"
                         f"<td><div class='bar' style='width:{300 * count // top}px'></div></td></tr>")
        parts.append("</table><h3>Worst sentences</h3><table><tr><th>line</th><th>chrF</th><th>flags</th>"
                     "<th>source</th><th>hypothesis</th><th>reference</th></tr>")
        for row in seg["worst"]:
            parts.append("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in (
                row["line"], row["chrf"], ", ".join(row["flags"]), row["source"] or "", row["hypothesis"], row["reference"])) + "</tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"

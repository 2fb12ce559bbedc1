"""`hien batch` on a corpus of ≥ 5,000 segments against argostranslate.translate called line by line.

Both use the bundled package; argos gets the same lines (see bench/common.py on its
sentencizer). hien runs as users run it: the CLI, default glossary and entity protection on.

    python -m bench.batch [--segments 5000] [--files 50]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ARGOS_SETUP, BUNDLED, ROOT, argos_home, machine, run_child, test_sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=5000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    lines = test_sentences(args.segments)
    work = Path(tempfile.mkdtemp(prefix="hien-bench-batch-"))
    corpus = work / "corpus"
    per_file = len(lines) // args.files
    for f in range(args.files):
        chunk = lines[f * per_file : (f + 1) * per_file if f < args.files - 1 else len(lines)]
        (corpus / f"part{f // 10}").mkdir(parents=True, exist_ok=True)
        (corpus / f"part{f // 10}" / f"doc{f:03d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "translate.cli", "batch", str(corpus), "-o", str(work / "out"),
                           "--model", str(BUNDLED), "--jobs", str(args.threads)], cwd=ROOT, capture_output=True, text=True)
    hien_s = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    code = ARGOS_SETUP + """
import sys, json, time
LINES = json.loads(sys.stdin.read())
start = time.perf_counter()
for line in LINES:
    T.translate(line, "hi", "en")
RESULT = {"seconds": time.perf_counter() - start}
"""
    env = {**argos_home(BUNDLED), "ARGOS_INTRA_THREADS": str(args.threads)}
    argos = run_child(code, env=env, stdin=json.dumps(lines, ensure_ascii=False))
    print(f"machine: {machine()}; {len(lines)} segments in {args.files} files; {args.threads} threads")
    print(f"  hien batch (whole command, incl. start-up)   {hien_s:8.1f} s  {len(lines) / hien_s:7.2f} segments/s")
    print(f"  argostranslate.translate line by line        {argos['seconds']:8.1f} s  {len(lines) / argos['seconds']:7.2f} segments/s")
    print(f"  ratio hien / argos: {argos['seconds'] / hien_s:.2f}x")
    print("  " + done.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()

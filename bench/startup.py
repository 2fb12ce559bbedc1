"""Start-up: a one-sentence `hien translate` against importing argostranslate.translate and
against argostranslate translating one sentence, same model, median of several runs.

    python -m bench.startup [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from bench.common import ARGOS_SETUP, BUNDLED, ROOT, argos_home, machine

SENTENCE = "भारत एक बड़ा देश है।"


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, **argos_home(BUNDLED)}
    hien = [sys.executable, "-m", "translate.cli", "translate", "--model", str(BUNDLED), SENTENCE]
    hien_plain = hien + ["--no-glossary"]
    import_argos = [sys.executable, "-c", "import argostranslate.translate"]
    argos_one = [sys.executable, "-c", ARGOS_SETUP + f"print(T.translate({SENTENCE!r}, 'hi', 'en'))"]
    rows = {}
    for name, cmd in (("hien translate (default glossary)", hien), ("hien translate --no-glossary", hien_plain),
                      ("python -c 'import argostranslate.translate'", import_argos),
                      ("argostranslate one sentence", argos_one)):
        timed(cmd, env)  # warm the page cache
        rows[name] = statistics.median(timed(cmd, env) for _ in range(args.runs))
    print(f"machine: {machine()}; median of {args.runs} runs")
    for name, seconds in rows.items():
        print(f"  {name:45} {seconds:6.3f} s")
    base = rows["python -c 'import argostranslate.translate'"]
    print(f"  hien / import argostranslate.translate      {rows['hien translate (default glossary)'] / base:6.3f}  (target ≤ 0.25)")
    one = rows["argostranslate one sentence"]
    print(f"  hien / argostranslate one sentence          {rows['hien translate (default glossary)'] / one:6.3f}")


if __name__ == "__main__":
    main()

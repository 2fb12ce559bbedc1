"""Throughput and memory: argostranslate vs raw CTranslate2 vs hien (without and with glossary).

Same package, same sentences, int8, beam 4; raw CTranslate2 decodes with the package's tuned
settings as hien does (length penalty, no repeated n-grams), argostranslate with its own; same sentences
(distinct lines of the shared test sets), each configuration in its own process so peak
RSS is its own. Also scaling with threads and with input size.

    python -m bench.throughput [--sentences 1000] [--threads 2] [--sizes 100,1000,10000]
"""

from __future__ import annotations

import argparse
import json

from bench.common import ARGOS_SETUP, BUNDLED, argos_home, machine, run_child, test_sentences

COUNT_TOKENS = """
import sentencepiece as _spm
_sp = _spm.SentencePieceProcessor(model_file=PACKAGE + "/sentencepiece.model")
TOKENS = sum(len(_sp.encode(o)) for o in OUTPUTS)
"""

ARGOS = ARGOS_SETUP + """
import sys, json, time
LINES = json.loads(sys.stdin.read())
T.translate(LINES[0], "hi", "en")  # warm-up: model load
start = time.perf_counter()
OUTPUTS = [T.translate(line, "hi", "en") for line in LINES]
SECONDS = time.perf_counter() - start
"""

RAW = """
import sys, json, time, ctranslate2, sentencepiece
from pathlib import Path
from translate.engine import decoding_settings, read_metadata, thread_layout
DECODING = decoding_settings(read_metadata(Path(PACKAGE)))
LINES = json.loads(sys.stdin.read())
sp = sentencepiece.SentencePieceProcessor(model_file=PACKAGE + "/sentencepiece.model")
tr = ctranslate2.Translator(PACKAGE + "/model", compute_type="int8", **thread_layout("cpu", THREADS))
tr.translate_batch([sp.encode(LINES[0], out_type=str)], beam_size=4)
start = time.perf_counter()
res = tr.translate_batch([sp.encode(line, out_type=str) for line in LINES], max_batch_size=2048, batch_type="tokens",
                         beam_size=4, replace_unknowns=True, **DECODING)
OUTPUTS = [sp.decode(r.hypotheses[0]) for r in res]
SECONDS = time.perf_counter() - start
"""

HIEN = """
import sys, json, time
from pathlib import Path
from translate.engine import Engine
from translate.enforce import ConstrainedProcessor, matcher_for
from translate.pipeline import Translator
LINES = json.loads(sys.stdin.read())
engine = Engine(PACKAGE, threads=THREADS)
glossary = None
if GLOSSARY:
    from glossary.load import load_glossaries
    glossary = load_glossaries([])
translator = Translator(engine, ConstrainedProcessor(matcher_for(glossary, engine)))
engine.translate([LINES[0]])
start = time.perf_counter()
OUTPUTS = [r.translation for r in translator.translate_lines(LINES)]
SECONDS = time.perf_counter() - start
"""


def measure(kind: str, lines: list[str], threads: int, glossary: bool = False) -> dict:
    head = f"PACKAGE = {str(BUNDLED)!r}\nTHREADS = {threads}\nGLOSSARY = {glossary}\n"
    body = {"argos": ARGOS, "raw": RAW, "hien": HIEN}[kind]
    env = argos_home(BUNDLED) if kind == "argos" else {}
    env["ARGOS_INTRA_THREADS"] = str(threads)
    result = run_child(head + body + COUNT_TOKENS + "\nRESULT = {'seconds': SECONDS, 'tokens': TOKENS, 'n': len(OUTPUTS)}",
                       env=env, stdin=json.dumps(lines, ensure_ascii=False))
    result["sent_per_s"] = round(result["n"] / result["seconds"], 2)
    result["tok_per_s"] = round(result["tokens"] / result["seconds"], 1)
    return result


def row(name: str, r: dict) -> str:
    return f"  {name:34} {r['sent_per_s']:8.2f} sent/s {r['tok_per_s']:9.1f} tok/s  peak RSS {r['peak_rss_mb']:7.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--skip-argos", action="store_true")
    args = parser.parse_args()
    lines = test_sentences(args.sentences)
    print(f"machine: {machine()}; {len(lines)} sentences; {args.threads} threads; model {BUNDLED.name}")
    results = {}
    if not args.skip_argos:
        results["a"] = measure("argos", lines, args.threads)
        print(row("(a) argostranslate.translate", results["a"]), flush=True)
    results["b"] = measure("raw", lines, args.threads)
    print(row("(b) raw CTranslate2 translate_batch", results["b"]), flush=True)
    results["c"] = measure("hien", lines, args.threads)
    print(row("(c) hien, no glossary", results["c"]), flush=True)
    results["d"] = measure("hien", lines, args.threads, glossary=True)
    print(row("(d) hien, default glossary", results["d"]), flush=True)
    if "a" in results:
        print(f"  (c)/(a) = {results['c']['sent_per_s'] / results['a']['sent_per_s']:.2f}  (target ≥ 2)")
    print(f"  (c)/(b) = {results['c']['sent_per_s'] / results['b']['sent_per_s']:.2f}  (target ≥ 0.9)")
    print(f"  (d)/(c) = {results['d']['sent_per_s'] / results['c']['sent_per_s']:.2f}  (target ≥ 0.9)")
    print("scaling with threads (hien, no glossary):")
    for threads in sorted({1, args.threads}):
        r = results["c"] if threads == args.threads else measure("hien", lines, threads)
        print(row(f"threads={threads}", r), flush=True)
    print("scaling with input size (hien, no glossary; seconds per 1,000 sentences should stay flat):")
    for size in (int(s) for s in args.sizes.split(",")):
        r = measure("hien", test_sentences(size), args.threads)
        print(row(f"{size} sentences", r) + f"  {1000 * r['seconds'] / size:6.1f} s/1000", flush=True)


if __name__ == "__main__":
    main()

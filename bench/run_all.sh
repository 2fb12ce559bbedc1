#!/usr/bin/env bash
# Run every benchmark on an otherwise idle machine and keep their output in bench/results/.
# Usage: bench/run_all.sh   (from the repository root, with `make test`'s .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
PY=${PY:-.venv/bin/python}
run() { local name=${1#bench.}; echo "== $*"; "$PY" -m "$@" | tee "bench/results/$name.txt"; }
run bench.startup --runs 7
run bench.throughput --sentences 1000 --threads 2 --sizes 100,1000,10000
run bench.batch --segments 5000 --files 50
run bench.glossary_overhead --terms 50000
run bench.entities
run bench.transliteration

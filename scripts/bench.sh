#!/usr/bin/env bash
# `make bench`: every figure issues 6 and 13 ask for, measured in one run, written to BENCHMARKS.md.
#   BENCH_UNITS (default 10000) exports for the native aggregation in process; BENCH_CLI_FILES
#   (default 100000) in the folder the CLI aggregates; BENCH_BROWSER_FILES (default 10000) of them
#   for the in-browser aggregation; BENCH_PAGE_FILES (default 2000) of them chosen in the page's
#   汇总分析, with and without its Web Workers. The folder (target/bench/exports) is kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"

echo "==> native: cargo bench --bench aggregate (BENCH_UNITS=${BENCH_UNITS:-10000}, BENCH_CLI_FILES=${BENCH_CLI_FILES:-100000})"
cargo bench --locked --quiet --bench aggregate > "$out/native.json"
dir=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dir"])' "$out/native.json")

echo "==> native CLI: cyberduty aggregate over the whole folder (all cores), wall clock, 3 runs"
cargo build --locked --quiet --release --bin cyberduty
python3 - "$dir" "$out" <<'PY'
import json, os, resource, statistics, subprocess, sys, time
d, out = sys.argv[1], sys.argv[2]
names = [n for n in os.listdir(d) if n.endswith(".json")]
size = sum(os.path.getsize(os.path.join(d, n)) for n in names)
# Three runs, the median counted: the first may read 6.9 GB from disk while later ones find the
# folder in the page cache; every run's wall clock and CPU (user+sys) is kept in the report.
walls, cpus = [], []
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with open(f"{out}/cli-aggregate.json", "wb") as f:
        subprocess.run(["target/release/cyberduty", "aggregate", d, "--json"], stdout=f, check=True)
    walls.append(time.perf_counter() - t)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
accepted = json.load(open(f"{out}/cli-aggregate.json"))["summary"]["count"]
json.dump({"cli_aggregate_s": statistics.median(walls), "cli_runs_s": walls, "cli_cpu_s": cpus,
           "cli_files": len(names), "cli_bytes": size, "cli_accepted": accepted,
           "cli_threads": os.cpu_count()}, open(f"{out}/cli.json", "w"))
PY

echo "==> in-browser lower bound: examples/wasm_bound.rs built as the page's wasm (target/bound.wasm)"
scripts/build-wasm-bound.sh

echo "==> the page's wasm built for speed (every crate at opt-level 3; target/bench/pkg-speed, never shipped)"
CYBERDUTY_WASM_PROFILE=wasm-speed CYBERDUTY_WASM_OUT=target/bench/pkg-speed scripts/build-wasm.sh

echo "==> JS API, page, in-browser aggregation (headless Chromium)"
BENCH_DIR="$dir" node scripts/bench-browser.mjs > "$out/browser.json"

python3 scripts/bench-report.py "$out/native.json" "$out/cli.json" "$out/browser.json" > BENCHMARKS.md
cat BENCHMARKS.md

#!/usr/bin/env bash
# `make bench`: every figure issues 6 and 13 ask for, measured in one run, written to BENCHMARKS.md.
#   BENCH_UNITS (default 10000) exports for the native aggregation; BENCH_BROWSER_FILES (default
#   10000) of them for the in-browser aggregation.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"

echo "==> native: cargo bench --bench aggregate (BENCH_UNITS=${BENCH_UNITS:-10000})"
cargo bench --locked --quiet --bench aggregate > "$out/native.json"
dir=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dir"])' "$out/native.json")

echo "==> native CLI: cyberduty aggregate over the same folder"
cargo build --locked --quiet --release --bin cyberduty
python3 - "$dir" "$out" <<'PY'
import json, subprocess, sys, time
d, out = sys.argv[1], sys.argv[2]
t = time.perf_counter()
with open(f"{out}/cli-aggregate.json", "wb") as f:
    subprocess.run(["target/release/cyberduty", "aggregate", d, "--json"], stdout=f, check=True)
json.dump({"cli_aggregate_s": time.perf_counter() - t}, open(f"{out}/cli.json", "w"))
PY

echo "==> JS API, page, in-browser aggregation (headless Chromium)"
BENCH_DIR="$dir" node scripts/bench-browser.mjs > "$out/browser.json"

python3 scripts/bench-report.py "$out/native.json" "$out/cli.json" "$out/browser.json" > BENCHMARKS.md
cat BENCHMARKS.md

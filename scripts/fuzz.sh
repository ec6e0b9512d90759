#!/usr/bin/env bash
# `make fuzz`: runs every cargo-fuzz target for FUZZ_SECONDS (default 60) each, seeded from the
# golden vectors and the bad-input catalogue, then prints executions and crashes per target.
# Not part of `make test`. A crash found here becomes a regression test under tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

seed() { # target, files…
  local dir=fuzz/corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"; done
  return 0
}
shopt -s nullglob
seed rubric tests/vectors/score/*/rubric.json rubrics/default.json tests/bad_inputs/rubric/*
seed assessment tests/vectors/score/*/assessment.json tests/bad_inputs/assessment/*
mkdir -p fuzz/corpus/score
for d in tests/vectors/score/*/; do
  { cat "$d/rubric.json"; printf '\0'; cat "$d/assessment.json"; } > "fuzz/corpus/score/$(basename "$d")"
done
seed incident tests/vectors/incident/*/incident.json tests/bad_inputs/incident/*
seed export tests/vectors/export/*/*.cyberduty.json tests/bad_inputs/export/*
seed aggregate tests/vectors/export/*/*.cyberduty.json

targets=$(cargo +nightly fuzz list)
printf '%-12s %12s %8s\n' target executions crashes > fuzz/summary.txt
status=0
for t in $targets; do
  log=fuzz/$t.log
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  set +e
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  crashes=$(ls "fuzz/artifacts/$t" | grep -c -E '^(crash|oom|timeout|leak)-' || true)
  [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes="rc=$rc"
  printf '%-12s %12s %8s\n' "$t" "${execs:-?}" "$crashes" >> fuzz/summary.txt
  [ "$crashes" = 0 ] || status=1
done
cat fuzz/summary.txt
exit $status

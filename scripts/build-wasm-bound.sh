#!/usr/bin/env bash
# `make bench` only (scripts/bench.sh): examples/wasm_bound.rs for wasm32 built as the page's pkg/ is
# (scripts/wasm-flags.sh: profile `wasm` — opt-level "z" with the Cargo.toml overrides and
# OUR_CRATE_FLAGS — nightly -Zbuild-std when present, MVP features, npm binaryen's wasm-opt), so the
# lower bound scripts/bench-browser.mjs times is the page's code as the page runs it. Output: target/bound.wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wasm-flags.sh
BUILD=(cargo build --locked --quiet --example wasm_bound --target wasm32-unknown-unknown --profile wasm)
built="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/examples/wasm_bound.wasm"
if ! { nightly_with_src && RUSTUP_TOOLCHAIN=nightly RUSTFLAGS="$NIGHTLY_FLAGS $MVP" "${BUILD[@]}" -Zbuild-std=std,panic_abort "${STD_AT_SPEED[@]}" "${OUR_CRATE_FLAGS[@]}"; }; then
  RUSTFLAGS="$MVP $STABLE_LINK" "${BUILD[@]}"
  "${STABLE_LOWER[@]}" "$built" -o target/bound-lowered.wasm
  built=target/bound-lowered.wasm
fi
"${WASM_OPT[@]}" "$WASM_OPT_LEVEL" "$built" -o target/bound.wasm
printf 'build-wasm-bound: target/bound.wasm %s bytes\n' "$(stat -c %s target/bound.wasm)"

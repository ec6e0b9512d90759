#!/usr/bin/env bash
# `make test`: every test, in two chains at once after one setup.
#   native: lint → test-rust → test-wasm   (stable cargo: target/debug, target/wasm32-…/debug)
#   page:   test-js → test-e2e → test-mvp  (the page's wasm with nightly in target/wasm and
#                                           target/wasm32-…/wasm, then Node, headless Chromium, and
#                                           tests/mvp.rs on the shipped wasm)
# Why: one after the other, a bare machine took 18–21 minutes, with the two cores ~60 % used
# (compiling one crate, linking, wasm-opt and the browser tests each keep one core busy). The
# chains build in different cargo directories, so neither waits for the other's lock; tests/mvp.rs
# (target/debug) comes last, when test-rust has built it (run first, it rebuilt the crate's tests
# on the page chain's path while the native chain compiled: 150 s of the page chain's 878).
# The page chain's lines are prefixed `[page] `; its failure fails `make test` as the native one does.
set -uo pipefail
cd "$(dirname "$0")/.."

make --no-print-directory setup || exit 1

(
  make --no-print-directory test-js test-e2e test-mvp 2>&1 | sed -u 's/^/[page] /'
  exit "${PIPESTATUS[0]}"
) &
page=$!

make --no-print-directory lint test-rust test-wasm
native=$?
wait "$page"
page_rc=$?

if [ "$native" -ne 0 ] || [ "$page_rc" -ne 0 ]; then
  [ "$native" -ne 0 ] && echo "make test: lint / test-rust / test-wasm 失败(退出码 $native)" >&2
  [ "$page_rc" -ne 0 ] && echo "make test: test-js / test-e2e / test-mvp 失败(退出码 $page_rc)" >&2
  exit 1
fi
echo "make test: 全部通过"

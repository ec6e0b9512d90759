#!/usr/bin/env bash
# The wasm binding's boundary tests (tests/wasm.rs, wasm-bindgen-test), run twice: in Node.js and in
# headless Chromium through Debian's chromium + chromium-driver (scripts/setup.sh installs them).
# wasm-bindgen-test-runner is cargo's runner for wasm32; it never downloads a driver.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-60}
run() { cargo test --locked --target wasm32-unknown-unknown --test wasm "$@"; }

printf '\033[1m==> wasm-bindgen-test: Node.js %s\033[0m\n' "$(node --version)"
run

chromium=${CHROMIUM:-/usr/bin/chromium}
driver=${CHROMEDRIVER:-/usr/bin/chromedriver}
for f in "$chromium" "$driver"; do
  [ -x "$f" ] || { echo "缺少 $f:请先运行 scripts/setup.sh(安装 Debian 的 chromium 和 chromium-driver)" >&2; exit 1; }
done
# Capabilities for the runner's WebDriver session: Debian's browser, no background traffic (this
# machine's network is closed; Chromium's own update and sync requests would only fail).
caps=$(mktemp --suffix=.json)
trap 'rm -f "$caps"' EXIT
cat >"$caps" <<JSON
{"goog:chromeOptions": {"binary": "$chromium", "args": ["--headless=new", "--no-sandbox",
  "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]}}
JSON
printf '\033[1m==> wasm-bindgen-test: headless %s\033[0m\n' "$("$chromium" --version 2>/dev/null)"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$driver" WASM_BINDGEN_TEST_WEBDRIVER_JSON="$caps" run

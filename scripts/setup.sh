#!/usr/bin/env bash
# Installs what building and testing need, idempotently: nothing installed by hand survives a new
# machine, so `make run` and `make test` call this first. Only crates.io, npm and Debian are reachable.
set -euo pipefail
cd "$(dirname "$0")/.."

need_browser=${NEED_BROWSER:-1}

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# From a bare clone, `make test` writes ~3 GB (target/ 1.7 GB, the tools, Chromium, node_modules). A
# disk that fills mid-build fails far from its cause (a linker "Bus error"): say so first. A warning,
# not a stop: the figure is this machine's and an estimate.
if [ ! -d target ]; then
  free_mb=$(df -Pm . 2>/dev/null | awk 'NR == 2 {print $4}')
  if [ -n "$free_mb" ] && [ "$free_mb" -lt 4096 ]; then
    echo "setup: 警告:磁盘只剩 ${free_mb} MB,从零构建并运行全部测试约需 3 GB;空间不足时构建会在中途失败(No space left on device)" >&2
  fi
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Debian packages, installed in the background while the tools below compile (apt waits on the
# network and the disk, cargo on the CPU); waited for before this script ends.
#   poppler-utils measures the printouts' PDFs in the e2e tests (pdftotext -bbox, pdftoppm);
#   chromium and chromium-driver run the page and the wasm tests (never a downloaded browser);
#   fonts-wqy-microhei: Chinese glyphs for screenshots and the print preview in headless Chromium (the
#   page itself only names system fonts; 1.6 MB, against 57 MB for fonts-noto-cjk).
debs=()
if [ "$need_browser" = 1 ]; then
  command -v pdftotext >/dev/null 2>&1 || debs+=(poppler-utils)
  { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || debs+=(chromium chromium-driver)
  fc-list :lang=zh 2>/dev/null | grep -q . || debs+=(fonts-wqy-microhei)
fi
apt_pid=
apt_log=$(mktemp)
if [ ${#debs[@]} -gt 0 ]; then
  step "apt-get install ${debs[*]} (in the background)"
  (
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${debs[@]}"
  ) >"$apt_log" 2>&1 &
  apt_pid=$!
fi

# The tools are built without optimisation, both at once: they only drive the build and the test
# runs (wasm-bindgen reads a wasm in ~1–4 s instead of ~0.3–1.2 s, with the same output byte for
# byte), and a bare machine builds the two in 2m41s instead of 5m46s one after the other at their
# own release settings.
tool_build=(env CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_DEBUG=0)
wp_pid=
wp_log=$(mktemp)
if ! command -v wasm-pack >/dev/null 2>&1; then
  step "cargo install wasm-pack (in the background)"
  "${tool_build[@]}" cargo install wasm-pack --locked >"$wp_log" 2>&1 &
  wp_pid=$!
fi

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  step "cargo install wasm-bindgen-cli $wb_version"
  # Not --locked: the CLI's own lock file pins versions that no longer build here.
  "${tool_build[@]}" cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# A background step that failed stops here, with what it printed.
wait_for() { # name pid log
  if [ -n "$2" ] && ! wait "$2"; then
    cat "$3" >&2
    echo "setup: $1 失败" >&2
    exit 1
  fi
}
wait_for "cargo install wasm-pack" "$wp_pid" "$wp_log"

# The wasm is ~10 % smaller when std is rebuilt for size (scripts/build-wasm.sh), which needs the
# nightly toolchain's rust-src. Optional: without nightly, or if rust-src cannot be had, stable builds it.
if rustup run nightly rustc --version >/dev/null 2>&1 \
  && ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  step "rustup component add rust-src --toolchain nightly"
  rustup component add rust-src --toolchain nightly || echo "setup: 未能安装 nightly 的 rust-src,wasm 将用 stable 构建" >&2
fi

# node_modules: playwright-core (drives Debian's chromium; never downloads a browser) and binaryen
# (wasm-opt; Debian's binaryen 108 emits wasm that crashes at load).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python openpyxl: a real third-party XLSX reader for tests/xlsx_openpyxl.rs (the template round
# trip and the aggregation workbook). In a venv outside the tree (PyPI is reachable), so it survives
# `cargo clean`; the tests fail, never skip, without it.
pyvenv="${CYBERDUTY_VENV:-$HOME/.cache/cyberduty/venv}"
if ! "$pyvenv/bin/python" -c 'import openpyxl' >/dev/null 2>&1; then
  step "pip install openpyxl (into $pyvenv)"
  if ! python3 -m venv "$pyvenv" 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq python3-venv >/dev/null
    python3 -m venv "$pyvenv"
  fi
  "$pyvenv/bin/pip" install --quiet --disable-pip-version-check 'openpyxl>=3.1,<4'
fi

wait_for "apt-get install ${debs[*]}" "$apt_pid" "$apt_log"
rm -f "$apt_log" "$wp_log"

# Sourced by scripts/build-wasm.sh (the page's pkg/) and scripts/build-wasm-bound.sh (the bench's
# lower bound): the one place the wasm's build flags are written, so both build the same code.
#
# The MVP feature set (WebAssembly 1.0) and nothing after it: government intranets run domestic
# browsers on old Chromium kernels (before 96 they reject reference types and multi-value, which
# Rust emits by default since 1.82). wasm-opt refuses input that uses anything more, and
# tests/mvp.rs checks the result again.
WASM_OPT=(node_modules/.bin/wasm-opt --mvp-features)
MVP=-Ctarget-cpu=mvp
# Nightly only (with -Zbuild-std): panics that abort at once, `{:?}` formatting nothing, no
# file/line in panics (see scripts/build-wasm.sh).
# binaryen after rustc: -O3 on the size-built code (why: scripts/build-wasm.sh).
WASM_OPT_LEVEL=-O3
NIGHTLY_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"

nightly_with_src() {
  local sysroot
  [ "${CYBERDUTY_WASM_TOOLCHAIN:-}" != stable ] || return 1
  sysroot=$(rustup run nightly rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/src/rust/library" ]
}

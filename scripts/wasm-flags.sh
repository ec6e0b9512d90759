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
# With -Zbuild-std, std's own crates are built under our profile, i.e. at opt-level "z" like the
# rest: memcpy a byte loop, fmt, the allocator and UTF-8 checks slow. At 3 (measured side by side in
# Node, round 11): classify() 295 -> 231 us, score() 463 -> 420, the page's aggregation 4.7x -> 3.76x
# of JSON.parse, for +13.9 KB wasm, +6.4 KB gzip page. Only here, not in Cargo.toml: outside a
# build-std build cargo warns on every command that these packages match nothing.
STD_AT_SPEED=()
for crate in core alloc std compiler_builtins dlmalloc; do
  STD_AT_SPEED+=(--config "profile.wasm.package.$crate.opt-level=3")
done

# Our crate's own LLVM flags in the size profile (nightly cargo only: -Zprofile-rustflags; why and
# what they cost: Cargo.toml [profile.wasm.package.cyberduty]). The speed build (wasm-speed, which
# inherits the wasm profile) clears them: it is every crate at opt-level 3 as LLVM sets it.
OUR_CRATE_FLAGS=(-Zprofile-rustflags
  --config 'profile.wasm.package.cyberduty.rustflags=["-Cllvm-args=-inline-threshold=50", "-Cllvm-args=-unroll-threshold=0"]'
  --config 'profile.wasm-speed.package.cyberduty.rustflags=[]')

# Stable only (no -Zbuild-std): its prebuilt std is compiled for newer features (bulk memory, sign
# extension, non-trapping float-to-int, reference types). The linker is given a feature list without
# them instead of inferring std's (from std's list wasm-bindgen would look for externref tables the
# 1.0-built crate does not have), and binaryen lowers std's newer instructions to 1.0 ones before the
# usual pass, which accepts 1.0 only. Larger and slower than the nightly build; the same results.
STABLE_LINK="-C link-arg=--no-check-features -C link-arg=--features=mutable-globals"
STABLE_LOWER=("${WASM_OPT[0]}" --enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext
  --enable-nontrapping-float-to-int --enable-mutable-globals --enable-reference-types
  --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering --signext-lowering)

nightly_with_src() {
  local sysroot
  [ "${CYBERDUTY_WASM_TOOLCHAIN:-}" != stable ] || return 1
  sysroot=$(rustup run nightly rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/src/rust/library" ]
}

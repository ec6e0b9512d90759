#!/usr/bin/env bash
# `make wasm`: the core's wasm for the page, built for size (then sped up a little by wasm-opt -O3).
#   pkg/                 the npm package `cyberduty` (wasm-pack --target web, profile `wasm`), its wasm
#                        optimised by npm's binaryen wasm-opt (Debian's binaryen 108 emits wasm that
#                        crashes at load);
#   target/inflate.wasm  the small decoder embed.js (and the page, where the browser has no
#                        DecompressionStream) unpacks that wasm with (scripts/inflate.rs; see
#                        scripts/build-dist.mjs).
#
# With the nightly toolchain and its rust-src (scripts/setup.sh adds rust-src when nightly is
# there), std is rebuilt with the crate, with panics that abort at once instead of formatting a
# message nobody sees (wasm32-unknown-unknown has no stderr): the wasm is ~10 % smaller. std's own
# crates are built at opt-level 3 there (STD_AT_SPEED, scripts/wasm-flags.sh), ours at 2 with a held
# inliner (OUR_CRATE_FLAGS), the rest at "z".
# Also nightly only: `{:?}` formats nothing (-Zfmt-debug=none: no output of ours uses Debug, the
# node tests check the messages) and panics carry no file/line (-Zlocation-detail=none): −6,743 B.
# Without them, or if that build fails, stable builds it. CYBERDUTY_WASM_TOOLCHAIN=stable forces stable.
# Same sources either way: the results are the same, only the size differs.
#
# `make bench` also builds the same crate with the same flags for speed (scripts/bench.sh:
# CYBERDUTY_WASM_PROFILE=wasm-speed, CYBERDUTY_WASM_OUT=target/bench/pkg-speed): the fastest build
# the toolchain makes of this code, timed beside pkg/ to bound what a build setting could win.
set -euo pipefail
cd "$(dirname "$0")/.."

# WASM_OPT, MVP (WebAssembly 1.0 only), NIGHTLY_FLAGS, nightly_with_src.
source scripts/wasm-flags.sh
PROFILE=${CYBERDUTY_WASM_PROFILE:-wasm}
OUT=${CYBERDUTY_WASM_OUT:-pkg}
PACK=(wasm-pack build --target web --profile "$PROFILE" --out-dir "$PWD/$OUT" --out-name cyberduty .)

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

built=
if nightly_with_src; then
  step "wasm ($PROFILE → $OUT): $(rustup run nightly rustc --version), std rebuilt with the crate (-Zbuild-std)"
  if RUSTUP_TOOLCHAIN=nightly RUSTFLAGS="$NIGHTLY_FLAGS $MVP" \
    "${PACK[@]}" -Zbuild-std=std,panic_abort "${STD_AT_SPEED[@]}" "${OUR_CRATE_FLAGS[@]}"; then
    built=nightly
  else
    echo "build-wasm: nightly 构建失败,改用 stable 构建" >&2
  fi
fi
if [ -z "$built" ]; then
  # Stable's prebuilt std is compiled for newer features: lowered to 1.0 (STABLE_LINK, STABLE_LOWER).
  step "wasm ($PROFILE → $OUT): $(rustc --version)"
  RUSTFLAGS="$MVP $STABLE_LINK" "${PACK[@]}"
  "${STABLE_LOWER[@]}" "$OUT/cyberduty_bg.wasm" -o "$OUT/cyberduty_bg.wasm"
fi
# -O3, not -Oz: the code is already size-built by rustc (opt-level "z"; ours 2 with a held inliner
# since round 13); binaryen's speed passes (inlining, mostly) on top of that made score() −6 to −7 %
# and classify() −8 to −11 % in Node (side by side, benches/HISTORY.md) for +16.5 KB raw, +1.9 KB
# gzip, +0.8 KB LZMA (what the page carried then). Every crate at opt-level 3 would be −50 % for
# +380 KB: not taken.
"${WASM_OPT[@]}" "$WASM_OPT_LEVEL" "$OUT/cyberduty_bg.wasm" -o "$OUT/cyberduty_bg.wasm"
if [ "$OUT" != pkg ]; then
  printf 'build-wasm: %s/cyberduty_bg.wasm %s bytes (%s, %s)\n' "$OUT" "$(stat -c %s "$OUT/cyberduty_bg.wasm")" "$PROFILE" "${built:-stable}"
  exit 0
fi

step "wasm: target/inflate.wasm (the unpacker)"
mkdir -p target/inflate
rustc --edition 2021 --crate-type cdylib --target wasm32-unknown-unknown -C opt-level=s -C panic=abort $MVP \
  -C lto -C strip=symbols -C link-arg=-zstack-size=8192 -D warnings \
  scripts/inflate.rs -o target/inflate/inflate.wasm
"${WASM_OPT[@]}" -Oz --strip-producers --strip-target-features target/inflate/inflate.wasm -o target/inflate.wasm
printf 'build-wasm: pkg/cyberduty_bg.wasm %s bytes (%s), target/inflate.wasm %s bytes\n' \
  "$(stat -c %s pkg/cyberduty_bg.wasm)" "${built:-stable}" "$(stat -c %s target/inflate.wasm)"

# The two promises (README): `make run` and `make test` work on a fresh machine of this kind.
# Every target installs what it needs through scripts/setup.sh (idempotent).

SHELL := /bin/bash
.DEFAULT_GOAL := help
export CARGO_TERM_COLOR ?= never
PORT ?= 8080

.PHONY: help setup build wasm dist run test test-rust test-wasm test-node test-mvp test-js test-e2e lint bench fuzz clean

help:
	@echo "make run    构建并在 http://127.0.0.1:$(PORT)/ 提供页面(同时给出单文件 dist/cyberduty.html 的路径)"
	@echo "make test   安装测试所需工具并运行全部测试"
	@echo "make build  只构建:target/release/cyberduty、pkg/(npm 包)、dist/"
	@echo "make bench  基准测试,结果写入 BENCHMARKS.md"
	@echo "make fuzz   模糊测试(每个目标 FUZZ_SECONDS 秒,缺省 60)"

setup:
	@scripts/setup.sh

# pkg/: the npm package `cyberduty` (wasm-pack, --target web), built for size (nightly -Zbuild-std when
# installed, else stable) and optimised by npm's binaryen; target/inflate.wasm: the unpacker.
wasm: setup
	scripts/build-wasm.sh

# dist/: the single self-contained page and the embeddable bundle.
dist: wasm
	node scripts/build-dist.mjs

build: dist
	cargo build --release --locked

run: build
	@echo
	@echo "单文件版(可离线直接打开):file://$(CURDIR)/dist/cyberduty.html"
	@echo "页面地址:http://127.0.0.1:$(PORT)/cyberduty.html  (Ctrl+C 停止)"
	@echo "门户嵌入示例:http://127.0.0.1:$(PORT)/examples/portal.html(说明见 docs/EMBEDDING.md)"
	@echo
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

lint: setup
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --workspace --lib --target wasm32-unknown-unknown --locked -- -D warnings

test-rust: setup
	cargo test --workspace --locked

test-wasm: setup
	scripts/test-wasm.sh

# playwright-core drives Debian's /usr/bin/chromium against dist/ over file:// (never a downloaded
# browser); screenshots, the report PDF and figures.json land in target/e2e/.
test-e2e: dist
	node --test --test-reporter=spec tests/e2e/

# The shipped wasm is WebAssembly 1.0 only (tests/mvp.rs); the bad-input catalogue through the wasm binding, in Node (pkg/); the page's DOM-free models
# (tests/www/, against the real core in pkg/ and a grep that no domain word is written in www/js).
test-node: test-mvp test-js

test-mvp: wasm
	cargo test --locked --test mvp -- --ignored

test-js: wasm
	node --test tests/node/ tests/www/

# Everything above, in two chains at once after one setup (scripts/test.sh says why).
test:
	@scripts/test.sh

bench: build
	scripts/bench.sh

# Not part of `make test`: FUZZ_SECONDS (default 60) per target; prints executions and crashes.
fuzz:
	scripts/fuzz.sh

clean:
	cargo clean
	rm -rf pkg dist

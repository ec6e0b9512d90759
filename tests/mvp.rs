//! The page's wasm uses WebAssembly 1.0 (MVP) features only, so browsers on older Chromium kernels
//! (domestic browsers on government intranets; before Chromium 96 reference types and multi-value
//! are rejected) still load it. Reads the build output: `make test-node` runs it after `make wasm`
//! (`cargo test --test mvp -- --ignored`); a plain `cargo test` lists it as ignored.

use std::path::Path;
use wasmparser::{Validator, WasmFeatures};

fn check(path: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let bytes = std::fs::read(&file)
        .unwrap_or_else(|e| panic!("{}: {e} (run make wasm first)", file.display()));
    let mut v = Validator::new_with_features(WasmFeatures::WASM1);
    if let Err(e) = v.validate_all(&bytes) {
        panic!("{path} uses a feature newer than WebAssembly 1.0: {e}");
    }
}

#[test]
#[ignore = "reads pkg/ and target/inflate.wasm: run by make test-node after make wasm"]
fn the_page_wasm_is_mvp() {
    check("pkg/cyberduty_bg.wasm");
}

#[test]
#[ignore = "reads target/inflate.wasm: run by make test-node after make wasm"]
fn the_unpacker_is_mvp() {
    check("target/inflate.wasm");
}

#[test]
fn a_post_mvp_module_is_refused() {
    // (module (func (result i32 i32) i32.const 0 i32.const 1)): multi-value.
    let wat = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x06, 0x01, 0x60, 0x00, 0x02, 0x7f, 0x7f, // type: () -> (i32, i32)
        0x03, 0x02, 0x01, 0x00, // func 0: type 0
        0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0x41, 0x01, 0x0b, // body
    ];
    let mut v = Validator::new_with_features(WasmFeatures::WASM1);
    assert!(v.validate_all(&wat).is_err());
    let mut v = Validator::new_with_features(WasmFeatures::WASM1 | WasmFeatures::MULTI_VALUE);
    assert!(v.validate_all(&wat).is_ok());
}

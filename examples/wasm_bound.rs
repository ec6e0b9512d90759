//! Bench only (`make bench`, never shipped): the in-browser lower bound of aggregating a signed
//! `cyberduty.export/2` file, the browser twin of `breakdown` in benches/aggregate.rs. Built for
//! wasm32 with the page's own flags (profile `wasm`, nightly -Zbuild-std, MVP; scripts/bench.sh via
//! scripts/build-wasm-bound.sh) and driven by scripts/bench-browser.mjs, in the same page and run as
//! the ratio it bounds. Plain `extern "C"` functions over the library's public functions, so the
//! shipped API (src/wasm/) carries nothing for the bench.
//!
//! Protocol: for each file, `bound_input(len)` gives a buffer the caller fills with the file's bytes and
//! `bound_prepare()` keeps (untimed) the bytes around the embedded rubric (the rubric replaced by `0`)
//! and the signature's key, value and digest. Each part is then timed alone over every kept file:
//! `bound_parse_rest()` (serde_json `Value`), `bound_sm3_rest()`, `bound_verify_all()` (public key read, Z hash,
//! one SM2 verification). Each returns how many files it did (0 = none, or a verification failed).
use cyberduty::domain::{digest, json, sign::PublicKey};
use std::sync::Mutex;

struct File {
    rest: String,
    key: String,
    value: String,
    digest: String,
}

static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static FILES: Mutex<Vec<File>> = Mutex::new(Vec::new());

/// A buffer of `len` bytes for the next file; its address in linear memory.
#[no_mangle]
pub extern "C" fn bound_input(len: usize) -> *mut u8 {
    let mut buf = INPUT.lock().unwrap();
    buf.clear();
    buf.resize(len, 0);
    buf.as_mut_ptr()
}

/// Keeps what the timed parts need from the file in the input buffer: 1, or 0 if it is not a
/// signed export with an embedded rubric.
#[no_mangle]
pub extern "C" fn bound_prepare() -> u32 {
    let buf = INPUT.lock().unwrap();
    let kept = (|| {
        let text = std::str::from_utf8(&buf).ok()?;
        let (_, raw) = json::parse_aside(&buf, "rubric")?;
        let at = raw.as_ptr() as usize - text.as_ptr() as usize;
        let rest = format!("{}0{}", &text[..at], &text[at + raw.len()..]);
        let v: serde_json::Value = serde_json::from_str(&rest).ok()?;
        let s = |x: &serde_json::Value| x.as_str().map(str::to_string);
        let sig = &v["signature"];
        Some(File {
            key: s(&sig["public_key"])?,
            value: s(&sig["value"])?,
            digest: s(&v["digest"])?,
            rest,
        })
    })();
    kept.map_or(0, |f| {
        FILES.lock().unwrap().push(f);
        1
    })
}

/// Forgets every kept file.
#[no_mangle]
pub extern "C" fn bound_reset() {
    FILES.lock().unwrap().clear();
}

/// Part 1: the bytes around the rubric parsed into a serde_json `Value`.
#[no_mangle]
pub extern "C" fn bound_parse_rest() -> u32 {
    let files = FILES.lock().unwrap();
    for f in files.iter() {
        let v: serde_json::Value = serde_json::from_str(&f.rest).unwrap_or_default();
        std::hint::black_box(v);
    }
    files.len() as u32
}

/// Part 2: SM3 of those bytes.
#[no_mangle]
pub extern "C" fn bound_sm3_rest() -> u32 {
    let files = FILES.lock().unwrap();
    for f in files.iter() {
        std::hint::black_box(digest::sm3_hex(f.rest.as_bytes()));
    }
    files.len() as u32
}

/// Part 3: the public key read (with its Z hash) and one SM2 verification per file.
#[no_mangle]
pub extern "C" fn bound_verify_all() -> u32 {
    let files = FILES.lock().unwrap();
    let ok = files.iter().all(|f| {
        PublicKey::parse(&f.key, "$").is_ok_and(|k| k.verifies(f.digest.as_bytes(), &f.value))
    });
    if ok {
        files.len() as u32
    } else {
        0
    }
}

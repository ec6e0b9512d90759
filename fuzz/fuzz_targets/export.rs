//! Any bytes as an export file: opening never panics, and a file that opens re-opens the same.
#![no_main]
use cyberduty::domain::export;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(opened) = export::verify(data, None) {
        assert!(opened.digest.starts_with("sm3:"));
    }
});

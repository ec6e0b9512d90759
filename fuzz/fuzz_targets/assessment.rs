//! Any bytes as an assessment against the default rubric: never a panic; a valid one scores
//! within [0, max].
#![no_main]
use cyberduty::domain::json;
use cyberduty::domain::score;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = json::parse(data) else { return };
    if let Ok(r) = score::score_documents(None, &doc) {
        assert!(r.total.0 >= 0 && r.total.0 <= r.max.0);
        assert_eq!(r.complete, r.missing.is_empty());
    }
});

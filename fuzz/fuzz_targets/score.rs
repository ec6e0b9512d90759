//! A rubric and an assessment from one input (split at the first NUL byte): never a panic, and a
//! scored total always lies within [0, max].
#![no_main]
use cyberduty::domain::json;
use cyberduty::domain::score;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|b| *b == 0) else { return };
    let (Ok(rubric), Ok(assessment)) = (json::parse(&data[..split]), json::parse(&data[split + 1..])) else {
        return;
    };
    if let Ok(r) = score::score_documents(Some(&rubric), &assessment) {
        assert!(r.total.0 >= 0 && r.total.0 <= r.max.0);
        assert!(r.base.0 <= r.max.0);
    }
});

//! Any bytes as an incident: never a panic; exactly seven situations, and the overall status
//! follows from them.
#![no_main]
use cyberduty::domain::incident;
use cyberduty::domain::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = json::parse(data) else { return };
    if let Ok(c) = incident::classify_document(&doc) {
        assert_eq!(c.triggers.len(), 7);
        let text = serde_json::to_string(&c).expect("a classification serializes");
        assert!(text.contains("cyberduty.classification/1"));
    }
});

//! Any bytes as a rubric: never a panic; a rubric that validates survives a round trip unchanged.
#![no_main]
use cyberduty::domain::json;
use cyberduty::domain::rubric::Rubric;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = json::parse(data) else { return };
    if let Ok(r) = Rubric::from_json(&doc) {
        let text = serde_json::to_string(&r).expect("a rubric serializes");
        let again = Rubric::parse(&text).expect("a serialized rubric validates");
        assert_eq!(r, again);
        assert_eq!(r.digest(), again.digest());
    }
});

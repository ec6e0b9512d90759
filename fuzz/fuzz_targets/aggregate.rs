//! A batch cut from one input at NUL bytes: every file gets exactly one outcome, whatever it holds.
#![no_main]
use cyberduty::domain::aggregate::{self, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inputs: Vec<Input> = data
        .split(|b| *b == 0)
        .take(16)
        .enumerate()
        .map(|(i, part)| Input::bytes(format!("f{i}.json"), part.to_vec()))
        .collect();
    let n = inputs.len();
    let a = aggregate::aggregate(None, inputs, Vec::new()).expect("the default reference is valid");
    assert_eq!(a.files.len(), n);
    let _ = aggregate::csv(&a);
});

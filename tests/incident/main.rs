//! The incident classifier against the regulation, clause by clause, one file per module of
//! src/domain/incident/: every situation at its boundaries, each unknown fact that flips met ↔
//! undetermined (situations.rs), accountability, grade tiers exactly at and just below each line
//! (grade.rs), reporting deadlines across offsets (reporting.rs), malformed incidents (model.rs,
//! time.rs), and soundness under unknown facts (soundness.rs, proptest). This file holds the shared
//! builders. The golden vectors run in tests/vectors.rs.

use cyberduty::domain::incident::{
    self, classify_document, Classification, GradeLevel, Incident, Status,
};
use cyberduty::domain::json;
use serde_json::{json, Value};

#[path = "../common/mod.rs"]
mod common;
use common::quiet_facts as quiet;

mod accountability;
mod conflicts;
mod forms;
mod grade;
mod model;
mod policy;
mod reporting;
mod situations;
mod soundness;
mod time;
mod wording;

// ---- builders ------------------------------------------------------------------------------

/// `quiet()` with some facts replaced (`null` makes a fact unknown).
fn with(patch: Value) -> Value {
    let mut f = quiet();
    if let (Some(base), Some(p)) = (f.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            base.insert(k.clone(), v.clone());
        }
    }
    f
}

fn incident(target: Option<&str>, level: Option<&str>, facts: Value) -> Value {
    json!({
        "schema": "cyberduty.incident/1",
        "title": "测试事件",
        "unit": {"name": "测试单位", "level": level},
        "target": target,
        "facts": facts
    })
}

fn run(doc: &Value) -> Classification {
    classify_document(&common::doc(doc)).unwrap_or_else(|e| panic!("should classify: {e}"))
}

fn err(doc: &Value) -> (String, String) {
    err_text(&doc.to_string())
}

fn err_text(text: &str) -> (String, String) {
    match json::parse_str(text).and_then(|j| classify_document(&j)) {
        Ok(_) => panic!("should be refused: {text}"),
        Err(e) => (e.code.as_str().to_string(), e.path),
    }
}

/// The shipped policy with every interpretation switched on (as a region's own file would).
fn policy_on() -> incident::Policy {
    incident::policy::DEFAULT_JSON
        .replace("\"enabled\": false", "\"enabled\": true")
        .parse()
        .expect("valid policy")
}

fn run_with(doc: &Value, p: &incident::Policy) -> Classification {
    let i = Incident::from_json(&common::doc(doc)).expect("incident");
    incident::classify_with(&i, p)
}

fn trigger(c: &Classification, item: u8) -> &incident::Trigger {
    &c.triggers[usize::from(item) - 1]
}

fn status(c: &Classification, item: u8) -> Status {
    c.triggers[usize::from(item) - 1].status
}

fn missing(c: &Classification, item: u8) -> Vec<String> {
    c.triggers[usize::from(item) - 1].missing.clone()
}

fn reasons(c: &Classification, item: u8) -> String {
    c.triggers[usize::from(item) - 1].reasons.join("\n")
}

fn check(doc: &Value, item: u8) -> (Status, Vec<String>) {
    let c = run(doc);
    (status(&c, item), missing(&c, item))
}

use GradeLevel::{EspeciallyMajor as EM, General as G, Larger as L, Major as M};
use Status::{Met, NotMet, Undetermined};

fn none() -> Vec<String> {
    Vec::new()
}

fn m(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|s| s.to_string()).collect()
}

fn e(code: &str, path: &str) -> (String, String) {
    (code.to_string(), path.to_string())
}

// ---- the two entry points ------------------------------------------------------------------

#[test]
fn classify_matches_classify_document() {
    let doc = incident(
        Some("cii"),
        Some("central"),
        with(json!({"economic_loss_yuan": 5_000_000})),
    );
    let j = json::parse_str(&doc.to_string()).expect("parse");
    let i = Incident::from_json(&j).expect("incident");
    assert_eq!(incident::classify(&i), run(&doc));
    assert_eq!(run(&doc).schema, "cyberduty.classification/1");
}

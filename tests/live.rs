//! The live score (what the page shows while a unit types) is the sealed score: `export::live` and
//! `export::seal` give the same report, vetoes and answers, and `Sealed.assessment` is the
//! assessment written in the file.

use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::export;
use cyberduty::domain::json::{self, Json};
use cyberduty::domain::rubric::Rubric;
use serde_json::Value;

/// A rubric, an assessment without the Article 8 veto answered, and two incidents (one meeting
/// Article 8 (三)), taken from the export vector.
fn documents() -> (Json, Json, Vec<Json>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/export/02-article8-met/expected.cyberduty.json"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut assessment = v["assessment"].clone();
    assessment["answers"]
        .as_object_mut()
        .unwrap()
        .remove("veto.art8");
    let doc = |v: &Value| json::parse_str(&v.to_string()).unwrap();
    let incidents = v["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| doc(&e["incident"]))
        .collect();
    (doc(&v["rubric"]), doc(&assessment), incidents)
}

#[test]
fn live_is_what_seal_seals() {
    let (rubric_doc, assessment_doc, incidents) = documents();
    let rubric = Rubric::from_json(&rubric_doc).unwrap();
    let assessment = Assessment::from_json(&assessment_doc, &rubric).unwrap();
    let live = export::live(&rubric, &assessment, &incidents).unwrap();
    let sealed = export::seal(
        Some(&rubric_doc),
        &assessment_doc,
        &incidents,
        "2026-01-15T08:00:00Z",
        "test",
    )
    .unwrap();
    assert_eq!(live.score, sealed.score);
    assert_eq!(live.auto_vetoes, sealed.auto_vetoes);
    assert_eq!(live.assessment, sealed.assessment);
    assert_eq!(live.classifications.len(), 2);
    assert!(live.score.vetoed, "Article 8 (三) is met: the veto is set");

    // Sealed.assessment is the assessment in the file, as the file writes it.
    let file: Value = serde_json::from_str(&sealed.text).unwrap();
    assert_eq!(
        serde_json::to_value(&sealed.assessment).unwrap(),
        file["assessment"]
    );
    assert_eq!(
        serde_json::to_value(&live).unwrap()["score"],
        file["score"],
        "the live score serializes as the sealed one"
    );
}

#[test]
fn live_needs_no_unit_code_or_period() {
    let (rubric_doc, assessment_doc, _) = documents();
    let mut v: Value =
        serde_json::from_str(&serde_json::to_string(&assessment_doc).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("period");
    v["unit"].as_object_mut().unwrap().remove("code");
    let rubric = Rubric::from_json(&rubric_doc).unwrap();
    let assessment =
        Assessment::from_json(&json::parse_str(&v.to_string()).unwrap(), &rubric).unwrap();
    let live = export::live(&rubric, &assessment, &[]).unwrap();
    assert!(
        !live.score.complete,
        "no incidents: the Article 8 veto is left to the unit"
    );
}

#[test]
fn a_bad_incident_is_named_by_its_place() {
    let (rubric_doc, assessment_doc, mut incidents) = documents();
    incidents.push(json::parse_str(r#"{"schema": "cyberduty.incident/1", "x": 1}"#).unwrap());
    let rubric = Rubric::from_json(&rubric_doc).unwrap();
    let assessment = Assessment::from_json(&assessment_doc, &rubric).unwrap();
    let e = export::live(&rubric, &assessment, &incidents).unwrap_err();
    assert!(e.message.starts_with("第 3 个事件文件:"), "{e}");
}

//! The policy table as a region's file (src/domain/incident/policy.rs, interpret.rs): versions,
//! readings shared by the situation and the grade, interpretations switched on or replaced.

use super::*;
use cyberduty::domain::incident::policy::DEFAULT_JSON;
use cyberduty::domain::incident::{classify_document_with, Policy};

fn county_portal_views() -> Value {
    incident(
        Some("party_gov_portal"),
        Some("county"),
        with(
            json!({"attacked": true, "tampered": true, "views": 1_000_000,
                    "personal_info_leaked_persons": 2_000_000}),
        ),
    )
}

#[test]
fn a_v1_policy_keeps_opening_with_its_lines_as_labelled_interpretations() {
    let text = std::fs::read_to_string("tests/incident/fixtures/policy-v1.json").expect("fixture");
    let p: Policy = text.parse().expect("a /1 policy opens");
    assert_eq!(p.schema, "cyberduty.policy/1");
    // Its Article 8 lines are on (the file stated them), but now labelled 「本工具解释」.
    let c = run_with(&county_portal_views(), &p);
    assert_eq!(status(&c, 3), Met);
    assert!(reasons(&c, 3).contains("按本工具解释:"));
    assert!(!reasons(&c, 3).contains("(正式文本)"));
    // Scopes come from the shipped table: still not 特别重大.
    assert_eq!(c.grade.level, M);
    assert_eq!(c.policy.schema, "cyberduty.policy/1");
    assert!(!c.policy.shipped);
}

#[test]
fn the_shipped_policy_is_named_in_the_output() {
    let c = run(&county_portal_views());
    assert_eq!(
        (
            c.policy.id.as_str(),
            c.policy.schema.as_str(),
            c.policy.shipped
        ),
        ("cn-incident-2025", "cyberduty.policy/2", true)
    );
    // The one reading is listed; no interpretation is on.
    let ids: Vec<&str> = c.interpretations.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec!["prefecture_and_above_sites"]);
}

#[test]
fn classify_document_with_reads_the_policy_document() {
    let doc = common::doc(&county_portal_views());
    let p = json::parse_str(&DEFAULT_JSON.replace("\"enabled\": false", "\"enabled\": true"))
        .expect("json");
    let c = classify_document_with(&doc, Some(&p)).expect("classifies");
    assert_eq!(status(&c, 3), NotMet); // 2,000,000 < 10,000,000
    assert_eq!(
        classify_document_with(&doc, None).expect("classifies"),
        run(&county_portal_views())
    );
    let future = json::parse_str(&DEFAULT_JSON.replace("cyberduty.policy/2", "cyberduty.policy/3"))
        .expect("json");
    assert_eq!(
        classify_document_with(&doc, Some(&future))
            .err()
            .map(|e| e.code.as_str()),
        Some("E_SCHEMA_FUTURE")
    );
}

#[test]
fn bad_policies_are_refused() {
    let code = |text: String| {
        text.parse::<Policy>()
            .err()
            .map(|e| (e.code.as_str(), e.path))
    };
    let no_reading = DEFAULT_JSON.replace(
        "\"id\": \"prefecture_and_above_sites\"",
        "\"id\": \"other_reading\"",
    );
    assert_eq!(
        code(no_reading).map(|c| c.0),
        Some("E_FIELD_RANGE"),
        "a tier names a reading that is not there"
    );
    let bad_pair = DEFAULT_JSON.replace("\"measure\": \"views\"", "\"measure\": \"reposts\"");
    assert_eq!(
        code(bad_pair),
        Some(("E_FIELD_RANGE", "$.interpretations[3].fact".to_string()))
    );
}

/// Issue 10, item 2: one reading of 「地市级以上党政机关门户网站或者重点新闻网站」, used by (二) and by
/// the grade alike; a region that reads it otherwise changes both at once.
#[test]
fn one_reading_for_the_situation_and_the_grade() {
    let doc = incident(
        Some("key_news_site"),
        Some("county"),
        with(json!({"attacked": true, "handled_in_time": false, "outage_hours": 7})),
    );
    let c = run(&doc);
    assert_eq!((status(&c, 2), c.grade.level), (NotMet, G));
    assert_eq!(c.grade.interpretations, vec!["prefecture_and_above_sites"]);
    // A policy reading 「地市级以上」 as binding portals only.
    let portals_only = DEFAULT_JSON.replace(
        r#"{
          "target": "key_news_site",
          "levels": [
            "central",
            "provincial",
            "prefecture"
          ]
        }"#,
        r#"{"target": "key_news_site"}"#,
    );
    assert_ne!(portals_only, DEFAULT_JSON);
    let p: Policy = portals_only.parse().expect("valid");
    let c = run_with(&doc, &p);
    assert_eq!((status(&c, 2), c.grade.level), (Met, M));
}

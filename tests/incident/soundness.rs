//! Soundness of the three-valued logic (src/domain/incident/tri.rs) across the whole classifier:
//! a verdict given while facts are unknown never changes once they are known. The regression seeds
//! live beside this file in soundness.proptest-regressions (the file named explicitly below:
//! proptest's default would look in tests/proptest-regressions/ because tests/incident/ holds a
//! main.rs).

use super::*;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const BOOLS: [&str; 20] = [
    "attacked",
    "tampered",
    "harmful_info_spread_widely",
    "reported_in_time",
    "handled_in_time",
    "state_secret_leaked",
    "personal_info_leak_large_scale",
    "basic_data_leaked_massively",
    "wide_public_impact",
    "major_economic_loss",
    "serious_social_impact",
    "concealed",
    "refused_cooperation",
    "notified_risk_unrectified",
    "serious_consequence",
    "obstructed_security_organs",
    "refused_support_security_organs",
    "other_serious_harm",
    "supervision_inadequate",
    "very_large_platform",
];
/// Values around every line in the policy table and Article 8.
const HOURS: [f64; 10] = [0.0, 0.49, 0.5, 1.99, 2.0, 5.9, 6.0, 23.99, 24.0, 100.0];
const COUNTS: [u64; 12] = [
    0,
    999,
    1000,
    9999,
    100_000,
    999_999,
    1_000_000,
    9_999_999,
    10_000_000,
    100_000_000,
    u64::MAX,
    12_345,
];
const YUAN: [f64; 8] = [
    0.0,
    4_999_999.99,
    5_000_000.0,
    19_999_999.99,
    20_000_000.0,
    99_999_999.0,
    100_000_000.0,
    1e12,
];
const TARGETS: [&str; 5] = [
    "party_gov_portal",
    "key_news_site",
    "large_platform",
    "cii",
    "other",
];
const LEVELS: [&str; 5] = ["central", "provincial", "prefecture", "county", "township"];

/// A fully known incident decoded from bytes, and the same incident with the facts whose mask
/// bit is set made unknown (`null`).
fn incidents(b: &[u8], mask: &[bool]) -> (Value, Value) {
    let pick = |i: usize| b.get(i).copied().unwrap_or(0) as usize;
    let mut facts = serde_json::Map::new();
    for (i, k) in BOOLS.iter().enumerate() {
        facts.insert(k.to_string(), json!(pick(i) % 2 == 1));
    }
    facts.insert("outage_hours".into(), json!(HOURS[pick(20) % HOURS.len()]));
    facts.insert(
        "outage_scope".into(),
        json!(["full", "main_functions"][pick(21) % 2]),
    );
    for (i, k) in [
        "personal_info_leaked_persons",
        "people_affected",
        "reposts",
        "views",
    ]
    .iter()
    .enumerate()
    {
        facts.insert(k.to_string(), json!(COUNTS[pick(22 + i) % COUNTS.len()]));
    }
    facts.insert(
        "spread_homepage_hours".into(),
        json!(HOURS[pick(26) % HOURS.len()]),
    );
    facts.insert(
        "spread_other_pages_hours".into(),
        json!(HOURS[pick(27) % HOURS.len()]),
    );
    facts.insert(
        "economic_loss_yuan".into(),
        json!(YUAN[pick(28) % YUAN.len()]),
    );
    let full = json!({
        "schema": "cyberduty.incident/1",
        "unit": {"level": LEVELS[pick(29) % 5]},
        "target": TARGETS[pick(30) % 5],
        "facts": facts,
        "timeline": {"discovered_at": "2026-03-01T09:00:00+08:00",
                     "reported_at": format!("2026-03-01T{:02}:{:02}:00Z", 1 + pick(31) % 5, pick(32) % 60)}
    });
    let mut masked = full.clone();
    let keys: Vec<String> = facts.keys().cloned().collect();
    for (i, k) in keys.iter().enumerate() {
        if mask.get(i).copied().unwrap_or(false) {
            masked["facts"][k] = Value::Null;
        }
    }
    if mask.get(40).copied().unwrap_or(false) {
        masked["target"] = Value::Null;
    }
    // With the shipped policy (no interpretation enabled) a 「大面积」/「重大经济损失」 flag is
    // the user's answer: absent means unknown, whatever the numbers say.
    if mask.get(41).copied().unwrap_or(false) {
        masked["unit"]["level"] = Value::Null;
    }
    (full, masked)
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::with_cases(600)
    })]
    #[test]
    fn known_verdicts_survive_any_completion_of_the_unknowns(
        bytes in prop::collection::vec(any::<u8>(), 33),
        mask in prop::collection::vec(any::<bool>(), 42),
    ) {
        let (mut full, mut masked) = incidents(&bytes, &mask);
        // A completion that contradicts itself (W_FACT_CONFLICT) leaves its elements open on
        // purpose: it is not a completion soundness speaks about. Make the claims agree.
        if full["facts"]["tampered"] == json!(true) {
            full["facts"]["attacked"] = json!(true);
            if !masked["facts"]["attacked"].is_null() {
                masked["facts"]["attacked"] = json!(true);
            }
        }
        if full["facts"]["personal_info_leaked_persons"] == json!(0) {
            full["facts"]["personal_info_leak_large_scale"] = json!(false);
            if !masked["facts"]["personal_info_leak_large_scale"].is_null() {
                masked["facts"]["personal_info_leak_large_scale"] = json!(false);
            }
        }
        if let Some(on_time) = run(&full).reporting.on_time {
            full["facts"]["reported_in_time"] = json!(on_time);
            if !masked["facts"]["reported_in_time"].is_null() {
                masked["facts"]["reported_in_time"] = json!(on_time);
            }
        }
        let f = run(&full);
        prop_assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        let m = run(&masked);
        prop_assert_eq!(f.triggers.len(), 7);
        for (ft, mt) in f.triggers.iter().zip(&m.triggers) {
            prop_assert!(ft.status != Undetermined && ft.missing.is_empty());
            prop_assert_eq!(mt.missing.is_empty(), mt.status != Undetermined);
            if mt.status != Undetermined {
                prop_assert_eq!(mt.status, ft.status, "item {}", mt.item);
            }
        }
        prop_assert!(!f.grade.at_least);
        prop_assert!(m.grade.level <= f.grade.level);
        if !m.grade.at_least {
            prop_assert_eq!(m.grade.level, f.grade.level);
        }
        if let Some(req) = m.reporting.required {
            prop_assert_eq!(Some(req), f.reporting.required);
        }
        if m.accountability.status != Undetermined {
            prop_assert_eq!(m.accountability.status, f.accountability.status);
        }
        if let Some(on_time) = m.reporting.on_time {
            if f.reporting.required == Some(true) {
                prop_assert_eq!(Some(on_time), f.reporting.on_time);
            }
        }
        if let Some(d) = m.reporting.deadline_minutes {
            if f.reporting.required == Some(true) {
                prop_assert_eq!(Some(d), f.reporting.deadline_minutes);
            }
        }
    }
}

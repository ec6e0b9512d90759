//! Issue 10, items 8/9: every sentence of an incident output reads as an official writes it — no
//! field names or enum keys, times as `2025年6月10日 08:30`, whole hours as 小时.

use super::*;
use std::fs;

fn sentences(c: &Classification) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in &c.triggers {
        out.extend(t.reasons.iter().cloned());
    }
    out.extend(c.accountability.reasons.iter().cloned());
    out.extend(c.accountability.leniency.reasons.iter().cloned());
    out.extend(c.grade.reasons.iter().cloned());
    out.extend(c.reporting.reasons.iter().cloned());
    out.extend(c.warnings.iter().map(|w| w.message.clone()));
    out.push(c.summary.text.clone());
    out
}

#[test]
fn no_field_names_keys_iso_times_or_whole_hours_in_minutes() {
    let mut docs: Vec<Value> = Vec::new();
    for e in fs::read_dir("tests/vectors/incident").expect("vectors") {
        let p = e.expect("entry").path().join("incident.json");
        let text = fs::read_to_string(&p).expect("incident.json");
        docs.push(serde_json::from_str(&text).expect("JSON"));
    }
    assert!(docs.len() >= 12);
    let p = policy_on();
    for doc in &docs {
        for c in [run(doc), run_with(doc, &p)] {
            for s in sentences(&c) {
                for bad in [
                    "facts.",
                    "target",
                    "unit.level",
                    "timeline.",
                    " = true",
                    " = false",
                ] {
                    assert!(!s.contains(bad), "{bad} in: {s}");
                }
                assert!(!s.contains('_'), "a key in: {s}");
                assert!(
                    !s.chars().any(|c| c.is_ascii_lowercase()),
                    "ASCII word in: {s}"
                );
                for m in [60, 120, 240] {
                    assert!(!s.contains(&format!(" {m} 分钟")), "{m} 分钟 in: {s}");
                }
            }
        }
    }
}

#[test]
fn times_in_their_own_offset() {
    let mut doc = incident(
        Some("other"),
        Some("county"),
        with(json!({"economic_loss_yuan": 5_000_000})),
    );
    doc["timeline"] = json!({
        "discovered_at": "2025-06-10T08:30:00+08:00",
        "reported_at": "2025-06-10T02:30:00Z"
    });
    let c = run(&doc);
    assert!(c.reporting.reasons.iter().any(|r| r
        == "从发现(2025年6月10日 08:30)到报告(2025年6月10日 02:30(UTC))用时 2 小时(不足一分钟按一分钟计),未超过 4 小时时限,按时报告。"));
    assert!(c
        .reporting
        .reasons
        .iter()
        .any(|r| r.ends_with("由其他网络运营者向属地省级网信部门首报,时限 4 小时。")));
}

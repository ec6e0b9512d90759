//! Report forms and their clock (src/domain/incident/forms.rs, record.rs, clock.rs) and the
//! 问责建议书's split of responsibility (proposal.rs): exact statuses at and one minute past each
//! deadline, the first report from `reports`, and bad reports refused with their codes.

use super::*;
use cyberduty::domain::incident::forms::FormStatus;
use cyberduty::domain::incident::{classify_at, proposal, AsOf, Policy};

/// A 重大 portal defacement (Art. 8(一)(二) met) discovered 10:00, handled 2026-03-02 10:00.
fn base(reports: Value) -> Value {
    let mut doc = incident(
        Some("party_gov_portal"),
        Some("prefecture"),
        with(
            json!({"attacked": true, "tampered": true, "harmful_info_spread_widely": true,
            "reported_in_time": false, "handled_in_time": false, "outage_hours": 7}),
        ),
    );
    doc["timeline"] = json!({"discovered_at": "2026-03-01T10:00:00+08:00",
        "resolved_at": "2026-03-02T10:00:00+08:00"});
    doc["reports"] = reports;
    doc
}

fn forms_at(doc: &Value, now: Option<&str>) -> Vec<(FormStatus, Option<String>, Option<bool>)> {
    let i = Incident::from_json(&common::doc(doc)).expect("incident");
    let a = now.map(|n| AsOf::parse(n, "asOf").unwrap());
    classify_at(&i, Policy::default_policy(), None, a.as_ref())
        .reporting
        .forms
        .into_iter()
        .map(|f| (f.status, f.due_at, f.late))
        .collect()
}

#[test]
fn first_and_summary_fall_due_and_overdue_exactly_at_their_deadlines() {
    let doc = base(json!([]));
    let at = |now| forms_at(&doc, Some(now));
    let first_due = Some("2026-03-01T14:00:00+08:00".to_string());
    let summary_due = Some("2026-04-01T10:00:00+08:00".to_string());
    assert_eq!(
        at("2026-03-01T14:00:00+08:00")[0],
        (FormStatus::Due, first_due.clone(), None)
    );
    assert_eq!(at("2026-03-01T14:00:01+08:00")[0].0, FormStatus::Overdue);
    assert_eq!(
        at("2026-04-01T10:00:00+08:00")[2],
        (FormStatus::Due, summary_due.clone(), None)
    );
    assert_eq!(at("2026-04-01T02:01:00Z")[2].0, FormStatus::Overdue);
    // A date as now is 00:00 Beijing time: the summary due that day is still due.
    assert_eq!(at("2026-04-01")[2].0, FormStatus::Due);
    assert_eq!(at("2026-04-02")[2].0, FormStatus::Overdue);
    // Without now, nothing is overdue; follow-ups have no deadline; no crime fact: undetermined.
    let none = forms_at(&doc, None);
    assert_eq!(none[0], (FormStatus::Due, first_due, None));
    assert_eq!(none[1], (FormStatus::AsNeeded, None, None));
    assert_eq!(none[2], (FormStatus::Due, summary_due, None));
    assert_eq!(none[3], (FormStatus::Undetermined, None, None));
}

#[test]
fn filed_reports_are_filed_and_late_ones_say_so() {
    let doc = base(json!([
        {"kind": "first", "at": "2026-03-01T14:01:00+08:00"},
        {"kind": "summary", "at": "2026-04-01T10:00:01+08:00"},
        {"kind": "police", "at": "2026-03-01T12:00:00+08:00"}
    ]));
    let f = forms_at(&doc, Some("2026-05-01"));
    assert_eq!((f[0].0, f[0].2), (FormStatus::Filed, Some(true)));
    assert_eq!((f[2].0, f[2].2), (FormStatus::Filed, Some(true)));
    assert_eq!(f[3].0, FormStatus::Filed);
    // The first report filled timeline.reported_at, so the deadline check ran: 241 minutes.
    let c = run(&doc);
    assert_eq!(c.reporting.reported_within_minutes, Some(241));
    assert_eq!(c.reporting.on_time, Some(false));
}

#[test]
fn impossible_reports_are_refused_with_codes() {
    for (reports, code, path) in [
        (
            json!([{"kind": "first", "at": "2026-03-01T09:59:59+08:00"}]),
            "E_REPORT_ORDER",
            "$.reports[0].at",
        ),
        (
            json!([{"kind": "summary", "at": "2026-03-02T09:00:00+08:00"}]),
            "E_REPORT_ORDER",
            "$.reports[0].at",
        ),
        (
            json!([{"kind": "weekly", "at": "2026-03-02T09:00:00+08:00"}]),
            "E_FIELD_RANGE",
            "$.reports[0].kind",
        ),
        (
            json!([{"kind": "first", "at": "yesterday"}]),
            "E_TIMESTAMP",
            "$.reports[0].at",
        ),
        (
            json!([{"kind": "first"}]),
            "E_FIELD_MISSING",
            "$.reports[0].at",
        ),
    ] {
        assert_eq!(err(&base(reports)), (code.to_string(), path.to_string()));
    }
    // A first report that disagrees with timeline.reported_at.
    let mut doc = base(json!([{"kind": "first", "at": "2026-03-01T12:00:00+08:00"}]));
    doc["timeline"]["reported_at"] = json!("2026-03-01T11:00:00+08:00");
    assert_eq!(
        err(&doc),
        ("E_FIELD_RANGE".to_string(), "$.reports".to_string())
    );
    // People: an unknown role, an empty name.
    let mut doc = base(json!([]));
    doc["people"] = json!([{"name": "张三", "role": "chairman"}]);
    assert_eq!(
        err(&doc),
        ("E_FIELD_RANGE".to_string(), "$.people[0].role".to_string())
    );
    doc["people"] = json!([{"name": " ", "role": "principal"}]);
    assert_eq!(
        err(&doc),
        ("E_FIELD_EMPTY".to_string(), "$.people[0].name".to_string())
    );
}

#[test]
fn article9_shares_for_each_role() {
    let mut doc = base(json!([]));
    doc["facts"]["supervision_inadequate"] = json!(false);
    doc["people"] = json!([
        {"name": "甲", "role": "principal"},
        {"name": "乙", "role": "leader_in_charge"},
        {"name": "丙", "role": "other_member", "took_part_in_decision": true},
        {"name": "丁", "role": "other_member", "took_part_in_decision": false},
        {"name": "戊", "role": "other_member"},
        {"name": "己", "role": "supervisor_head"}
    ]);
    let p = proposal::propose_documents(&common::doc(&doc), None, None, None).unwrap();
    let shares: Vec<(&str, Option<&str>, &str)> = p
        .people
        .iter()
        .map(|s| (s.name.as_str(), s.collective, s.decision))
        .collect();
    assert_eq!(
        shares,
        [
            ("甲", Some("主要领导责任"), "应当追究"),
            ("乙", Some("主要领导责任"), "应当追究"),
            ("丙", Some("重要领导责任"), "应当追究"),
            ("丁", None, "不予追究"),
            ("戊", None, "待定"),
            ("己", None, "不予追究"),
        ]
    );
    assert_eq!(p.chain, ["当事人", "网络安全负责人", "主要负责人"]);
    assert_eq!(p.unnamed, ["当事人", "网络安全负责人"]);
    assert_eq!(p.addressees[1], "纪委(纪检组)");
}

//! Shared helpers for the integration tests, written once: small rubrics built in code so each test
//! shows the numbers it relies on; `cli` runs the binary; `exports` builds units, exports and
//! incidents for the export and aggregation tests; `vectors` is the golden-vector runner.
#![allow(dead_code)]

pub mod cli;
pub mod exports;
pub mod vectors;

use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::json::{self, Json};
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::score::{self, Report};
use cyberduty::{Code, Error};
use serde_json::{json, Value};

pub fn doc(v: &Value) -> Json {
    json::parse_str(&v.to_string()).expect("test JSON parses")
}

/// A 100-point rubric using every method: org.a check 20, org.b levels 30 (1/0.5/0),
/// tech.c ratio 25 (N/A allowed), tech.d deduct 25 per 2; two vetoes; bonus cap 5 with two items.
pub fn small_rubric() -> Value {
    json!({
        "schema": "cyberduty.rubric/1", "id": "test.small", "version": "1", "title": "测试细则",
        "total": 100, "bonus_cap": 5,
        "grades": [{"name":"优秀","min":90},{"name":"良好","min":80},{"name":"合格","min":60},{"name":"不合格","min":0}],
        "dimensions": [
            {"id": "org", "title": "组织领导", "items": [
                {"id": "org.a", "title": "明确第一责任人", "points": 20, "method": {"kind": "check"}},
                {"id": "org.b", "title": "专题会议", "points": 30, "method": {"kind": "levels", "levels": [
                    {"label": "主要负责人主持", "ratio": 1}, {"label": "分管领导主持", "ratio": 0.5}, {"label": "未召开", "ratio": 0}]}}
            ]},
            {"id": "tech", "title": "技术防护", "items": [
                {"id": "tech.c", "title": "安全员覆盖率", "points": 25, "na_allowed": true, "method": {"kind": "ratio"}},
                {"id": "tech.d", "title": "通报问题未整改", "points": 25, "method": {"kind": "deduct", "per": 2}}
            ]}
        ],
        "vetoes": [
            {"id": "veto.art8", "title": "发生第八条情形", "auto": "article8"},
            {"id": "veto.fake", "title": "弄虚作假"}
        ],
        "bonus": [
            {"id": "bonus.x", "title": "省级表彰", "points": 3, "method": {"kind": "check"}},
            {"id": "bonus.y", "title": "提前报告", "points": 4, "method": {"kind": "check"}}
        ]
    })
}

pub fn assessment(rubric: &Value, answers: Value) -> Value {
    json!({
        "schema": "cyberduty.assessment/1",
        "rubric": {"id": rubric["id"], "version": rubric["version"]},
        "unit": {"name": "某市网信办", "code": "11110000000000000N", "level": "prefecture", "region": "某省某市"},
        "period": "2026",
        "assessor": "考核组",
        "answers": answers
    })
}

pub fn score(rubric: &Value, answers: Value) -> Result<Report, Error> {
    let a = assessment(rubric, answers);
    score::score_documents(Some(&doc(rubric)), &doc(&a))
}

pub fn rubric_err(v: &Value) -> Error {
    Rubric::from_json(&doc(v)).expect_err("rubric must be refused")
}

pub fn answer_err(rubric: &Value, answers: Value) -> Error {
    let r = Rubric::from_json(&doc(rubric)).expect("rubric valid");
    Assessment::from_json(&doc(&assessment(rubric, answers)), &r)
        .expect_err("answers must be refused")
}

pub fn assert_err(e: &Error, code: Code, path: &str) {
    assert_eq!((e.code, e.path.as_str()), (code, path), "{e}");
}

/// Serialize a report to a JSON value (the `--json` output).
pub fn to_value(r: &Report) -> Value {
    serde_json::to_value(r).expect("report serializes")
}

/// An incident's facts, every one known and nothing happened: a unit that reported and handled in
/// time. The two flags that override a number (「大面积」, 「重大经济损失」) are `null`, so the
/// numbers decide.
pub fn quiet_facts() -> Value {
    json!({
        "attacked": false, "tampered": false, "harmful_info_spread_widely": false,
        "reported_in_time": true, "handled_in_time": true,
        "outage_hours": 0, "outage_scope": "full",
        "state_secret_leaked": false, "personal_info_leaked_persons": 0,
        "personal_info_leak_large_scale": null, "basic_data_leaked_massively": false,
        "wide_public_impact": false, "people_affected": 0,
        "economic_loss_yuan": 0, "major_economic_loss": null, "serious_social_impact": false,
        "spread_homepage_hours": 0, "spread_other_pages_hours": 0, "reposts": 0, "views": 0,
        "concealed": false, "refused_cooperation": false, "notified_risk_unrectified": false,
        "serious_consequence": false, "obstructed_security_organs": false,
        "refused_support_security_organs": false, "other_serious_harm": false,
        "supervision_inadequate": false
    })
}

//! The scoring rules of issue 2, each checked against figures worked out by hand.

mod common;
use common::*;
use cyberduty::domain::score::{Status, VetoStatus};
use cyberduty::Code;
use serde_json::json;

fn full() -> serde_json::Value {
    json!({"org.a": {"met": true}, "org.b": {"level": 0}, "tech.c": {"numerator": 10, "denominator": 10},
           "tech.d": {"count": 0}, "veto.art8": {"triggered": false}, "veto.fake": {"triggered": false}})
}

#[test]
fn full_marks() {
    let r = score(&small_rubric(), full()).unwrap();
    assert_eq!(
        (r.total.0, r.base.0, r.bonus.0, r.max.0),
        (10000, 10000, 0, 10500)
    );
    assert_eq!(r.grade, "优秀");
    assert!(r.complete && !r.vetoed && r.missing.is_empty() && r.lost.is_empty());
    assert_eq!((r.answered, r.answerable), (6, 6));
    assert!(r
        .items
        .iter()
        .all(|i| i.status == Status::Met && i.explanation.is_none()));
}

#[test]
fn every_method_earns_and_explains_exactly() {
    let mut a = full();
    a["org.a"] = json!({"met": false});
    a["org.b"] = json!({"level": 1});
    a["tech.c"] = json!({"numerator": 8, "denominator": 10});
    a["tech.d"] = json!({"count": 3});
    let r = score(&small_rubric(), a).unwrap();
    // 0 + 15 + 20 + (25 − 3×2) = 54
    assert_eq!(r.total.0, 5400);
    assert_eq!(r.grade, "不合格");
    let earned: Vec<_> = r
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.earned.0, i.status))
        .collect();
    assert_eq!(
        earned,
        [
            ("org.a", 0, Status::Unmet),
            ("org.b", 1500, Status::Partial),
            ("tech.c", 2000, Status::Partial),
            ("tech.d", 1900, Status::Partial)
        ]
    );
    let lost: Vec<_> = r
        .lost
        .iter()
        .map(|l| (l.id.as_str(), l.points.0, l.explanation.as_str()))
        .collect();
    assert_eq!(
        lost,
        [
            ("org.a", 2000, "未达到要求,扣 20 分"),
            ("org.b", 1500, "评定为“分管领导主持”(得分比例 50%),扣 15 分"),
            ("tech.d", 600, "3 项,每项扣 2 分,扣 6 分"),
            ("tech.c", 500, "达标 8/10(80%),扣 5 分"),
        ]
    );
    let dims: Vec<_> = r
        .dimensions
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                d.earned.0,
                d.applicable.0,
                d.attainment.map(|a| a.0),
            )
        })
        .collect();
    assert_eq!(
        dims,
        [
            ("org", 1500, 5000, Some(3000)),
            ("tech", 3900, 5000, Some(7800))
        ]
    );
}

#[test]
fn deduction_stops_at_zero_and_says_so() {
    let mut a = full();
    a["tech.d"] = json!({"count": 20});
    let r = score(&small_rubric(), a).unwrap();
    assert_eq!(r.total.0, 7500);
    let d = r.items.iter().find(|i| i.id == "tech.d").unwrap();
    assert_eq!((d.earned.0, d.status), (0, Status::Unmet));
    assert_eq!(
        d.explanation.as_deref(),
        Some("20 项,每项扣 2 分,应扣 40 分,本项最多扣 25 分,扣 25 分")
    );
}

#[test]
fn not_applicable_items_renormalise_instead_of_costing_points() {
    let mut a = full();
    a["tech.c"] = json!({"na": "本单位无下属部门"});
    let r = score(&small_rubric(), a.clone()).unwrap();
    assert_eq!((r.total.0, r.grade.as_str()), (10000, "优秀"));
    let c = r.items.iter().find(|i| i.id == "tech.c").unwrap();
    assert_eq!(c.status, Status::Na);
    assert!(r.lost.iter().all(|l| l.id != "tech.c"));
    // 100 × 73 / 75 = 97.333… → 97.33
    a["tech.d"] = json!({"count": 1});
    let r = score(&small_rubric(), a).unwrap();
    assert_eq!((r.base.0, r.total.0), (9733, 9733));
    assert_eq!(r.dimensions[1].applicable.0, 2500);
}

#[test]
fn bonus_is_capped_and_unclaimed_bonus_is_not_missing() {
    let mut a = full();
    a["bonus.x"] = json!({"met": true});
    a["bonus.y"] = json!({"met": true});
    let r = score(&small_rubric(), a).unwrap();
    assert_eq!((r.base.0, r.bonus.0, r.total.0), (10000, 500, 10500));
    let r = score(&small_rubric(), full()).unwrap();
    assert_eq!(r.bonus.0, 0);
    assert!(r.complete);
    assert!(r.missing.is_empty());
    // Unclaimed, a bonus item reports `missing` (unanswered), yet the assessment is complete.
    assert!(r.bonus_items.iter().all(|b| b.status == Status::Missing));
}

#[test]
fn a_triggered_veto_forces_the_lowest_grade_but_keeps_the_points() {
    let mut a = full();
    a["veto.fake"] = json!({"triggered": true});
    let r = score(&small_rubric(), a).unwrap();
    assert_eq!(
        (r.total.0, r.grade.as_str(), r.vetoed),
        (10000, "不合格", true)
    );
    let v: Vec<_> = r.vetoes.iter().map(|v| v.status).collect();
    assert_eq!(v, [VetoStatus::Clear, VetoStatus::Triggered]);
}

#[test]
fn unanswered_items_and_vetoes_are_missing() {
    let r = score(&small_rubric(), json!({"org.a": {"met": true}})).unwrap();
    assert!(!r.complete);
    assert_eq!(
        r.missing,
        ["org.b", "tech.c", "tech.d", "veto.art8", "veto.fake"]
    );
    assert_eq!((r.total.0, r.answered, r.answerable), (2000, 1, 6));
    let b = r.items.iter().find(|i| i.id == "org.b").unwrap();
    assert_eq!(b.status, Status::Missing);
    assert_eq!(b.explanation.as_deref(), Some("未作答,按 0 分计,扣 30 分"));
}

fn three_items(a: f64, b: f64, c: f64) -> serde_json::Value {
    json!({
        "schema": "cyberduty.rubric/1", "id": "t3", "version": "1", "total": 100,
        "grades": [{"name":"优秀","min":90},{"name":"良好","min":80},{"name":"合格","min":60},{"name":"不合格","min":0}],
        "dimensions": [{"id": "d", "items": [
            {"id": "a", "points": a, "method": {"kind": "check"}},
            {"id": "b", "points": b, "method": {"kind": "ratio"}},
            {"id": "c", "points": c, "method": {"kind": "check"}}]}]
    })
}

#[test]
fn exactly_89_995_rounds_once_to_90_and_grades_excellent() {
    let r = three_items(89.0, 1.0, 10.0);
    let s = score(&r, json!({"a": {"met": true}, "b": {"numerator": 199, "denominator": 200}, "c": {"met": false}})).unwrap();
    assert_eq!((s.total.0, s.grade.as_str()), (9000, "优秀"));
    let s = score(&r, json!({"a": {"met": true}, "b": {"numerator": 198, "denominator": 200}, "c": {"met": false}})).unwrap();
    assert_eq!((s.total.0, s.grade.as_str()), (8999, "良好"));
    // 89.9949… must not round up: only the exact total is rounded, never an intermediate.
    let s = score(&r, json!({"a": {"met": true}, "b": {"numerator": 1989, "denominator": 2000}, "c": {"met": false}})).unwrap();
    assert_eq!(s.total.0, 8999);
}

#[test]
fn grade_bands_include_their_minimum() {
    let r = three_items(80.0, 10.0, 10.0);
    let s = score(
        &r,
        json!({"a": {"met": true}, "b": {"numerator": 0, "denominator": 1}, "c": {"met": false}}),
    )
    .unwrap();
    assert_eq!((s.total.0, s.grade.as_str()), (8000, "良好"));
    let r = three_items(79.99, 10.01, 10.0);
    let s = score(
        &r,
        json!({"a": {"met": true}, "b": {"numerator": 0, "denominator": 1}, "c": {"met": false}}),
    )
    .unwrap();
    assert_eq!((s.total.0, s.grade.as_str()), (7999, "合格"));
    let s = score(
        &r,
        json!({"a": {"met": false}, "b": {"numerator": 0, "denominator": 1}, "c": {"met": false}}),
    )
    .unwrap();
    assert_eq!((s.total.0, s.grade.as_str()), (0, "不合格"));
}

#[test]
fn all_not_applicable_is_an_error_not_a_division_by_zero() {
    let mut r = small_rubric();
    r["dimensions"] = json!([{"id": "d", "items": [{"id": "x", "points": 100, "na_allowed": true, "method": {"kind": "check"}}]}]);
    let e = score(&r, json!({"x": {"na": "无"}})).unwrap_err();
    assert_err(&e, Code::AssessmentAllNa, "$.answers");
}

#[test]
fn bad_answers_are_errors_with_paths() {
    let r = small_rubric();
    assert_err(
        &answer_err(&r, json!({"org.z": {"met": true}})),
        Code::AnswerUnknownId,
        "$.answers[\"org.z\"]",
    );
    assert_err(
        &answer_err(&r, json!({"org.b": {"met": true}})),
        Code::AnswerShape,
        "$.answers[\"org.b\"].met",
    );
    assert_err(
        &answer_err(&r, json!({"org.b": {"level": 3}})),
        Code::AnswerRange,
        "$.answers[\"org.b\"].level",
    );
    assert_err(
        &answer_err(&r, json!({"org.b": {"level": 1.5}})),
        Code::FieldType,
        "$.answers[\"org.b\"].level",
    );
    assert_err(
        &answer_err(&r, json!({"tech.c": {"numerator": 11, "denominator": 10}})),
        Code::AnswerRange,
        "$.answers[\"tech.c\"].numerator",
    );
    assert_err(
        &answer_err(&r, json!({"tech.c": {"numerator": 0, "denominator": 0}})),
        Code::AnswerRange,
        "$.answers[\"tech.c\"].denominator",
    );
    assert_err(
        &answer_err(&r, json!({"tech.c": {"numerator": 1}})),
        Code::AnswerShape,
        "$.answers[\"tech.c\"].denominator",
    );
    assert_err(
        &answer_err(&r, json!({"tech.d": {"count": -1}})),
        Code::FieldRange,
        "$.answers[\"tech.d\"].count",
    );
    assert_err(
        &answer_err(&r, json!({"tech.d": {"count": 2.5}})),
        Code::FieldType,
        "$.answers[\"tech.d\"].count",
    );
    assert_err(
        &answer_err(&r, json!({"org.a": {"na": "无"}})),
        Code::AnswerNaNotAllowed,
        "$.answers[\"org.a\"].na",
    );
    assert_err(
        &answer_err(&r, json!({"tech.c": {"na": " "}})),
        Code::FieldEmpty,
        "$.answers[\"tech.c\"].na",
    );
    assert_err(
        &answer_err(&r, json!({"veto.fake": {"met": false}})),
        Code::AnswerShape,
        "$.answers[\"veto.fake\"].met",
    );
    assert_err(
        &answer_err(&r, json!({"org.a": {"met": "是"}})),
        Code::FieldType,
        "$.answers[\"org.a\"].met",
    );
    assert_err(
        &answer_err(&r, json!({"org.a": {"met": true, "mark": 1}})),
        Code::FieldUnknown,
        "$.answers[\"org.a\"].mark",
    );
    assert_err(
        &answer_err(
            &r,
            json!({"org.a": {"met": true, "evidence": [{"name": "纪要", "sm3": "abc"}]}}),
        ),
        Code::FieldRange,
        "$.answers[\"org.a\"].evidence[0].sm3",
    );
}

#[test]
fn notes_and_evidence_are_kept() {
    let mut a = full();
    a["org.a"] = json!({"met": true, "note": "见党委会纪要", "evidence": [{"name": "纪要.pdf", "sm3": format!("sm3:{}", "a".repeat(64))}]});
    let r = small_rubric();
    let rubric = cyberduty::domain::rubric::Rubric::from_json(&doc(&r)).unwrap();
    let parsed =
        cyberduty::domain::assessment::Assessment::from_json(&doc(&assessment(&r, a)), &rubric)
            .unwrap();
    let ans = &parsed.answers["org.a"];
    assert_eq!(ans.note.as_deref(), Some("见党委会纪要"));
    assert_eq!(ans.evidence[0].name, "纪要.pdf");
}

#[test]
fn an_assessment_for_another_rubric_is_refused() {
    let r = small_rubric();
    let mut a = assessment(&r, json!({}));
    a["rubric"]["version"] = json!("2");
    let e = cyberduty::domain::score::score_documents(Some(&doc(&r)), &doc(&a)).unwrap_err();
    assert_err(&e, Code::AssessmentRubricMismatch, "$.rubric");
    assert!(
        e.message.contains("test.small 2") && e.message.contains("test.small 1"),
        "{e}"
    );
}

#[test]
fn the_report_carries_the_rubric_digest_and_unit() {
    let r = score(&small_rubric(), full()).unwrap();
    let v = to_value(&r);
    assert_eq!(v["schema"], "cyberduty.score/1");
    assert_eq!(v["total"], json!(100.0));
    assert_eq!(v["unit"]["name"], "某市网信办");
    let digest = cyberduty::domain::rubric::Rubric::from_json(&doc(&small_rubric()))
        .unwrap()
        .digest();
    assert_eq!(v["rubric"]["digest"], json!(digest));
}

#[test]
fn na_of_a_met_item_can_lower_the_total() {
    // Two 50-point items, one met: 50. Marking the met one N/A leaves 0 of 50 applicable: 0.
    // Re-normalisation gives an N/A item the attainment of the rest, by design of the formula.
    let mut r = small_rubric();
    r["dimensions"] = json!([{"id": "d", "items": [
        {"id": "x", "points": 50, "na_allowed": true, "method": {"kind": "check"}},
        {"id": "y", "points": 50, "method": {"kind": "check"}}]}]);
    r["vetoes"] = json!([]);
    assert_eq!(
        score(&r, json!({"x": {"met": true}, "y": {"met": false}}))
            .unwrap()
            .total
            .0,
        5000
    );
    assert_eq!(
        score(&r, json!({"x": {"na": "无"}, "y": {"met": false}}))
            .unwrap()
            .total
            .0,
        0
    );
    assert_eq!(
        score(&r, json!({"x": {"na": "无"}, "y": {"met": true}}))
            .unwrap()
            .total
            .0,
        10000
    );
}

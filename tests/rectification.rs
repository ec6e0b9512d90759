//! 整改台账: reading, review as of a date, Article 8(五)'s third alternative, period counts.

use cyberduty::domain::incident::Status;
use cyberduty::domain::json;
use cyberduty::domain::period::Period;
use cyberduty::domain::rectification::{period_counts, review, Ledger, State};
use serde_json::{json, Value};

fn ledger(v: Value) -> Result<Ledger, (String, String, String)> {
    let doc = json::parse(v.to_string().as_bytes()).unwrap();
    Ledger::from_json(&doc).map_err(|e| (e.code.as_str().to_string(), e.path, e.message))
}

fn sample() -> Value {
    json!({
        "schema": "cyberduty.rectification/1",
        "unit": {"name": "某市某局", "code": " 91350100m000100y43 "},
        "entries": [
            {"id": "R1", "notified_by": "cac", "notifier": "某市委网信办", "notice_no": "网信通〔2026〕3号",
             "notified_on": "2026-03-01", "problem": "门户网站存在高危漏洞", "deadline": "2026-03-15",
             "status": "in_progress", "serious_consequence": true},
            {"id": "R2", "notified_by": "superior", "notified_on": "2026-03-20",
             "problem": "弱口令", "status": "in_progress"},
            {"id": "R3", "notified_by": "self_inspection", "notified_on": "2026-01-05", "deadline": "2026-01-10",
             "problem": "日志留存不足", "status": "in_progress", "serious_consequence": true},
            {"id": "R4", "notified_by": "public_security", "notified_on": "2026-02-01", "deadline": "2026-03-05",
             "problem": "数据库暴露公网", "status": "rectified", "rectified_on": "2026-03-10",
             "evidence": [{"name": "整改报告.pdf"}]},
            {"id": "R5", "notified_by": "cac", "notified_on": "2025-11-01", "deadline": "2025-11-30",
             "problem": "上年度通报", "status": "fed_back", "rectified_on": "2025-11-20", "fed_back_on": "2025-11-25",
             "serious_consequence": false}
        ]
    })
}

#[test]
fn reads_and_normalises_the_unit_code() {
    let l = ledger(sample()).unwrap();
    assert_eq!(l.unit.code.as_deref(), Some("91350100M000100Y43"));
    assert_eq!(l.entries.len(), 5);
}

#[test]
fn review_as_of_a_date() {
    let l = ledger(sample()).unwrap();
    let r = review(&l, (2026, 4, 1));
    let states: Vec<(&str, State, Option<i64>, bool)> = r
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.state, e.days_left, e.late))
        .collect();
    assert_eq!(
        states,
        vec![
            ("R1", State::Overdue, Some(-17), true),
            ("R2", State::DueSoon, Some(2), false),
            ("R3", State::Overdue, Some(-81), true),
            ("R4", State::Rectified, None, true),
            ("R5", State::FedBack, None, false),
        ]
    );
    assert_eq!((r.overdue, r.due_soon), (2, 1));
    assert_eq!(r.entries[0].message, "整改期限 2026年3月15日,已逾期 17 天");
    assert_eq!(
        r.entries[1].message,
        "整改期限 2026年4月3日(通报未写明期限,按两周计),还有 2 天"
    );
    assert!(r.entries[1].deadline_assumed);
    assert_eq!(
        r.entries[3].message,
        "2026年3月10日 完成整改,晚于整改期限 2026年3月5日"
    );
    assert!(r.entries[4].closed_in_time);
    // Article 8(五): R1 (an authority's notice, overdue, serious consequence) meets it; R3 is the
    // unit's own finding and never counts.
    assert_eq!(r.article8_5.status, Status::Met);
    assert_eq!(r.article8_5.citation, "第八条第(五)项");
    assert_eq!(
        r.article8_5.reasons,
        vec!["某市委网信办通报的「门户网站存在高危漏洞」(整改期限 2026年3月15日,已逾期 17 天),且造成严重后果"]
    );
}

#[test]
fn unknown_consequence_is_undetermined_and_timely_is_not_met() {
    let mut v = sample();
    v["entries"][0]["serious_consequence"] = Value::Null;
    let r = review(&ledger(v.clone()).unwrap(), (2026, 4, 1));
    assert_eq!(r.article8_5.status, Status::Undetermined);
    assert_eq!(r.article8_5.reasons.len(), 2, "{:?}", r.article8_5.reasons);
    // Before R1's deadline R1 is not late; R4 (rectified after its deadline, consequence not
    // recorded) alone keeps it open.
    let r = review(&ledger(v.clone()).unwrap(), (2026, 3, 2));
    assert_eq!(r.article8_5.status, Status::Undetermined);
    assert_eq!(r.article8_5.reasons.len(), 1);
    assert!(
        r.article8_5.reasons[0].starts_with("公安机关通报的「数据库暴露公网」"),
        "{:?}",
        r.article8_5.reasons
    );
    v["entries"][3]["serious_consequence"] = json!(false);
    let r = review(&ledger(v).unwrap(), (2026, 3, 2));
    assert_eq!(r.article8_5.status, Status::NotMet);
    assert_eq!(r.entries[0].state, State::InProgress);
    assert_eq!(r.entries[0].days_left, Some(13));
}

#[test]
fn counts_for_the_rubric_items_in_a_period() {
    let l = ledger(sample()).unwrap();
    let p = Period::parse("2026年度").unwrap();
    // Notified by an authority in 2026: R1, R2, R4. Not closed in time as of 04-01: R1 (open past
    // its deadline), R4 (rectified late). R2's assumed deadline has not passed.
    assert_eq!(period_counts(&l, &p, (2026, 4, 1)), (3, 2));
    assert_eq!(
        period_counts(&l, &Period::parse("2025").unwrap(), (2026, 4, 1)),
        (1, 0)
    );
}

#[test]
fn bad_ledgers_say_what_is_wrong() {
    let case = |path: &str, value: Value| {
        let mut v = sample();
        let (i, key) = path.split_once('.').unwrap();
        v["entries"][i.parse::<usize>().unwrap()][key] = value;
        ledger(v).unwrap_err()
    };
    let e = case("0.deadline", json!("2026-02-01"));
    assert_eq!(
        (e.0.as_str(), e.1.as_str()),
        ("E_LEDGER_DATE_ORDER", "$.entries[0].deadline")
    );
    assert_eq!(e.2, "整改期限早于通报日期:请核对日期");
    let e = case("4.fed_back_on", Value::Null);
    assert_eq!(e.0, "E_FIELD_MISSING");
    let e = case("4.fed_back_on", json!("2025-11-19"));
    assert_eq!(
        (e.0.as_str(), e.2.as_str()),
        ("E_LEDGER_DATE_ORDER", "反馈日期早于整改完成日期:请核对日期")
    );
    let e = case("0.notified_by", json!("网信"));
    assert_eq!(e.0, "E_FIELD_RANGE");
    assert!(e.2.contains("cac(网信部门)"), "{}", e.2);
    let e = case("0.notified_on", json!("2026-02-30"));
    assert_eq!(
        (e.0.as_str(), e.2.as_str()),
        ("E_FIELD_TYPE", "日期不存在(现为「2026-02-30」)")
    );
    let e = case("1.id", json!("R1"));
    assert_eq!(
        (e.0.as_str(), e.1.as_str()),
        ("E_LEDGER_DUPLICATE_ID", "$.entries[1].id")
    );
    let mut v = sample();
    v["unit"]["code"] = json!("91350100M000100Y44");
    assert_eq!(ledger(v).unwrap_err().0, "E_UNIT_CODE");
}

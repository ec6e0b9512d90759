//! Claims that contradict the timeline or each other (src/domain/incident/conflicts.rs): a
//! `W_FACT_CONFLICT` warning naming both sides, and the element it feeds undetermined.

use super::*;

fn late_claimed_on_time() -> Value {
    let mut doc = incident(
        Some("party_gov_portal"),
        Some("county"),
        with(json!({
            "attacked": true, "tampered": true, "harmful_info_spread_widely": true,
            "reported_in_time": true, "handled_in_time": true, "views": 1_000_000
        })),
    );
    doc["timeline"] = json!({
        "discovered_at": "2025-06-10T08:30:00+08:00",
        "reported_at": "2025-06-10T15:30:00+08:00"
    });
    doc
}

/// Issue 10, item 3: 已及时报告 = 是 while the timeline shows 420 min against a 240 min limit.
#[test]
fn claimed_timely_report_against_a_late_timeline() {
    let c = run(&late_claimed_on_time());
    assert_eq!(c.reporting.on_time, Some(false));
    assert_eq!(c.reporting.reported_within_minutes, Some(420));
    assert_eq!(c.warnings.len(), 1);
    let w = &c.warnings[0];
    assert_eq!(
        (w.code, w.path.as_str()),
        ("W_FACT_CONFLICT", "facts.reported_in_time")
    );
    assert_eq!(
        w.paths,
        vec![
            "facts.reported_in_time",
            "timeline.discovered_at",
            "timeline.reported_at"
        ]
    );
    assert_eq!(
        w.message,
        "「是否及时报告」填写为「是」,但按时间线从发现(2025年6月10日 08:30)到报告(2025年6月10日 15:30)用时 7 小时,超过 4 小时时限,属迟报。两者矛盾,第八条第(一)项「及时报告」要件和第十一条「按时报告」条件暂定为待定,请核实。"
    );
    // Neither side wins: (一) is undetermined on exactly that element.
    assert_eq!(
        (status(&c, 1), missing(&c, 1)),
        (Undetermined, m(&["facts.reported_in_time"]))
    );
    assert!(reasons(&c, 1).contains("「是否及时报告」与「发现时间」、「报告时间」相互矛盾,须核实"));
    // Consistent answers carry no warning.
    let mut doc = late_claimed_on_time();
    doc["facts"]["reported_in_time"] = json!(false);
    let c = run(&doc);
    assert!(c.warnings.is_empty());
    assert_eq!(status(&c, 1), Met);
}

#[test]
fn outage_longer_than_the_timeline_allows() {
    let mut doc = incident(
        Some("party_gov_portal"),
        Some("prefecture"),
        with(json!({"attacked": true, "handled_in_time": false, "outage_hours": 10})),
    );
    doc["timeline"] = json!({
        "occurred_at": "2025-06-10T08:00:00+08:00",
        "resolved_at": "2025-06-10T12:00:00+08:00"
    });
    let c = run(&doc);
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(
        c.warnings[0].paths,
        vec![
            "facts.outage_hours",
            "timeline.occurred_at",
            "timeline.resolved_at"
        ]
    );
    assert!(c.warnings[0]
        .message
        .starts_with("「瘫痪、无法访问或中断运行的时长」填写为 10 小时,但按时间线从发生(2025年6月10日 08:00)到处置完毕(2025年6月10日 12:00)只有 4 小时。"));
    assert_eq!(
        (status(&c, 2), missing(&c, 2)),
        (Undetermined, m(&["facts.outage_hours"]))
    );
    // The grade does not take the claimed hours either.
    assert_eq!((c.grade.level, c.grade.at_least), (G, true));
    doc["facts"]["outage_hours"] = json!(4);
    assert!(run(&doc).warnings.is_empty());
}

#[test]
fn claims_that_contradict_each_other() {
    // 被攻击篡改 but not attacked.
    let c = run(&incident(
        Some("party_gov_portal"),
        Some("county"),
        with(
            json!({"tampered": true, "attacked": false, "harmful_info_spread_widely": true,
                    "reported_in_time": false}),
        ),
    ));
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(
        c.warnings[0].paths,
        vec!["facts.tampered", "facts.attacked"]
    );
    assert_eq!(
        (status(&c, 1), missing(&c, 1)),
        (Undetermined, m(&["facts.tampered"]))
    );
    // 大面积个人信息泄露 = 是 with 0 people leaked.
    let c = run(&incident(
        Some("other"),
        Some("county"),
        with(json!({"personal_info_leak_large_scale": true, "personal_info_leaked_persons": 0})),
    ));
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(c.warnings[0].code, "W_FACT_CONFLICT");
    assert_eq!(
        c.warnings[0].message,
        "「是否属于大面积个人信息泄露」填写为「是」,但「个人信息泄露人数」填写为 0 人。两者矛盾,依赖它们的要件和分级标准均暂定为待定,请核实后改正其中一项。"
    );
    assert_eq!(status(&c, 3), Undetermined);
    assert!(c.grade.at_least);
}

//! Who answers for the incident, Articles 8–9 (src/domain/incident/accountability.rs).

use super::*;

// ---- accountability ------------------------------------------------------------------------

#[test]
fn accountability_chain_and_supervision() {
    let d = |p: Value| incident(Some("other"), Some("county"), with(p));
    let c = run(&d(
        json!({"concealed": true, "supervision_inadequate": true}),
    ));
    let a = &c.accountability;
    assert_eq!(a.status, Met);
    assert_eq!(a.items_met, vec![5]);
    assert_eq!(
        a.chain,
        vec![
            "当事人",
            "网络安全负责人",
            "主要负责人",
            "综合协调或监管部门负责人"
        ]
    );
    assert_eq!(a.supervisor, Met);
    assert_eq!(
        a.collective.principal,
        vec!["领导班子主要负责人", "主管网络安全的领导班子成员"]
    );
    assert_eq!(
        a.collective.important,
        vec!["参与相关工作决策的领导班子其他成员"]
    );
    assert_eq!(a.carried_out_by, "有管理权限的党组织");
    assert!(a.reasons[0].starts_with("符合第八条第(五)项,各级党委(党组)应当逐级倒查"));
    assert_eq!(a.decision, "应当追究");

    let c = run(&d(
        json!({"concealed": true, "supervision_inadequate": null}),
    ));
    assert_eq!(
        c.accountability.chain,
        vec!["当事人", "网络安全负责人", "主要负责人"]
    );
    assert_eq!(c.accountability.supervisor, Undetermined);
    assert!(c
        .accountability
        .reasons
        .iter()
        .any(|r| r.contains("是否协调监管不力未知")));

    let c = run(&d(
        json!({"concealed": true, "supervision_inadequate": false}),
    ));
    assert_eq!(c.accountability.supervisor, NotMet);
    assert_eq!(c.accountability.chain.len(), 3);

    let c = run(&d(json!({"supervision_inadequate": true})));
    assert_eq!(c.accountability.status, NotMet);
    assert!(c.accountability.chain.is_empty());
    assert_eq!(c.accountability.supervisor, NotMet);

    let c = run(&d(
        json!({"concealed": null, "supervision_inadequate": true}),
    ));
    assert_eq!(c.accountability.status, Undetermined);
    assert_eq!(c.accountability.items_undetermined, vec![5]);
    assert_eq!(c.accountability.supervisor, Undetermined);
    // Nobody is listed for accountability while no situation is met (issue 10, item 9).
    assert!(c.accountability.chain.is_empty());
    assert_eq!(c.accountability.decision, "待定");
    assert!(c.accountability.reasons[0].ends_with("在此之前不列问责对象。"));
}

#[test]
fn decision_in_the_words_of_a_decision() {
    let d = |p: Value| incident(Some("other"), Some("county"), with(p));
    let decision = |p: Value| run(&d(p)).accountability.decision;
    assert_eq!(decision(json!({"concealed": true})), "应当追究");
    assert_eq!(decision(json!({})), "不予追究");
    assert_eq!(decision(json!({"concealed": null})), "待定");
}

#[test]
fn individual_and_collective_responsibility_are_both_stated() {
    let c = run(&incident(
        Some("other"),
        Some("county"),
        with(json!({"concealed": true})),
    ));
    let a = &c.accountability;
    assert_eq!(
        a.individual,
        vec![
            "当事人",
            "主管网络安全的领导班子成员(直接责任人)",
            "领导班子主要负责人(第一责任人)"
        ]
    );
    assert!(a.reasons.iter().any(
        |r| r.starts_with("个人责任按各人在事件中的职责和行为分别认定")
            && r.contains("集体责任只在领导班子集体决策或集体失职时追究")
    ));
}

/// The 2025 Measures, Art. 11: reasonable protection ∧ handled under the plan ∧ impact reduced ∧
/// reported on time → 可视情从轻或不予追究, three-valued.
#[test]
fn leniency_of_article_11() {
    let four = json!({
        "protective_measures_taken": true, "handled_under_plan": true,
        "impact_effectively_reduced": true, "economic_loss_yuan": 5_000_000,
        "reported_in_time": null
    });
    let timed = |facts: Value, reported: &str| {
        let mut doc = incident(Some("other"), Some("county"), with(facts));
        doc["timeline"] = json!({
            "discovered_at": "2025-06-10T08:30:00+08:00",
            "reported_at": reported
        });
        run(&doc).accountability.leniency
    };
    // 较大 (5,000,000 元), reported after 3 h against 4 h: all four hold.
    let l = timed(four.clone(), "2025-06-10T11:30:00+08:00");
    assert_eq!((l.status, l.result), (Met, "可视情从轻或不予追究"));
    assert!(l.basis.contains("第十一条"));
    assert!(l.missing.is_empty());
    // Reported after 7 h: late, so not lenient.
    let l = timed(four.clone(), "2025-06-10T15:30:00+08:00");
    assert_eq!((l.status, l.result), (NotMet, "不适用从轻或不予追究"));
    assert!(l.reasons.iter().any(|r| r.contains("按时间线计算属迟报")));
    // One condition unknown: undetermined, and it says which.
    let mut three = four.clone();
    three["handled_under_plan"] = Value::Null;
    let l = timed(three, "2025-06-10T11:30:00+08:00");
    assert_eq!((l.status, l.result), (Undetermined, "待定"));
    assert_eq!(l.missing, vec!["facts.handled_under_plan"]);
    assert!(l
        .reasons
        .iter()
        .any(|r| r.contains("尚缺事实:是否按照应急预案处置")));
    // 已及时报告 = 否 against an on-time timeline: the conflict leaves it open.
    let mut claim = four;
    claim["reported_in_time"] = json!(false);
    let l = timed(claim, "2025-06-10T11:30:00+08:00");
    assert_eq!(l.status, Undetermined);
}

#[test]
fn accountability_cites_the_30_day_summary_when_reporting_is_required() {
    let c = run(&incident(
        Some("other"),
        Some("county"),
        with(json!({"economic_loss_yuan": 5_000_000})),
    ));
    assert_eq!(c.reporting.required, Some(true));
    assert!(c
        .accountability
        .reasons
        .iter()
        .any(|r| r.starts_with("应当在事件处置结束后 30 日内报送总结报告")));
    let c = run(&incident(Some("other"), Some("county"), with(json!({}))));
    assert_eq!(c.reporting.required, Some(false));
    assert!(!c.accountability.reasons.iter().any(|r| r.contains("30 日")));
}

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
    assert_eq!(c.accountability.chain.len(), 4);
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

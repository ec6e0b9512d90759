//! The incident classifier against the regulation, clause by clause: every situation at its
//! boundaries, each unknown fact that flips met ↔ undetermined, grade tiers exactly at and just
//! below each line, reporting deadlines across offsets, and malformed incidents. The golden vectors
//! run in tests/vectors.rs.

use cyberduty::domain::incident::{
    self, classify_document, Classification, GradeLevel, Incident, Status,
};
use cyberduty::domain::json;
use serde_json::{json, Value};

// ---- builders ------------------------------------------------------------------------------

/// Every fact known and nothing happened: a unit that reported and handled in time.
fn quiet() -> Value {
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

/// `quiet()` with some facts replaced (`null` makes a fact unknown).
fn with(patch: Value) -> Value {
    let mut f = quiet();
    if let (Some(base), Some(p)) = (f.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            base.insert(k.clone(), v.clone());
        }
    }
    f
}

fn incident(target: Option<&str>, level: Option<&str>, facts: Value) -> Value {
    json!({
        "schema": "cyberduty.incident/1",
        "title": "测试事件",
        "unit": {"name": "测试单位", "level": level},
        "target": target,
        "facts": facts
    })
}

fn run(doc: &Value) -> Classification {
    let j = json::parse_str(&doc.to_string()).expect("test JSON parses");
    classify_document(&j).unwrap_or_else(|e| panic!("should classify: {e}"))
}

fn err(doc: &Value) -> (String, String) {
    err_text(&doc.to_string())
}

fn err_text(text: &str) -> (String, String) {
    match json::parse_str(text).and_then(|j| classify_document(&j)) {
        Ok(_) => panic!("should be refused: {text}"),
        Err(e) => (e.code.as_str().to_string(), e.path),
    }
}

fn status(c: &Classification, item: u8) -> Status {
    c.triggers[usize::from(item) - 1].status
}

fn missing(c: &Classification, item: u8) -> Vec<String> {
    c.triggers[usize::from(item) - 1].missing.clone()
}

fn reasons(c: &Classification, item: u8) -> String {
    c.triggers[usize::from(item) - 1].reasons.join("\n")
}

fn check(doc: &Value, item: u8) -> (Status, Vec<String>) {
    let c = run(doc);
    (status(&c, item), missing(&c, item))
}

use Status::{Met, NotMet, Undetermined};

fn none() -> Vec<String> {
    Vec::new()
}

fn m(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|s| s.to_string()).collect()
}

// ---- (一) ----------------------------------------------------------------------------------

fn one(patch: Value) -> Value {
    let mut f = json!({"attacked": true, "tampered": true, "harmful_info_spread_widely": true,
                       "reported_in_time": false, "handled_in_time": false});
    if let (Some(base), Some(p)) = (f.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            base.insert(k.clone(), v.clone());
        }
    }
    incident(Some("party_gov_portal"), Some("county"), with(f))
}

#[test]
fn item1_all_elements_met() {
    let c = run(&one(json!({})));
    assert_eq!(status(&c, 1), Met);
    assert!(missing(&c, 1).is_empty());
    let r = reasons(&c, 1);
    assert!(r.starts_with("符合第八条第(一)项:"), "{r}");
    assert!(r.contains("被攻击篡改(facts.tampered = true)"), "{r}");
    assert!(
        r.contains("没有及时报告(facts.reported_in_time = false)"),
        "{r}"
    );
}

#[test]
fn item1_reported_but_not_handled_is_met() {
    let c = run(&one(
        json!({"reported_in_time": true, "handled_in_time": false}),
    ));
    assert_eq!(status(&c, 1), Met);
    let r = reasons(&c, 1);
    assert!(
        r.contains("没有及时组织处置(facts.handled_in_time = false)"),
        "{r}"
    );
    assert!(
        !r.contains("reported_in_time"),
        "only the failing duty decides: {r}"
    );
}

#[test]
fn item1_handled_but_not_reported_is_met() {
    assert_eq!(
        check(
            &one(json!({"reported_in_time": false, "handled_in_time": true})),
            1
        ),
        (Met, none())
    );
}

#[test]
fn item1_reported_and_handled_is_not_met() {
    let c = run(&one(
        json!({"reported_in_time": true, "handled_in_time": true}),
    ));
    assert_eq!(status(&c, 1), NotMet);
    assert!(missing(&c, 1).is_empty());
    let r = reasons(&c, 1);
    assert!(
        r.contains("已及时报告(facts.reported_in_time = true)"),
        "{r}"
    );
    assert!(
        r.contains("已及时组织处置(facts.handled_in_time = true)"),
        "{r}"
    );
}

#[test]
fn item1_unknown_facts_flip_to_undetermined() {
    for key in ["tampered", "harmful_info_spread_widely"] {
        let (s, miss) = check(&one(json!({ key: null })), 1);
        assert_eq!(
            (s, miss),
            (Undetermined, m(&[&format!("facts.{key}")])),
            "{key}"
        );
    }
    // Reported in time but handling unknown: handling decides.
    assert_eq!(
        check(
            &one(json!({"reported_in_time": true, "handled_in_time": null})),
            1
        ),
        (Undetermined, m(&["facts.handled_in_time"]))
    );
    // Not reported in time: handling no longer matters.
    assert_eq!(
        check(
            &one(json!({"reported_in_time": false, "handled_in_time": null})),
            1
        ),
        (Met, none())
    );
    // Both unknown: both listed.
    assert_eq!(
        check(
            &one(json!({"reported_in_time": null, "handled_in_time": null})),
            1
        ),
        (
            Undetermined,
            m(&["facts.reported_in_time", "facts.handled_in_time"])
        )
    );
    let mut doc = one(json!({}));
    doc["target"] = Value::Null;
    assert_eq!(check(&doc, 1), (Undetermined, m(&["target"])));
}

#[test]
fn item1_targets() {
    for (t, want) in [
        ("party_gov_portal", Met),
        ("key_news_site", Met),
        ("large_platform", Met),
        ("cii", NotMet),
        ("other", NotMet),
    ] {
        let mut doc = one(json!({}));
        doc["target"] = json!(t);
        assert_eq!(status(&run(&doc), 1), want, "{t}");
    }
    // A known false element settles it even with other facts unknown.
    let mut doc = one(json!({"tampered": null, "handled_in_time": null}));
    doc["target"] = json!("other");
    assert_eq!(check(&doc, 1), (NotMet, none()));
    assert!(reasons(&run(&doc), 1).contains("不属于党政机关门户网站、重点新闻网站、大型网络平台"));
}

// ---- (二) ----------------------------------------------------------------------------------

fn two(target: Option<&str>, level: Option<&str>, patch: Value) -> Value {
    let mut f = json!({"attacked": true, "handled_in_time": false, "outage_hours": 6});
    if let (Some(base), Some(p)) = (f.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            base.insert(k.clone(), v.clone());
        }
    }
    incident(target, level, with(f))
}

#[test]
fn item2_six_hours_is_inclusive_and_5_9_is_not() {
    let portal = Some("party_gov_portal");
    assert_eq!(
        check(&two(portal, Some("prefecture"), json!({})), 2),
        (Met, none())
    );
    let c = run(&two(
        portal,
        Some("prefecture"),
        json!({"outage_hours": 5.9}),
    ));
    assert_eq!(status(&c, 2), NotMet);
    assert!(reasons(&c, 2).contains("瘫痪 5.9 小时(facts.outage_hours),不足 6 小时"));
    assert_eq!(
        check(
            &two(portal, Some("prefecture"), json!({"outage_hours": 6.0})),
            2
        ),
        (Met, none())
    );
    assert_eq!(
        check(
            &two(
                portal,
                Some("prefecture"),
                json!({"outage_hours": 5.999999})
            ),
            2
        ),
        (NotMet, none())
    );
}

#[test]
fn item2_county_vs_prefecture() {
    let portal = Some("party_gov_portal");
    for (level, want) in [
        ("central", Met),
        ("provincial", Met),
        ("prefecture", Met),
        ("county", NotMet),
        ("township", NotMet),
    ] {
        assert_eq!(
            status(
                &run(&two(portal, Some(level), json!({"outage_hours": 48}))),
                2
            ),
            want,
            "{level}"
        );
    }
    let r = reasons(&run(&two(portal, Some("county"), json!({}))), 2);
    assert!(
        r.contains("单位层级为县级(unit.level = county),不属于地市级以上"),
        "{r}"
    );
    // A key news site needs no level.
    assert_eq!(
        check(&two(Some("key_news_site"), Some("county"), json!({})), 2),
        (Met, none())
    );
    assert_eq!(
        check(&two(Some("key_news_site"), None, json!({})), 2),
        (Met, none())
    );
    // Other targets never.
    for t in ["large_platform", "cii", "other"] {
        assert_eq!(
            check(&two(Some(t), None, json!({})), 2),
            (NotMet, none()),
            "{t}"
        );
    }
}

#[test]
fn item2_unknowns() {
    let portal = Some("party_gov_portal");
    assert_eq!(
        check(&two(portal, None, json!({})), 2),
        (Undetermined, m(&["unit.level"]))
    );
    // Target unknown: a county unit could still own a key news site.
    assert_eq!(
        check(&two(None, Some("county"), json!({})), 2),
        (Undetermined, m(&["target"]))
    );
    assert_eq!(
        check(&two(None, None, json!({})), 2),
        (Undetermined, m(&["target", "unit.level"]))
    );
    for key in ["attacked", "handled_in_time", "outage_hours"] {
        assert_eq!(
            check(&two(portal, Some("prefecture"), json!({ key: null })), 2),
            (Undetermined, m(&[&format!("facts.{key}")])),
            "{key}"
        );
    }
    // Handled in time: not met, whatever else is unknown.
    assert_eq!(
        check(
            &two(
                portal,
                None,
                json!({"handled_in_time": true, "outage_hours": null})
            ),
            2
        ),
        (NotMet, none())
    );
    assert_eq!(
        check(
            &two(portal, Some("prefecture"), json!({"attacked": false})),
            2
        ),
        (NotMet, none())
    );
}

// ---- (三) ----------------------------------------------------------------------------------

fn three(patch: Value) -> Value {
    incident(Some("other"), Some("county"), with(patch))
}

#[test]
fn item3_large_scale_line_is_inclusive() {
    let c = run(&three(json!({"personal_info_leaked_persons": 1_000_000})));
    assert_eq!(status(&c, 3), Met);
    let r = reasons(&c, 3);
    assert!(
        r.contains("个人信息泄露 1,000,000 人(facts.personal_info_leaked_persons),达到「大面积」认定线 1,000,000 人(正式文本)"),
        "{r}"
    );
    assert_eq!(
        check(&three(json!({"personal_info_leaked_persons": 999_999})), 3),
        (NotMet, none())
    );
}

#[test]
fn item3_given_large_scale_fact_wins_over_the_count() {
    assert_eq!(
        check(
            &three(
                json!({"personal_info_leaked_persons": 5_000_000, "personal_info_leak_large_scale": false})
            ),
            3
        ),
        (NotMet, none())
    );
    assert_eq!(
        check(
            &three(
                json!({"personal_info_leaked_persons": 10, "personal_info_leak_large_scale": true})
            ),
            3
        ),
        (Met, none())
    );
}

#[test]
fn item3_each_disjunct_and_unknowns() {
    assert_eq!(
        check(&three(json!({"state_secret_leaked": true})), 3),
        (Met, none())
    );
    assert_eq!(
        check(&three(json!({"basic_data_leaked_massively": true})), 3),
        (Met, none())
    );
    // A met disjunct settles it despite unknowns.
    assert_eq!(
        check(
            &three(
                json!({"state_secret_leaked": true, "basic_data_leaked_massively": null,
                            "personal_info_leaked_persons": null})
            ),
            3
        ),
        (Met, none())
    );
    assert_eq!(
        check(&three(json!({"personal_info_leaked_persons": null})), 3),
        (
            Undetermined,
            m(&[
                "facts.personal_info_leak_large_scale",
                "facts.personal_info_leaked_persons"
            ])
        )
    );
    assert_eq!(
        check(&three(json!({"state_secret_leaked": null})), 3),
        (Undetermined, m(&["facts.state_secret_leaked"]))
    );
}

// ---- (四) ----------------------------------------------------------------------------------

fn four(patch: Value) -> Value {
    let mut f = json!({"attacked": true, "handled_in_time": false});
    if let (Some(base), Some(p)) = (f.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            base.insert(k.clone(), v.clone());
        }
    }
    incident(Some("cii"), Some("provincial"), with(f))
}

#[test]
fn item4_major_loss_line_is_inclusive_and_draft() {
    let c = run(&four(json!({"economic_loss_yuan": 20_000_000})));
    assert_eq!(status(&c, 4), Met);
    let r = reasons(&c, 4);
    assert!(r.contains("直接经济损失 20,000,000 元(facts.economic_loss_yuan),达到「重大经济损失」认定线 20,000,000 元(2023 年征求意见稿"), "{r}");
    assert_eq!(
        check(&four(json!({"economic_loss_yuan": 19_999_999.99})), 4),
        (NotMet, none())
    );
    assert_eq!(
        check(
            &four(json!({"economic_loss_yuan": 50_000_000, "major_economic_loss": false})),
            4
        ),
        (NotMet, none())
    );
    assert_eq!(
        check(
            &four(json!({"economic_loss_yuan": 0, "major_economic_loss": true})),
            4
        ),
        (Met, none())
    );
}

#[test]
fn item4_each_effect_and_unknowns() {
    assert_eq!(
        check(&four(json!({"wide_public_impact": true})), 4),
        (Met, none())
    );
    assert_eq!(
        check(&four(json!({"serious_social_impact": true})), 4),
        (Met, none())
    );
    assert_eq!(check(&four(json!({})), 4), (NotMet, none()));
    assert_eq!(
        check(
            &four(json!({"wide_public_impact": true, "handled_in_time": null})),
            4
        ),
        (Undetermined, m(&["facts.handled_in_time"]))
    );
    assert_eq!(
        check(
            &four(json!({"wide_public_impact": true, "handled_in_time": true})),
            4
        ),
        (NotMet, none())
    );
    assert_eq!(
        check(&four(json!({"economic_loss_yuan": null})), 4),
        (
            Undetermined,
            m(&["facts.major_economic_loss", "facts.economic_loss_yuan"])
        )
    );
    let mut doc = four(json!({"wide_public_impact": true}));
    doc["target"] = json!("party_gov_portal");
    assert_eq!(check(&doc, 4), (NotMet, none()));
    doc["target"] = Value::Null;
    assert_eq!(check(&doc, 4), (Undetermined, m(&["target"])));
}

// ---- (五)(六)(七) --------------------------------------------------------------------------

#[test]
fn item5() {
    let d = |p: Value| incident(Some("other"), Some("county"), with(p));
    assert_eq!(check(&d(json!({"concealed": true})), 5), (Met, none()));
    assert_eq!(
        check(&d(json!({"refused_cooperation": true})), 5),
        (Met, none())
    );
    assert_eq!(
        check(
            &d(json!({"notified_risk_unrectified": true, "serious_consequence": true})),
            5
        ),
        (Met, none())
    );
    assert_eq!(
        check(
            &d(json!({"notified_risk_unrectified": true, "serious_consequence": false})),
            5
        ),
        (NotMet, none())
    );
    assert_eq!(
        check(
            &d(json!({"notified_risk_unrectified": true, "serious_consequence": null})),
            5
        ),
        (Undetermined, m(&["facts.serious_consequence"]))
    );
    assert_eq!(
        check(
            &d(json!({"notified_risk_unrectified": false, "serious_consequence": null})),
            5
        ),
        (NotMet, none())
    );
    assert_eq!(
        check(&d(json!({"concealed": null})), 5),
        (Undetermined, m(&["facts.concealed"]))
    );
}

#[test]
fn item6() {
    let d = |p: Value| incident(Some("other"), Some("county"), with(p));
    assert_eq!(
        check(&d(json!({"obstructed_security_organs": true})), 6),
        (Met, none())
    );
    assert_eq!(
        check(&d(json!({"refused_support_security_organs": true})), 6),
        (Met, none())
    );
    assert_eq!(check(&d(json!({})), 6), (NotMet, none()));
    assert_eq!(
        check(&d(json!({"refused_support_security_organs": null})), 6),
        (Undetermined, m(&["facts.refused_support_security_organs"]))
    );
    assert_eq!(
        check(
            &d(
                json!({"obstructed_security_organs": true, "refused_support_security_organs": null})
            ),
            6
        ),
        (Met, none())
    );
}

#[test]
fn item7_is_a_human_determination() {
    let d = |p: Value| incident(Some("other"), Some("county"), with(p));
    let c = run(&d(json!({"other_serious_harm": true})));
    assert_eq!(status(&c, 7), Met);
    assert!(reasons(&c, 7).contains("须由有权机关认定"));
    assert_eq!(
        check(&d(json!({"other_serious_harm": null})), 7),
        (Undetermined, m(&["facts.other_serious_harm"]))
    );
    assert_eq!(check(&d(json!({})), 7), (NotMet, none()));
}

#[test]
fn seven_triggers_in_order_even_for_an_empty_incident() {
    let c = run(&json!({"schema": "cyberduty.incident/1"}));
    let items: Vec<u8> = c.triggers.iter().map(|t| t.item).collect();
    assert_eq!(items, vec![1, 2, 3, 4, 5, 6, 7]);
    assert!(c.triggers.iter().all(|t| t.status == Undetermined));
    assert_eq!(c.accountability.status, Undetermined);
    assert_eq!(c.grade.level, GradeLevel::General);
    assert!(c.grade.at_least);
    assert_eq!(c.reporting.required, None);
    assert_eq!(c.reporting.deadline_minutes, None);
}

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

// ---- grade ---------------------------------------------------------------------------------

fn grade_of(target: Option<&str>, level: Option<&str>, patch: Value) -> (GradeLevel, bool, bool) {
    let c = run(&incident(target, level, with(patch)));
    (c.grade.level, c.grade.at_least, c.grade.draft)
}

use GradeLevel::{EspeciallyMajor as EM, General as G, Larger as L, Major as M};

#[test]
fn grade_quiet_incident_is_general_and_final() {
    assert_eq!(
        grade_of(Some("other"), Some("county"), json!({})),
        (G, false, false)
    );
}

#[test]
fn grade_portal_outage_tiers() {
    let p = Some("party_gov_portal");
    let h = |x: Value| json!({"outage_hours": x});
    assert_eq!(
        grade_of(p, Some("prefecture"), h(json!(2))),
        (L, false, true)
    );
    assert_eq!(
        grade_of(p, Some("prefecture"), h(json!(1.99))),
        (G, false, false)
    );
    assert_eq!(
        grade_of(p, Some("prefecture"), h(json!(6))),
        (M, false, true)
    );
    assert_eq!(
        grade_of(p, Some("prefecture"), h(json!(5.99))),
        (L, false, true)
    );
    // 特别重大 needs 省级以上: a prefecture portal stays 重大 however long.
    assert_eq!(
        grade_of(p, Some("prefecture"), h(json!(100))),
        (M, false, true)
    );
    assert_eq!(
        grade_of(p, Some("provincial"), h(json!(24))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(p, Some("central"), h(json!(24))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(p, Some("provincial"), h(json!(23.99))),
        (M, false, true)
    );
    // County portals are outside this criterion.
    assert_eq!(
        grade_of(p, Some("county"), h(json!(100))),
        (G, false, false)
    );
    // Key news sites: 中央 for 特别重大.
    let n = Some("key_news_site");
    assert_eq!(
        grade_of(n, Some("central"), h(json!(24))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(n, Some("provincial"), h(json!(24))),
        (M, false, true)
    );
    // Unknown level: the unit level that would decide is an unknown fact that may raise it.
    assert_eq!(grade_of(p, None, h(json!(30))), (G, true, false));
    assert_eq!(grade_of(n, None, h(json!(30))), (G, true, false));
    // Other targets: no portal grade.
    assert_eq!(
        grade_of(Some("other"), Some("central"), h(json!(30))),
        (G, false, false)
    );
}

#[test]
fn grade_cii_outage_tiers_by_scope() {
    let c = Some("cii");
    let full = |x: Value| json!({"outage_hours": x, "outage_scope": "full"});
    let main = |x: Value| json!({"outage_hours": x, "outage_scope": "main_functions"});
    assert_eq!(
        grade_of(c, Some("county"), full(json!(0.5))),
        (L, false, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), full(json!(0.49))),
        (G, false, false)
    );
    assert_eq!(
        grade_of(c, Some("county"), full(json!(2))),
        (M, false, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), full(json!(1.99))),
        (L, false, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), full(json!(6))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(c, Some("county"), full(json!(5.99))),
        (M, false, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), main(json!(2))),
        (L, false, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), main(json!(1.99))),
        (G, false, false)
    );
    assert_eq!(
        grade_of(c, Some("county"), main(json!(6))),
        (M, false, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), main(json!(24))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(c, Some("county"), main(json!(23.99))),
        (M, false, true)
    );
    // Scope unknown: 3 h is 较大 either way and 重大 only if the whole system was down.
    let unknown = |x: Value| json!({"outage_hours": x, "outage_scope": null});
    assert_eq!(
        grade_of(c, Some("county"), unknown(json!(3))),
        (L, true, true)
    );
    assert_eq!(
        grade_of(c, Some("county"), unknown(json!(24))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(c, Some("county"), unknown(json!(0.4))),
        (G, false, false)
    );
    // Not CII: no CII grade.
    assert_eq!(
        grade_of(Some("other"), Some("county"), full(json!(10))),
        (G, false, false)
    );
}

/// A fact, its (at the line, just below) values for 较大, 重大, 特别重大, and whether 较大/重大 are drafts.
type Lines = (&'static str, [(Value, Value); 3], bool);

#[test]
fn grade_counts_and_amounts_at_each_line() {
    let o = Some("other");
    let lvl = Some("county");
    let cases: [Lines; 6] = [
        (
            "people_affected",
            [
                (json!(100_000), json!(99_999)),
                (json!(1_000_000), json!(999_999)),
                (json!(10_000_000), json!(9_999_999)),
            ],
            true,
        ),
        (
            "personal_info_leaked_persons",
            [
                (json!(1_000_000), json!(999_999)),
                (json!(10_000_000), json!(9_999_999)),
                (json!(100_000_000), json!(99_999_999)),
            ],
            false,
        ),
        (
            "reposts",
            [
                (json!(1000), json!(999)),
                (json!(10_000), json!(9999)),
                (json!(100_000), json!(99_999)),
            ],
            true,
        ),
        (
            "views",
            [
                (json!(10_000), json!(9999)),
                (json!(100_000), json!(99_999)),
                (json!(1_000_000), json!(999_999)),
            ],
            true,
        ),
        (
            "spread_homepage_hours",
            [
                (json!(0.5), json!(0.49)),
                (json!(2), json!(1.99)),
                (json!(6), json!(5.99)),
            ],
            true,
        ),
        (
            "spread_other_pages_hours",
            [
                (json!(2), json!(1.99)),
                (json!(12), json!(11.99)),
                (json!(24), json!(23.99)),
            ],
            true,
        ),
    ];
    for (key, tiers, draft) in cases {
        let extra = |v: &Value| {
            let mut p = json!({ key: v.clone() });
            if key.starts_with("spread") || key == "reposts" || key == "views" {
                p["tampered"] = json!(true);
            }
            p
        };
        let levels = [L, M, EM];
        for (i, (at, below)) in tiers.iter().enumerate() {
            let want = levels[i];
            let below_want = if i == 0 { G } else { levels[i - 1] };
            let want_draft = draft && want != EM;
            let below_draft = draft && below_want != EM && below_want != G;
            assert_eq!(
                grade_of(o, lvl, extra(at)),
                (want, false, want_draft),
                "{key} at {at}"
            );
            assert_eq!(
                grade_of(o, lvl, extra(below)),
                (below_want, false, below_draft),
                "{key} at {below}"
            );
        }
    }
    let loss = |v: Value| json!({"economic_loss_yuan": v});
    assert_eq!(grade_of(o, lvl, loss(json!(5_000_000))), (L, false, true));
    assert_eq!(
        grade_of(o, lvl, loss(json!(4_999_999.99))),
        (G, false, false)
    );
    assert_eq!(grade_of(o, lvl, loss(json!(20_000_000))), (M, false, true));
    assert_eq!(
        grade_of(o, lvl, loss(json!(19_999_999.99))),
        (L, false, true)
    );
    assert_eq!(
        grade_of(o, lvl, loss(json!(100_000_000))),
        (EM, false, false)
    );
    assert_eq!(
        grade_of(o, lvl, loss(json!(99_999_999.99))),
        (M, false, true)
    );
}

#[test]
fn grade_draft_only_when_every_deciding_criterion_is_draft() {
    let o = Some("other");
    // 较大 by a final line (personal information) and by a draft line (loss): not draft.
    assert_eq!(
        grade_of(
            o,
            Some("county"),
            json!({"personal_info_leaked_persons": 1_000_000, "economic_loss_yuan": 5_000_000})
        ),
        (L, false, false)
    );
    // A higher draft criterion decides alone.
    assert_eq!(
        grade_of(
            o,
            Some("county"),
            json!({"personal_info_leaked_persons": 1_000_000, "economic_loss_yuan": 20_000_000})
        ),
        (M, false, true)
    );
    let c = run(&incident(
        o,
        Some("county"),
        with(json!({"economic_loss_yuan": 20_000_000})),
    ));
    assert!(c.grade.reasons.iter().any(|r| r.contains("征求意见稿")));
    assert!(c.grade.reasons.iter().any(|r| r.starts_with("直接经济损失——直接经济损失 20,000,000 元(facts.economic_loss_yuan),达到 20,000,000 元以上;对应重大标准")));
}

#[test]
fn grade_unknowns_make_it_at_least() {
    let o = Some("other");
    let c = run(&incident(
        o,
        Some("county"),
        with(json!({"economic_loss_yuan": 5_000_000, "views": null, "tampered": true})),
    ));
    assert_eq!((c.grade.level, c.grade.at_least), (L, true));
    assert!(c
        .grade
        .reasons
        .iter()
        .any(|r| r.contains("篡改内容浏览量或点击量(facts.views)未知,可能达到特别重大")));
    // Spread facts do not count when the site was not tampered.
    assert_eq!(
        grade_of(o, Some("county"), json!({"views": null, "tampered": false})),
        (G, false, false)
    );
    let c = run(&incident(
        o,
        Some("county"),
        with(json!({"spread_homepage_hours": 10, "tampered": false})),
    ));
    assert_eq!((c.grade.level, c.grade.at_least), (G, false));
    assert!(c
        .grade
        .reasons
        .iter()
        .any(|r| r.contains("已填写的 facts.spread_homepage_hours 不计入分级")));
    // Unknown target: outage hours could belong to a portal or CII.
    assert_eq!(
        grade_of(None, Some("provincial"), json!({"outage_hours": 30})),
        (G, true, false)
    );
    // The qualitative criterion is always named as not modelled.
    assert!(c
        .grade
        .reasons
        .iter()
        .any(|r| r.contains("本工具不作自动判断")));
}

// ---- reporting -----------------------------------------------------------------------------

fn timed(
    target: Option<&str>,
    level: Option<&str>,
    patch: Value,
    discovered: &str,
    reported: &str,
) -> Classification {
    let mut doc = incident(target, level, with(patch));
    doc["timeline"] = json!({"discovered_at": discovered, "reported_at": reported});
    run(&doc)
}

fn rep(c: &Classification) -> (Option<bool>, Option<u64>, Option<u64>, Option<bool>) {
    let r = &c.reporting;
    (
        r.required,
        r.deadline_minutes,
        r.reported_within_minutes,
        r.on_time,
    )
}

#[test]
fn reporting_deadlines_at_the_limit_and_one_minute_past_across_offsets() {
    let d = "2026-03-01T09:00:00+08:00";
    // CII: 60 minutes. 09:00+08:00 is 01:00Z.
    let cii = json!({"outage_hours": 0.5, "outage_scope": "full"});
    assert_eq!(
        rep(&timed(
            Some("cii"),
            Some("central"),
            cii.clone(),
            d,
            "2026-03-01T02:00:00Z"
        )),
        (Some(true), Some(60), Some(60), Some(true))
    );
    assert_eq!(
        rep(&timed(
            Some("cii"),
            Some("central"),
            cii.clone(),
            d,
            "2026-03-01T02:01:00Z"
        )),
        (Some(true), Some(60), Some(61), Some(false))
    );
    // One second past still counts as a started minute.
    assert_eq!(
        rep(&timed(
            Some("cii"),
            Some("central"),
            cii,
            d,
            "2026-03-01T02:00:01Z"
        )),
        (Some(true), Some(60), Some(61), Some(false))
    );
    // Central unit: 120 minutes (here reported in another offset again).
    let loss = json!({"economic_loss_yuan": 5_000_000});
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("central"),
            loss.clone(),
            d,
            "2026-03-01T03:00:00Z"
        )),
        (Some(true), Some(120), Some(120), Some(true))
    );
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("central"),
            loss.clone(),
            d,
            "2026-03-01T11:01:00+08:00"
        )),
        (Some(true), Some(120), Some(121), Some(false))
    );
    // Everyone else: 240 minutes.
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("provincial"),
            loss.clone(),
            d,
            "2026-03-01T05:00:00Z"
        )),
        (Some(true), Some(240), Some(240), Some(true))
    );
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("provincial"),
            loss.clone(),
            "2026-03-01T01:00:00Z",
            "2026-03-01T08:01:00+03:00"
        )),
        (Some(true), Some(240), Some(241), Some(false))
    );
    // The discovered and reported offsets are both non-UTC and differ.
    assert_eq!(
        rep(&timed(
            Some("other"),
            Some("township"),
            loss,
            "2026-03-01T09:00:00+08:00",
            "2026-02-28T21:00:00-04:00"
        )),
        (Some(true), Some(240), Some(0), Some(true))
    );
}

#[test]
fn reporting_not_required_or_undetermined() {
    let d = "2026-03-01T09:00:00+08:00";
    let c = timed(
        Some("other"),
        Some("county"),
        json!({}),
        d,
        "2026-03-01T20:00:00+08:00",
    );
    assert_eq!(rep(&c), (Some(false), None, Some(660), None));
    // Grade could still reach 较大: required is undetermined, the deadline that would apply is given.
    let c = timed(
        Some("other"),
        Some("county"),
        json!({"economic_loss_yuan": null}),
        d,
        "2026-03-01T12:00:00+08:00",
    );
    assert_eq!(rep(&c), (None, Some(240), Some(180), Some(true)));
    let c = timed(
        Some("other"),
        Some("county"),
        json!({"economic_loss_yuan": null}),
        d,
        "2026-03-01T13:01:00+08:00",
    );
    assert_eq!(rep(&c), (None, Some(240), Some(241), Some(false)));
    // The unknown fact could reach exactly 较大 and no higher (CII down 1 h, scope unknown:
    // 较大 if the whole system was down, nothing if only main functions): still undetermined.
    let c = timed(
        Some("cii"),
        Some("county"),
        json!({"outage_hours": 1, "outage_scope": null}),
        d,
        "2026-03-01T10:00:00+08:00",
    );
    assert_eq!(
        (c.grade.level, c.grade.at_least),
        (GradeLevel::General, true)
    );
    assert_eq!(rep(&c), (None, Some(60), Some(60), Some(true)));
}

#[test]
fn reporting_deadline_unknown_when_it_turns_on_an_unknown_fact() {
    let d = "2026-03-01T09:00:00+08:00";
    let loss = json!({"economic_loss_yuan": 5_000_000});
    // Target unknown: 60, 120 or 240; within 60 is on time whatever it is, beyond 240 is late.
    assert_eq!(
        rep(&timed(
            None,
            None,
            loss.clone(),
            d,
            "2026-03-01T10:00:00+08:00"
        ))
        .3,
        Some(true)
    );
    assert_eq!(
        rep(&timed(
            None,
            None,
            loss.clone(),
            d,
            "2026-03-01T13:01:00+08:00"
        ))
        .3,
        Some(false)
    );
    let c = timed(None, None, loss.clone(), d, "2026-03-01T10:30:00+08:00");
    assert_eq!(rep(&c).1, None);
    assert_eq!(rep(&c).3, None);
    // Not CII, level unknown: 120 or 240.
    let c = timed(Some("other"), None, loss, d, "2026-03-01T12:00:00+08:00");
    assert_eq!(rep(&c), (Some(true), None, Some(180), None));
    assert!(c
        .reporting
        .reasons
        .iter()
        .any(|r| r.contains("可能为 120、240 分钟")));
}

#[test]
fn reporting_without_times() {
    let c = run(&incident(
        Some("cii"),
        Some("county"),
        with(json!({"economic_loss_yuan": 5_000_000})),
    ));
    assert_eq!(rep(&c), (Some(true), Some(60), None, None));
}

// ---- malformed -----------------------------------------------------------------------------

fn e(code: &str, path: &str) -> (String, String) {
    (code.to_string(), path.to_string())
}

#[test]
fn malformed_incidents_are_refused_with_exact_codes_and_paths() {
    let base = || incident(Some("other"), Some("county"), quiet());
    let set = |path: &[&str], v: Value| {
        let mut d = base();
        let mut cur = &mut d;
        for p in &path[..path.len() - 1] {
            cur = &mut cur[*p];
        }
        cur[path[path.len() - 1]] = v;
        d
    };
    assert_eq!(
        err(&set(&["facts", "attacked"], json!("yes"))),
        e("E_FIELD_TYPE", "$.facts.attacked")
    );
    assert_eq!(
        err(&set(&["facts", "attacked"], json!(1))),
        e("E_FIELD_TYPE", "$.facts.attacked")
    );
    assert_eq!(
        err(&set(&["facts", "outage_hours"], json!("7"))),
        e("E_FIELD_TYPE", "$.facts.outage_hours")
    );
    assert_eq!(
        err(&set(&["facts", "outage_hours"], json!(-0.5))),
        e("E_FIELD_RANGE", "$.facts.outage_hours")
    );
    assert_eq!(
        err(&set(&["facts", "economic_loss_yuan"], json!(-1))),
        e("E_FIELD_RANGE", "$.facts.economic_loss_yuan")
    );
    assert_eq!(
        err(&set(&["facts", "reposts"], json!(-1))),
        e("E_FIELD_RANGE", "$.facts.reposts")
    );
    assert_eq!(
        err(&set(&["facts", "views"], json!(2.5))),
        e("E_FIELD_TYPE", "$.facts.views")
    );
    assert_eq!(
        err(&set(&["facts", "people_affected"], json!(1e30))),
        e("E_FIELD_RANGE", "$.facts.people_affected")
    );
    assert_eq!(
        err(&set(&["facts", "personal_info_leaked_persons"], json!([1]))),
        e("E_FIELD_TYPE", "$.facts.personal_info_leaked_persons")
    );
    assert_eq!(
        err(&set(&["facts", "outage_scope"], json!("partial"))),
        e("E_FIELD_RANGE", "$.facts.outage_scope")
    );
    assert_eq!(
        err(&set(&["facts", "hacked"], json!(true))),
        e("E_FIELD_UNKNOWN", "$.facts.hacked")
    );
    assert_eq!(
        err(&set(&["target"], json!("website"))),
        e("E_FIELD_RANGE", "$.target")
    );
    assert_eq!(
        err(&set(&["target"], json!(3))),
        e("E_FIELD_TYPE", "$.target")
    );
    assert_eq!(
        err(&set(&["unit", "level"], json!("city"))),
        e("E_FIELD_RANGE", "$.unit.level")
    );
    assert_eq!(
        err(&set(&["unit"], json!("某市"))),
        e("E_FIELD_TYPE", "$.unit")
    );
    assert_eq!(
        err(&set(&["unit", "code"], json!("x"))),
        e("E_FIELD_UNKNOWN", "$.unit.code")
    );
    assert_eq!(
        err(&set(&["title"], json!(1))),
        e("E_FIELD_TYPE", "$.title")
    );
    assert_eq!(
        err(&set(&["facts"], json!([]))),
        e("E_FIELD_TYPE", "$.facts")
    );
    assert_eq!(
        err(&set(&["extra"], json!(1))),
        e("E_FIELD_UNKNOWN", "$.extra")
    );
    assert_eq!(
        err(&set(&["schema"], json!("cyberduty.incident/2"))),
        e("E_SCHEMA_FUTURE", "$.schema")
    );
    assert_eq!(
        err(&set(&["schema"], json!("cyberduty.assessment/1"))),
        e("E_SCHEMA_UNKNOWN", "$.schema")
    );
    assert_eq!(
        err(&set(&["schema"], json!("cyberduty.incident/0"))),
        e("E_SCHEMA_UNKNOWN", "$.schema")
    );
    assert_eq!(
        err(&json!({"title": "x"})),
        e("E_SCHEMA_MISSING", "$.schema")
    );
    assert_eq!(err(&json!([1])), e("E_FIELD_TYPE", "$"));
    assert_eq!(
        err_text(r#"{"schema":"cyberduty.incident/1","facts":{"attacked":true,"attacked":false}}"#),
        e("E_JSON_DUPLICATE_KEY", "$.facts.attacked")
    );
    assert_eq!(err_text(""), e("E_INPUT_EMPTY", "$"));
    assert_eq!(err_text("{"), e("E_JSON_SYNTAX", "$"));
}

#[test]
fn categories_follow_gb_t_20986() {
    let with_cat = |c: &str| {
        let mut d = incident(Some("other"), Some("county"), quiet());
        d["category"] = json!(c);
        d
    };
    for ok in [
        "网络攻击事件",
        "网络攻击事件/网页篡改",
        "数据安全事件/数据泄露",
        "其他事件",
        "恶意程序事件/勒索软件",
    ] {
        assert_eq!(run(&with_cat(ok)).incident.category.as_deref(), Some(ok));
    }
    for bad in [
        "网页篡改",
        "网络攻击",
        "网络攻击事件/",
        "网络攻击事件/网页篡改/首页",
        "",
        "/网页篡改",
        "Network attack",
    ] {
        assert_eq!(
            err(&with_cat(bad)),
            e("E_FIELD_RANGE", "$.category"),
            "{bad}"
        );
    }
    let msg = json::parse_str(&with_cat("网页篡改").to_string())
        .and_then(|j| classify_document(&j))
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert!(
        msg.contains("恶意程序事件、网络攻击事件、数据安全事件"),
        "{msg}"
    );
}

#[test]
fn bad_timestamps_and_impossible_timelines() {
    let tl = |t: Value| {
        let mut d = incident(Some("other"), Some("county"), quiet());
        d["timeline"] = t;
        d
    };
    assert_eq!(
        err(&tl(json!({"occurred_at": "2026-02-29T10:00:00+08:00"}))),
        e("E_TIMESTAMP", "$.timeline.occurred_at")
    );
    assert_eq!(
        err(&tl(json!({"discovered_at": "2026-03-01T10:00:00"}))),
        e("E_TIMESTAMP", "$.timeline.discovered_at")
    );
    assert_eq!(
        err(&tl(json!({"reported_at": "2026-03-01 10:00:00+08:00"}))),
        e("E_TIMESTAMP", "$.timeline.reported_at")
    );
    assert_eq!(
        err(&tl(json!({"resolved_at": "2026-03-01T24:00:00Z"}))),
        e("E_TIMESTAMP", "$.timeline.resolved_at")
    );
    assert_eq!(
        err(&tl(json!({"resolved_at": 1_772_329_200}))),
        e("E_FIELD_TYPE", "$.timeline.resolved_at")
    );
    assert_eq!(
        err(&tl(json!({"started_at": "2026-03-01T10:00:00Z"}))),
        e("E_FIELD_UNKNOWN", "$.timeline.started_at")
    );
    // Leap day in a leap year is fine.
    assert!(
        json::parse_str(&tl(json!({"occurred_at": "2028-02-29T10:00:00+08:00"})).to_string())
            .and_then(|j| Incident::from_json(&j))
            .is_ok()
    );
    // 10:00+08:00 is 02:00Z: a report at 01:59Z precedes discovery.
    assert_eq!(
        err(&tl(
            json!({"discovered_at": "2026-03-01T10:00:00+08:00", "reported_at": "2026-03-01T01:59:59Z"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.reported_at")
    );
    assert_eq!(
        err(&tl(
            json!({"occurred_at": "2026-03-01T10:00:00+08:00", "discovered_at": "2026-03-01T09:59:00+08:00"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.discovered_at")
    );
    assert_eq!(
        err(&tl(
            json!({"occurred_at": "2026-03-01T10:00:00+08:00", "resolved_at": "2026-03-01T01:00:00Z"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.resolved_at")
    );
    assert_eq!(
        err(&tl(
            json!({"occurred_at": "2026-03-01T10:00:00+08:00", "reported_at": "2026-03-01T01:00:00Z"})
        )),
        e("E_TIMELINE_ORDER", "$.timeline.reported_at")
    );
    // Same instant in two offsets is in order.
    let c = run(&tl(
        json!({"occurred_at": "2026-03-01T10:00:00+08:00", "discovered_at": "2026-03-01T02:00:00Z",
                           "reported_at": "2026-03-01T02:00:00Z"}),
    ));
    assert_eq!(c.reporting.reported_within_minutes, Some(0));
}

#[test]
fn nulls_are_unknown_and_large_counts_do_not_overflow() {
    let mut facts = serde_json::Map::new();
    for k in quiet()
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        facts.insert(k, Value::Null);
    }
    let c = run(
        &json!({"schema": "cyberduty.incident/1", "unit": {"name": null, "level": null}, "target": null,
                        "facts": facts, "timeline": {"occurred_at": null}}),
    );
    assert!(c.triggers.iter().all(|t| t.status == Undetermined));
    let c = run(&incident(
        Some("other"),
        Some("county"),
        with(json!({"views": u64::MAX, "tampered": true,
                                                                      "personal_info_leaked_persons": u64::MAX})),
    ));
    assert_eq!((c.grade.level, c.grade.at_least), (EM, false));
    assert_eq!(status(&c, 3), Met);
}

#[test]
fn classify_matches_classify_document() {
    let doc = incident(
        Some("cii"),
        Some("central"),
        with(json!({"economic_loss_yuan": 5_000_000})),
    );
    let j = json::parse_str(&doc.to_string()).expect("parse");
    let i = Incident::from_json(&j).expect("incident");
    assert_eq!(incident::classify(&i), run(&doc));
    assert_eq!(run(&doc).schema, "cyberduty.classification/1");
}

// ---- soundness (proptest) ------------------------------------------------------------------

mod soundness {
    use super::*;
    use proptest::prelude::*;

    const BOOLS: [&str; 19] = [
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
        // A given 「大面积」/「重大经济损失」 fact overrides the number; when it is absent the number
        // decides. So an absent flag next to a known number is not an unknown: complete it as
        // absent too.
        let mut full = full;
        for (flag, number) in [
            (
                "personal_info_leak_large_scale",
                "personal_info_leaked_persons",
            ),
            ("major_economic_loss", "economic_loss_yuan"),
        ] {
            if masked["facts"][flag].is_null() && !masked["facts"][number].is_null() {
                full["facts"][flag] = Value::Null;
            }
        }
        if mask.get(41).copied().unwrap_or(false) {
            masked["unit"]["level"] = Value::Null;
        }
        (full, masked)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn known_verdicts_survive_any_completion_of_the_unknowns(
            bytes in prop::collection::vec(any::<u8>(), 33),
            mask in prop::collection::vec(any::<bool>(), 42),
        ) {
            let (full, masked) = incidents(&bytes, &mask);
            let f = run(&full);
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
}

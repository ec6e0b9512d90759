//! Article 8, the seven situations (src/domain/incident/situations.rs): each at its boundaries,
//! each unknown fact that flips met ↔ undetermined.

use super::*;

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
    assert!(r.contains("被攻击篡改"), "{r}");
    assert!(r.contains("没有及时报告"), "{r}");
}

#[test]
fn item1_reported_but_not_handled_is_met() {
    let c = run(&one(
        json!({"reported_in_time": true, "handled_in_time": false}),
    ));
    assert_eq!(status(&c, 1), Met);
    let r = reasons(&c, 1);
    assert!(r.contains("没有及时组织处置"), "{r}");
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
    assert!(r.contains("已及时报告"), "{r}");
    assert!(r.contains("已及时组织处置"), "{r}");
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
    assert!(reasons(&c, 2).contains("瘫痪 5.9 小时,不足 6 小时"));
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
    assert!(r.contains("单位层级为县级,不属于地市级以上"), "{r}");
    // 「地市级以上」 binds key news sites too: the policy's one reading, labelled as this tool's.
    let c = run(&two(Some("key_news_site"), Some("county"), json!({})));
    assert_eq!((status(&c, 2), missing(&c, 2)), (NotMet, none()));
    let r = reasons(&c, 2);
    assert!(
        r.contains("单位层级为县级,不属于地市级以上(范围按本工具解释:地市级以上党政机关门户网站或者重点新闻网站)"),
        "{r}"
    );
    assert!(r.contains("以上认定用到了本工具解释"), "{r}");
    assert_eq!(
        trigger(&c, 2).interpretations,
        vec!["prefecture_and_above_sites"]
    );
    assert_eq!(
        check(
            &two(Some("key_news_site"), Some("prefecture"), json!({})),
            2
        ),
        (Met, none())
    );
    assert_eq!(
        check(&two(Some("key_news_site"), None, json!({})), 2),
        (Undetermined, m(&["unit.level"]))
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
    // Target unknown: a county unit is outside either kind of site (the reading binds both).
    assert_eq!(
        check(&two(None, Some("county"), json!({})), 2),
        (NotMet, none())
    );
    assert_eq!(
        check(&two(None, Some("prefecture"), json!({})), 2),
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

/// Issue 10, item 2: the shipped policy enables no interpretation, so 「大面积」 is the user's
/// answer; a count alone leaves it open and says why.
#[test]
fn item3_large_scale_is_the_users_answer_by_default() {
    let c = run(&three(json!({"personal_info_leaked_persons": 2_000_000})));
    assert_eq!(
        (status(&c, 3), missing(&c, 3)),
        (Undetermined, m(&["facts.personal_info_leak_large_scale"]))
    );
    let r = reasons(&c, 3);
    assert!(
        r.contains("是否属于大面积个人信息泄露(个人信息泄露 2,000,000 人;第八条未规定数量标准,当前政策未启用解释,须由人工认定)"),
        "{r}"
    );
    assert!(!r.contains("正式文本"), "{r}");
    assert!(c.interpretations.iter().all(|i| i.kind == "reading"));
    // No leak is no large leak.
    assert_eq!(
        check(&three(json!({"personal_info_leaked_persons": 0})), 3),
        (NotMet, none())
    );
}

/// With a policy that enables the interpretations, the line decides, labelled 「本工具解释」 and
/// listed in `interpretations`, and the trigger names it.
#[test]
fn item3_line_under_an_enabled_interpretation() {
    let p = policy_on();
    let c = run_with(
        &three(json!({"personal_info_leaked_persons": 10_000_000})),
        &p,
    );
    assert_eq!(status(&c, 3), Met);
    let r = reasons(&c, 3);
    assert!(
        r.contains("个人信息泄露 10,000,000 人,达到 10,000,000 人,按本工具解释:个人信息泄露 10,000,000 人以上视为「大面积个人信息泄露」(借用《网络安全事件分级指南》(2025)重大档,正式文本;非第八条原文),认定属于大面积个人信息泄露"),
        "{r}"
    );
    assert_eq!(
        trigger(&c, 3).interpretations,
        vec!["personal_info_large_scale"]
    );
    let listed = c
        .interpretations
        .iter()
        .find(|i| i.id == "personal_info_large_scale")
        .expect("listed");
    assert_eq!((listed.kind, listed.used), ("interpretation", true));
    assert_eq!(listed.term, "大面积个人信息泄露");
    let c = run_with(
        &three(json!({"personal_info_leaked_persons": 9_999_999})),
        &p,
    );
    assert_eq!((status(&c, 3), missing(&c, 3)), (NotMet, none()));
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
        (Undetermined, m(&["facts.personal_info_leak_large_scale"]))
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
    // Shipped policy: the amount does not decide 「重大」.
    assert_eq!(
        check(&four(json!({"economic_loss_yuan": 50_000_000})), 4),
        (Undetermined, m(&["facts.major_economic_loss"]))
    );
    let p = policy_on();
    let c = run_with(&four(json!({"economic_loss_yuan": 20_000_000})), &p);
    assert_eq!(status(&c, 4), Met);
    let r = reasons(&c, 4);
    assert!(r.contains("直接经济损失 20,000,000 元,达到 20,000,000 元,按本工具解释:直接经济损失 20,000,000 元以上视为「重大经济损失」(借用2023 年征求意见稿分级指南重大档,2023 年征求意见稿"), "{r}");
    assert!(!r.contains("(正式文本)"), "{r}");
    let c = run_with(&four(json!({"economic_loss_yuan": 19_999_999.99})), &p);
    assert_eq!((status(&c, 4), missing(&c, 4)), (NotMet, none()));
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
    // A direct loss of 0 does not rule out 「重大经济损失」 (it is the user's answer).
    assert_eq!(
        check(&four(json!({})), 4),
        (Undetermined, m(&["facts.major_economic_loss"]))
    );
    assert_eq!(
        check(&four(json!({"major_economic_loss": false})), 4),
        (NotMet, none())
    );
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
        (Undetermined, m(&["facts.major_economic_loss"]))
    );
    // With the interpretation on, the amount could decide it too.
    let c = run_with(&four(json!({"economic_loss_yuan": null})), &policy_on());
    assert_eq!(
        (status(&c, 4), missing(&c, 4)),
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

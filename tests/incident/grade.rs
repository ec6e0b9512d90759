//! The 2025 national grade (src/domain/incident/grade.rs): tiers exactly at and just below each
//! line of the policy table, drafts, and unknowns that make it `at_least`.

use super::*;

// ---- grade ---------------------------------------------------------------------------------

fn grade_of(target: Option<&str>, level: Option<&str>, patch: Value) -> (GradeLevel, bool, bool) {
    let c = run(&incident(target, level, with(patch)));
    (c.grade.level, c.grade.at_least, c.grade.draft)
}

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
                p["attacked"] = json!(true);
            }
            p
        };
        let levels = [L, M, EM];
        // The tamper rows' 特别重大 tier applies only to 省级以上 portals (and 中央 news sites,
        // 超大型 platforms): test them on a provincial portal.
        let tamper = key.starts_with("spread") || key == "reposts" || key == "views";
        let (o, lvl) = if tamper {
            (Some("party_gov_portal"), Some("provincial"))
        } else {
            (o, lvl)
        };
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
    assert!(c.grade.reasons.iter().any(|r| r.starts_with(
        "直接经济损失——直接经济损失 20,000,000 元,达到 20,000,000 元以上;对应重大标准"
    )));
}

#[test]
fn grade_unknowns_make_it_at_least() {
    let o = Some("other");
    let c = run(&incident(
        o,
        Some("county"),
        with(
            json!({"economic_loss_yuan": 5_000_000, "views": null, "tampered": true, "attacked": true}),
        ),
    ));
    assert_eq!((c.grade.level, c.grade.at_least), (L, true));
    // 特别重大 is out of reach: its tamper rows do not apply to this target.
    assert!(c
        .grade
        .reasons
        .iter()
        .any(|r| r.contains("篡改内容浏览量或点击量未知,可能达到重大")));
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
        .any(|r| r.contains("已填写的篡改内容在首页传播时长不计入分级")));
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

/// Issue 10, item 1: the 特别重大 tamper rows apply only to 省级以上 party/government portals,
/// 中央 key news sites and 超大型网络平台 (final text); the 重大/较大 rows' scope was not seen.
#[test]
fn tamper_rows_apply_within_their_scope() {
    let views = |target: &str, level: &str, extra: Value| {
        let mut f = json!({"tampered": true, "attacked": true, "views": 1_000_000});
        for (k, v) in extra.as_object().unwrap() {
            f[k] = v.clone();
        }
        run(&incident(Some(target), Some(level), with(f)))
    };
    // A county portal with 1,000,000 views: 重大 (draft scope), never 特别重大.
    let c = views("party_gov_portal", "county", json!({}));
    assert_eq!(
        (c.grade.level, c.grade.at_least, c.grade.draft),
        (M, false, true)
    );
    let r = c
        .grade
        .reasons
        .iter()
        .find(|r| r.starts_with("被篡改的违法有害信息浏览量或点击量——"))
        .expect("the deciding row");
    assert!(
        r.contains("对应重大标准(适用范围:征求意见稿未限定网站范围"),
        "{r}"
    );
    assert!(r.contains("(未能核实正式文本)"), "{r}");
    // A provincial portal: 特别重大, and the reason names the final scope.
    let c = views("party_gov_portal", "provincial", json!({}));
    assert_eq!((c.grade.level, c.grade.draft), (EM, false));
    assert!(c.grade.reasons.iter().any(|r| r.contains(
        "对应特别重大标准(适用于仅适用于省级以上党政机关门户网站、中央重点新闻网站、超大型网络平台"
    )));
    // Key news sites: 中央 only.
    assert_eq!(views("key_news_site", "central", json!({})).grade.level, EM);
    assert_eq!(
        views("key_news_site", "provincial", json!({})).grade.level,
        M
    );
    // A large platform: 特别重大 only if it is 超大型; unknown leaves it open.
    let c = views(
        "large_platform",
        "county",
        json!({"very_large_platform": true}),
    );
    assert_eq!(c.grade.level, EM);
    let c = views(
        "large_platform",
        "county",
        json!({"very_large_platform": false}),
    );
    assert_eq!((c.grade.level, c.grade.at_least), (M, false));
    let c = views("large_platform", "county", json!({}));
    assert_eq!((c.grade.level, c.grade.at_least), (M, true));
    assert!(c
        .grade
        .reasons
        .iter()
        .any(|r| r.contains("是否为超大型网络平台未知,可能达到特别重大")));
}

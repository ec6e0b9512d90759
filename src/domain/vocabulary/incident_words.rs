//! The incident form's tables: every fact with its kind, unit and hint, the groups the form asks
//! them in, the sub-types offered with the GB/T 20986-2023 categories, and the timeline's fields.

use super::FactKind;

/// The form's groups of facts, as a person would tell the story: each fact in exactly one (a test
/// checks it). Their titles name kinds of harm Article 8 lists, so they are the core's words.
pub(super) const FACT_GROUPS: [(&str, &[&str]); 7] = [
    (
        "攻击、篡改与处置",
        &[
            "attacked",
            "tampered",
            "harmful_info_spread_widely",
            "reported_in_time",
            "handled_in_time",
        ],
    ),
    (
        "瘫痪、影响与损失",
        &[
            "outage_hours",
            "outage_scope",
            "wide_public_impact",
            "people_affected",
            "economic_loss_yuan",
            "major_economic_loss",
            "serious_social_impact",
        ],
    ),
    (
        "泄露",
        &[
            "state_secret_leaked",
            "personal_info_leaked_persons",
            "personal_info_leak_large_scale",
            "basic_data_leaked_massively",
        ],
    ),
    (
        "篡改内容的传播",
        &[
            "spread_homepage_hours",
            "spread_other_pages_hours",
            "reposts",
            "views",
            "very_large_platform",
        ],
    ),
    (
        "报告、配合与整改",
        &[
            "cause_identified",
            "crime_suspected",
            "concealed",
            "refused_cooperation",
            "notified_risk_unrectified",
            "serious_consequence",
            "obstructed_security_organs",
            "refused_support_security_organs",
        ],
    ),
    (
        "防护与处置效果",
        &[
            "protective_measures_taken",
            "handled_under_plan",
            "impact_effectively_reduced",
        ],
    ),
    ("其他", &["other_serious_harm", "supervision_inadequate"]),
];

/// Kind, unit and hint of every fact, in `model::FACT_KEYS` order (a test checks both agree).
pub(super) const FACTS: [(&str, FactKind, Option<&str>, Option<&str>); 34] = [
    ("attacked", FactKind::Flag, None, None),
    ("tampered", FactKind::Flag, None, None),
    ("harmful_info_spread_widely", FactKind::Flag, None, None),
    ("reported_in_time", FactKind::Flag, None, None),
    ("handled_in_time", FactKind::Flag, None, None),
    ("outage_hours", FactKind::Number, Some("小时"), None),
    ("outage_scope", FactKind::Scope, None, None),
    ("state_secret_leaked", FactKind::Flag, None, None),
    (
        "personal_info_leaked_persons",
        FactKind::Count,
        Some("人"),
        None,
    ),
    (
        "personal_info_leak_large_scale",
        FactKind::Flag,
        None,
        Some("第八条未规定数字:请直接回答;只有所用政策启用了本工具解释时,未填才按泄露人数判断"),
    ),
    ("basic_data_leaked_massively", FactKind::Flag, None, None),
    ("wide_public_impact", FactKind::Flag, None, None),
    ("people_affected", FactKind::Count, Some("人"), None),
    ("economic_loss_yuan", FactKind::Number, Some("元"), None),
    (
        "major_economic_loss",
        FactKind::Flag,
        None,
        Some("第八条未规定数字:请直接回答;只有所用政策启用了本工具解释时,未填才按直接经济损失判断"),
    ),
    ("serious_social_impact", FactKind::Flag, None, None),
    (
        "spread_homepage_hours",
        FactKind::Number,
        Some("小时"),
        None,
    ),
    (
        "spread_other_pages_hours",
        FactKind::Number,
        Some("小时"),
        None,
    ),
    ("reposts", FactKind::Count, Some("次"), None),
    ("views", FactKind::Count, Some("次"), None),
    ("concealed", FactKind::Flag, None, None),
    ("refused_cooperation", FactKind::Flag, None, None),
    ("notified_risk_unrectified", FactKind::Flag, None, None),
    ("serious_consequence", FactKind::Flag, None, None),
    ("obstructed_security_organs", FactKind::Flag, None, None),
    (
        "refused_support_security_organs",
        FactKind::Flag,
        None,
        None,
    ),
    (
        "other_serious_harm",
        FactKind::Flag,
        None,
        Some("须由有权机关人工认定"),
    ),
    (
        "supervision_inadequate",
        FactKind::Flag,
        None,
        Some("为“是”时,综合协调或监管部门负责人也须追责"),
    ),
    (
        "very_large_platform",
        FactKind::Flag,
        None,
        Some("特别重大的篡改传播标准只适用于超大型网络平台"),
    ),
    (
        "protective_measures_taken",
        FactKind::Flag,
        None,
        Some("《国家网络安全事件报告管理办法》第十一条从轻或不予追究的条件之一"),
    ),
    ("handled_under_plan", FactKind::Flag, None, None),
    ("impact_effectively_reduced", FactKind::Flag, None, None),
    (
        "cause_identified",
        FactKind::Flag,
        None,
        Some("原因暂不明确的,首报先报送第(一)(二)项,其余查明后续报"),
    ),
    (
        "crime_suspected",
        FactKind::Flag,
        None,
        Some("涉嫌违法犯罪的,还应向公安机关报告"),
    ),
];

/// Common sub-types offered with the categories (GB/T 20986-2023 leaves sub-types to the user).
pub(super) const SUBTYPES: [(&str, &str); 11] = [
    ("恶意程序事件", "勒索软件"),
    ("恶意程序事件", "挖矿病毒"),
    ("网络攻击事件", "网页篡改"),
    ("网络攻击事件", "拒绝服务"),
    ("网络攻击事件", "漏洞利用"),
    ("网络攻击事件", "网络钓鱼"),
    ("网络攻击事件", "APT"),
    ("网络攻击事件", "供应链攻击"),
    ("数据安全事件", "数据泄露"),
    ("数据安全事件", "数据窃取"),
    ("数据安全事件", "数据篡改"),
];

pub(super) const TIMELINE: [&str; 4] =
    ["occurred_at", "discovered_at", "reported_at", "resolved_at"];

#[cfg(test)]
mod tests {
    use super::FACT_GROUPS;
    use crate::domain::incident::model::FACT_KEYS;

    #[test]
    fn the_form_groups_every_fact_once() {
        let mut grouped: Vec<&str> = FACT_GROUPS.iter().flat_map(|g| g.1.to_vec()).collect();
        grouped.sort_unstable();
        let mut keys = FACT_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(grouped, keys);
        assert_eq!(super::super::vocabulary().fact_groups[2].title, "泄露");
    }
}

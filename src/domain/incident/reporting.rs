//! Reporting under the 2025 《国家网络安全事件报告管理办法》: whether a report is required (较大
//! and above), the first-report deadline (CII 60 min, 中央和国家机关 120 min, otherwise 240 min, from
//! the policy table), and whether discovered_at → reported_at kept within it, across offsets.

use crate::domain::assessment::Level;
use crate::domain::incident::grade::Graded;
use crate::domain::incident::level::GradeLevel;
use crate::domain::incident::model::{Incident, Target};
use crate::domain::incident::policy::{Deadline, Policy};
use crate::domain::incident::wording;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reporting {
    /// true at 较大 and above; false when the known facts rule 较大 out; null while unknown facts
    /// could still raise the grade to 较大.
    pub required: Option<bool>,
    /// The first-report deadline in minutes that applies if a report is required; null when not
    /// required, or when it turns on an unknown fact (target or unit level).
    pub deadline_minutes: Option<u64>,
    /// discovered_at → reported_at in whole minutes, rounded up; null when either is missing.
    pub reported_within_minutes: Option<u64>,
    /// reported_within_minutes ≤ deadline; null when not required or not determinable.
    pub on_time: Option<bool>,
    pub reasons: Vec<String>,
    /// `deadline_minutes` as a document writes it (`4 小时`), null with it.
    pub deadline_text: Option<String>,
    /// `reported_within_minutes` as a document writes it (`4 小时 25 分钟`), null with it.
    pub reported_within_text: Option<String>,
    /// "Now" the forms' statuses were computed against, as given; null when none was given (then
    /// nothing is called overdue).
    pub as_of: Option<String>,
    /// Each report form with its due time and status (see [`super::forms`]).
    pub forms: Vec<super::forms::Form>,
}

/// The deadlines that may apply given what is known, and the basis of each.
fn candidates<'p>(i: &Incident, policy: &'p Policy) -> Vec<(&'p Deadline, String)> {
    let mut out = Vec::new();
    let mut push = |id: &str, why: String| {
        if let Some(d) = policy.deadline(id) {
            out.push((d, why));
        }
    };
    let by_level = |push: &mut dyn FnMut(&str, String), prefix: &str| match i.unit.level {
        Some(Level::Central) => push("central", [prefix, "单位为中央和国家机关"].concat()),
        Some(l) => push(
            "other",
            [prefix, "单位层级为", l.name_zh(), ",不是中央和国家机关"].concat(),
        ),
        None => {
            push(
                "central",
                [prefix, "单位为中央和国家机关时(单位行政层级未填写)"].concat(),
            );
            push(
                "other",
                [prefix, "单位为其他网络运营者时(单位行政层级未填写)"].concat(),
            );
        }
    };
    match i.target {
        Some(Target::Cii) => push("cii", "涉事对象为关键信息基础设施".to_string()),
        Some(t) => by_level(
            &mut push,
            &["涉事对象为", t.name_zh(), ",不涉及关键信息基础设施;"].concat(),
        ),
        None => {
            push(
                "cii",
                "若涉及关键信息基础设施(涉事对象类型未填写)".to_string(),
            );
            by_level(&mut push, "若不涉及关键信息基础设施(涉事对象类型未填写)且");
        }
    }
    out
}

pub fn evaluate(i: &Incident, policy: &Policy, graded: &Graded) -> Reporting {
    let rules = &policy.reporting;
    let level = graded.grade.level;
    let required = if level >= rules.required_from {
        Some(true)
    } else if graded.highest_possible < rules.required_from {
        Some(false)
    } else {
        None
    };
    let mut reasons = vec![match required {
        Some(true) => [
            "事件分级为",
            level.name_zh(),
            "(",
            rules.required_from.name_zh(),
            "及以上),须按",
            &rules.source,
            "报告。",
        ]
        .concat(),
        Some(false) => [
            "事件分级为",
            level.name_zh(),
            ",已知事实不可能达到",
            rules.required_from.name_zh(),
            ",无须按",
            &rules.source,
            "报告(仍应按本单位制度处置和记录)。",
        ]
        .concat(),
        None => [
            "按已知事实分级为",
            level.name_zh(),
            ",但未知事实可能使其达到",
            rules.required_from.name_zh(),
            "及以上,是否须报告待定;宜先按须报告准备,并尽快查明未知事实。",
        ]
        .concat(),
    }];

    let within = match (&i.timeline.discovered_at, &i.timeline.reported_at) {
        (Some(d), Some(r)) => r.instant.minutes_since_ceil(d.instant),
        _ => None,
    };

    let cands = candidates(i, policy);
    let mut deadline_minutes = None;
    let mut on_time = None;
    if required != Some(false) {
        let mut minutes: Vec<u64> = cands.iter().map(|(d, _)| d.minutes).collect();
        crate::domain::sort::ord(&mut minutes);
        minutes.dedup();
        if let [m] = minutes.as_slice() {
            deadline_minutes = Some(*m);
        }
        for (d, why) in &cands {
            reasons.push(
                [
                    why,
                    ":由",
                    &d.reporter,
                    "向",
                    &d.reports_to,
                    "首报,时限 ",
                    &wording::minutes(d.minutes),
                    "。",
                ]
                .concat(),
            );
        }
        if deadline_minutes.is_none() && !minutes.is_empty() {
            reasons.push(format!(
                "首报时限取决于未填写的事实,可能为 {}。",
                minutes
                    .iter()
                    .map(|m| wording::minutes(*m))
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        if let Some(w) = within {
            if !minutes.is_empty() && minutes.iter().all(|m| w <= *m) {
                on_time = Some(true);
            } else if !minutes.is_empty() && minutes.iter().all(|m| w > *m) {
                on_time = Some(false);
            }
        }
    }

    match (&i.timeline.discovered_at, &i.timeline.reported_at, within) {
        (Some(d), Some(r), Some(w)) => {
            let verdict = match (on_time, deadline_minutes) {
                (Some(true), Some(m)) => {
                    [",未超过 ", &wording::minutes(m), "时限,按时报告"].concat()
                }
                (Some(true), None) => ",未超过任何可能的时限,按时报告".to_string(),
                (Some(false), Some(m)) => [",超过 ", &wording::minutes(m), "时限,属迟报"].concat(),
                (Some(false), None) => ",超过所有可能的时限,属迟报".to_string(),
                (None, _) if required == Some(false) => String::new(),
                (None, _) => ",时限待定,暂不能判断是否按时".to_string(),
            };
            reasons.push(
                [
                    "从发现(",
                    &wording::datetime(&d.text),
                    ")到报告(",
                    &wording::datetime(&r.text),
                    ")用时 ",
                    &wording::minutes(w),
                    "(不足一分钟按一分钟计)",
                    &verdict,
                    "。",
                ]
                .concat(),
            );
        }
        _ if required != Some(false) => {
            reasons.push("发现时间或报告时间未填写,无法计算报告用时。".to_string())
        }
        _ => {}
    }
    if level >= GradeLevel::Larger || required.is_none() {
        reasons.push("原因暂不明确的,可先报告已掌握的情况,后续及时补报。".to_string());
    }
    Reporting {
        required,
        deadline_minutes,
        reported_within_minutes: within,
        on_time,
        reasons,
        deadline_text: deadline_minutes.map(wording::minutes),
        reported_within_text: within.map(wording::minutes),
        as_of: None,
        forms: Vec::new(),
    }
}

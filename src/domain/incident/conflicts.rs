//! Contradictions between what the user claims and what the tool computes (or between two
//! claims). Neither side wins: every element a conflicting fact feeds becomes undetermined (see
//! [`crate::domain::incident::tri::Cond::with_conflicts`]) and the classification carries a
//! `W_FACT_CONFLICT` warning naming both sides, for a person to resolve.

use crate::domain::exact::Exact;
use crate::domain::incident::atoms::num;
use crate::domain::incident::model::{field_label, Incident};
use crate::domain::incident::reporting::Reporting;
use crate::domain::incident::wording;
use serde::Serialize;

pub const CODE: &str = "W_FACT_CONFLICT";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    /// The claimed fact in conflict.
    pub path: String,
    /// Every input field on either side (the page marks each).
    pub paths: Vec<String>,
    pub message: String,
}

/// One conflict: the facts made unknown, with the sentence their elements show, and the warning.
pub struct Conflict {
    pub facts: Vec<&'static str>,
    pub element: String,
    pub warning: Warning,
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

pub(crate) fn conflict(
    facts: &[&'static str],
    others: &[&'static str],
    message: String,
) -> Conflict {
    let names: Vec<String> = facts
        .iter()
        .chain(others)
        .map(|f| format!("「{}」", field_label(f)))
        .collect();
    Conflict {
        facts: facts.to_vec(),
        element: format!(
            "{}与{}相互矛盾,须核实",
            names.first().map_or("", String::as_str),
            names.get(1..).unwrap_or_default().join("、")
        ),
        warning: Warning {
            code: CODE,
            path: facts.first().map_or(String::new(), |f| f.to_string()),
            paths: facts.iter().chain(others).map(|f| f.to_string()).collect(),
            message,
        },
    }
}

/// Two claims that cannot both hold: a yes/no answer against a measured zero.
fn versus_zero(
    out: &mut Vec<Conflict>,
    flag: Option<bool>,
    flag_path: &'static str,
    value: Option<Exact>,
    value_path: &'static str,
    unit: &str,
) {
    if flag == Some(true) && value.is_some_and(|v| v == Exact::from_integer(0.into())) {
        out.push(conflict(
            &[flag_path, value_path],
            &[],
            format!(
                "「{}」填写为「是」,但「{}」填写为 0 {unit}。两者矛盾,依赖它们的要件和分级标准均暂定为待定,请核实后改正其中一项。",
                field_label(flag_path),
                field_label(value_path)
            ),
        ));
    }
}

/// Conflicts among the facts and the timeline (without the reporting deadline).
pub fn among_facts(i: &Incident) -> Vec<Conflict> {
    let f = &i.facts;
    let mut out = Vec::new();
    if f.tampered == Some(true) && f.attacked == Some(false) {
        out.push(conflict(
            &["facts.tampered", "facts.attacked"],
            &[],
            format!(
                "「{}」填写为「是」,但「{}」填写为「否」:被攻击篡改即遭受了网络攻击。两者矛盾,依赖它们的要件暂定为待定,请核实。",
                field_label("facts.tampered"),
                field_label("facts.attacked")
            ),
        ));
    }
    // Only where the count measures the very thing: zero views, people or yuan do not contradict
    // wide spread, wide impact or a major loss, which can come by ways the counts do not measure.
    versus_zero(
        &mut out,
        f.personal_info_leak_large_scale,
        "facts.personal_info_leak_large_scale",
        f.personal_info_leaked_persons
            .map(|n| Exact::from_integer(n.into())),
        "facts.personal_info_leaked_persons",
        "人",
    );
    // An outage cannot outlast the span from occurrence to the end of handling.
    let t = &i.timeline;
    if let (Some(h), Some(o), Some(r)) = (&f.outage_hours, &t.occurred_at, &t.resolved_at) {
        let nanos = r.instant.nanos_since(o.instant);
        let span = Exact::new(nanos, 3_600_000_000_000);
        if *h > span {
            out.push(conflict(
                &["facts.outage_hours"],
                &["timeline.occurred_at", "timeline.resolved_at"],
                format!(
                    "「{}」填写为 {} 小时,但按时间线从发生({})到处置完毕({})只有 {} 小时。两者矛盾,依赖时长的要件和分级标准均暂定为待定,请核实。",
                    field_label("facts.outage_hours"),
                    num(h),
                    wording::datetime(&o.text),
                    wording::datetime(&r.text),
                    num(&span)
                ),
            ));
        }
    }
    out
}

/// 已及时报告 claimed against the deadline the tool computed from the timeline.
pub fn against_reporting(i: &Incident, r: &Reporting) -> Vec<Conflict> {
    let (Some(claim), Some(on_time)) = (i.facts.reported_in_time, r.on_time) else {
        return Vec::new();
    };
    if claim == on_time {
        return Vec::new();
    }
    let t = &i.timeline;
    let (Some(d), Some(rep), Some(w)) =
        (&t.discovered_at, &t.reported_at, r.reported_within_minutes)
    else {
        return Vec::new();
    };
    let limit = match r.deadline_minutes {
        Some(m) => format!(" {}时限", wording::minutes(m)),
        None => "所有可能的时限".to_string(),
    };
    let computed = if on_time {
        format!("未超过{limit},按时报告")
    } else {
        format!("超过{limit},属迟报")
    };
    vec![conflict(
        &["facts.reported_in_time"],
        &["timeline.discovered_at", "timeline.reported_at"],
        format!(
            "「{}」填写为「{}」,但按时间线从发现({})到报告({})用时 {},{computed}。两者矛盾,第八条第(一)项「及时报告」要件和第十一条「按时报告」条件暂定为待定,请核实。",
            field_label("facts.reported_in_time"),
            yes_no(claim),
            wording::datetime(&d.text),
            wording::datetime(&rep.text),
            wording::minutes(w)
        ),
    )]
}

/// The (fact, sentence) pairs [`crate::domain::incident::tri::Cond::with_conflicts`] takes.
pub fn marks(cs: &[Conflict]) -> Vec<(&'static str, String)> {
    cs.iter()
        .flat_map(|c| c.facts.iter().map(|f| (*f, c.element.clone())))
        .collect()
}

//! A unit's 整改台账 as evidence for Article 8(五)'s third alternative (对有关部门通报的问题和风险
//! 隐患不及时整改并造成严重后果). The ledger decides per entry (late ∧ serious consequence), so its
//! finding stands for the two facts together: met → both true; undetermined (a late entry whose
//! consequence is not recorded) → not rectified in time, consequence unknown; not met → not (late
//! ∧ serious). A claim in the incident that says otherwise is a `W_FACT_CONFLICT`: neither wins.

use super::conflicts::{conflict, Conflict};
use super::model::{field_label, Incident};
use super::tri::Status;
use crate::domain::rectification::Article85;

const UNRECTIFIED: &str = "facts.notified_risk_unrectified";
const SERIOUS: &str = "facts.serious_consequence";

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "是",
        Some(false) => "否",
        None => "未知",
    }
}

/// The incident with the two facts the ledger decides, and the conflicts with what it claimed.
pub fn apply(i: &Incident, finding: &Article85) -> (Incident, Vec<Conflict>) {
    let (unrectified, serious) = match finding.status {
        Status::Met => (Some(true), Some(true)),
        Status::Undetermined => (Some(true), None),
        // Not met: no late entry with a serious consequence. Which of the two fails may differ by
        // entry, so only the combination is known to be false: carried by "rectified in time".
        Status::NotMet => (Some(false), i.facts.serious_consequence),
    };
    let mut out = i.clone();
    let mut conflicts = Vec::new();
    for (path, claimed, from_ledger) in [
        (UNRECTIFIED, i.facts.notified_risk_unrectified, unrectified),
        (SERIOUS, i.facts.serious_consequence, serious),
    ] {
        if let (Some(c), Some(l)) = (claimed, from_ledger) {
            if c != l {
                conflicts.push(conflict(
                    &[path],
                    &[],
                    format!(
                        "「{}」填写为「{}」,但整改台账显示为「{}」({})。两者矛盾,该要件暂定为待定,请核实事件填写或台账。",
                        field_label(path),
                        yes_no(Some(c)),
                        yes_no(Some(l)),
                        finding.reasons.join(";")
                    ),
                ));
            }
        }
    }
    out.facts.notified_risk_unrectified = unrectified.or(i.facts.notified_risk_unrectified);
    out.facts.serious_consequence = serious.or(i.facts.serious_consequence);
    (out, conflicts)
}

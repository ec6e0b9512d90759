//! The ledger as a suggestion for the rubric's items that declare `from_ledger`: the count the
//! ledger gives, and why. Never applied by the core: the page shows it on the item and the user
//! takes it with one click; the CLI prints it.

use super::{period_counts, Ledger};
use crate::domain::error::{Code, Error, Result};
use crate::domain::period::{date_zh, Date, Period};
use crate::domain::rubric::{FromLedger, Rubric};
use serde::Serialize;

/// The answer a suggestion proposes: an occurrence count, as an assessment writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountAnswer {
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The rubric item's id.
    pub item: String,
    pub answer: CountAnswer,
    pub reason: String,
}

/// One suggestion per item of `rubric` with `from_ledger`, in rubric order, counting the entries
/// notified within `period` as of `today`.
pub fn suggest(rubric: &Rubric, ledger: &Ledger, period: &Period, today: Date) -> Vec<Suggestion> {
    let (notified, not_closed) = period_counts(ledger, period, today);
    let span = period.name_zh();
    rubric
        .items()
        .filter_map(|(_, item)| {
            let from = item.from_ledger?;
            let (count, reason) = match from {
                FromLedger::Notified => (
                    notified,
                    format!("整改台账中{span}内有关部门通报的问题和风险隐患共 {notified} 项"),
                ),
                FromLedger::NotClosedInTime => (
                    not_closed,
                    format!(
                        "整改台账中{span}内有关部门通报的 {notified} 项中,截至 {} 未在期限内完成整改并反馈的 {not_closed} 项(未写明期限的按两周计)",
                        date_zh(today)
                    ),
                ),
            };
            Some(Suggestion {
                item: item.id.clone(),
                answer: CountAnswer { count },
                reason,
            })
        })
        .collect()
}

/// [`suggest`] for a period as written in an assessment (`2025`, `2025-H1` …): a period that does
/// not read as a year, half or quarter cannot be counted (`E_FIELD_RANGE`).
pub fn suggest_for(
    rubric: &Rubric,
    ledger: &Ledger,
    period: &str,
    today: Date,
) -> Result<Vec<Suggestion>> {
    let p = Period::parse(period).ok_or_else(|| {
        Error::new(
            Code::FieldRange,
            "$.period",
            format!("考核期「{period}」不是年度(如 2025)、半年(如 2025-H1)或季度(如 2025-Q3),无法按考核期统计整改台账"),
        )
    })?;
    Ok(suggest(rubric, ledger, &p, today))
}

//! The ledger as a suggestion for the rubric's items that declare `from_ledger`: the count the
//! ledger gives, and why. Never applied by the core: the page shows it on the item and the user
//! takes it with one click; the CLI prints it.

use super::{period_counts, Ledger};
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::Obj;
use crate::domain::period::{date_zh, Date, Period};
use crate::domain::rubric::{Item, Method, Rubric};
use serde::Serialize;

/// The ledger count a deduct item's occurrences are suggested from (see
/// [`crate::domain::rectification::suggest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FromLedger {
    /// Problems an authority notified within the period.
    Notified,
    /// Of those, the ones not rectified and fed back by their deadline.
    NotClosedInTime,
}

impl FromLedger {
    pub const ALL: [FromLedger; 2] = [FromLedger::Notified, FromLedger::NotClosedInTime];
    pub fn key(self) -> &'static str {
        match self {
            FromLedger::Notified => "notified",
            FromLedger::NotClosedInTime => "not_closed_in_time",
        }
    }
}

/// A rubric item's `from_ledger`, when it has one.
pub fn read_from_ledger(o: &Obj) -> Result<Option<FromLedger>> {
    let Some(raw) = o.opt_str("from_ledger")? else {
        return Ok(None);
    };
    FromLedger::ALL
        .iter()
        .copied()
        .find(|f| f.key() == raw)
        .map(Some)
        .ok_or_else(|| {
            Error::new(
                Code::FieldRange,
                o.at("from_ledger"),
                format!("from_ledger 「{raw}」不是可选值;可选:notified(通报项数)、not_closed_in_time(未按期整改反馈项数)"),
            )
        })
}

/// `from_ledger` only on deduct items: the ledger gives a count of occurrences.
pub fn check_from_ledger(item: Item, o: &Obj) -> Result<Item> {
    match (item.from_ledger, &item.method) {
        (Some(_), Method::Deduct { .. }) | (None, _) => Ok(item),
        _ => Err(Error::new(
            Code::FieldRange,
            o.at("from_ledger"),
            "from_ledger 只能用于扣分项(method.kind 为 deduct):台账给出的是项数",
        )),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::json;

    fn rubric(from_ledger: &str, kind: &str) -> Result<Rubric> {
        let method = if kind == "deduct" {
            r#"{"kind": "deduct", "per": 1}"#
        } else {
            r#"{"kind": "check"}"#
        };
        Rubric::parse(&format!(
            r#"{{"schema": "cyberduty.rubric/1", "id": "t", "version": "1", "total": 10,
            "grades": [{{"name": "合格", "min": 6}}, {{"name": "不合格", "min": 0}}],
            "dimensions": [{{"id": "d", "items": [
                {{"id": "a", "points": 5, "method": {method}, "from_ledger": "{from_ledger}"}},
                {{"id": "b", "points": 5, "method": {{"kind": "check"}}}}]}}]}}"#
        ))
    }

    #[test]
    fn from_ledger_is_for_deduct_items_and_one_of_two_counts() {
        let e = rubric("notified", "check").unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (Code::FieldRange, "$.dimensions[0].items[0].from_ledger")
        );
        let e = rubric("overdue", "deduct").unwrap_err();
        assert_eq!(e.code, Code::FieldRange);
        assert!(e.message.contains("not_closed_in_time"), "{}", e.message);
        let r = rubric("not_closed_in_time", "deduct").unwrap();
        assert_eq!(
            r.items().next().unwrap().1.from_ledger,
            Some(FromLedger::NotClosedInTime)
        );
    }

    #[test]
    fn suggestions_count_the_period_s_notified_entries() {
        let ledger = Ledger::from_json(
            &json::parse_str(
                r#"{"schema": "cyberduty.rectification/1", "entries": [
                {"id": "1", "notified_by": "cac", "notified_on": "2025-12-30", "problem": "去年的", "status": "in_progress"},
                {"id": "2", "notified_by": "self_inspection", "notified_on": "2026-02-01", "problem": "自查", "status": "in_progress"},
                {"id": "3", "notified_by": "superior", "notified_on": "2026-02-01", "deadline": "2026-02-10",
                 "problem": "按期", "status": "fed_back", "rectified_on": "2026-02-05", "fed_back_on": "2026-02-09"},
                {"id": "4", "notified_by": "public_security", "notified_on": "2026-05-01", "deadline": "2026-05-10",
                 "problem": "逾期", "status": "in_progress"}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let r = rubric("not_closed_in_time", "deduct").unwrap();
        let s = suggest_for(&r, &ledger, "2026", (2026, 6, 1)).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].item.as_str(), s[0].answer.count), ("a", 1));
        let d = Rubric::default_rubric();
        let s = suggest_for(&d, &ledger, "2026年度", (2026, 6, 1)).unwrap();
        let got: Vec<(&str, u64)> = s
            .iter()
            .map(|x| (x.item.as_str(), x.answer.count))
            .collect();
        assert_eq!(got, [("tech.notified", 2), ("tech.vulns", 1)]);
        let e = suggest_for(&d, &ledger, "今年", (2026, 6, 1)).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::FieldRange, "$.period"));
    }
}

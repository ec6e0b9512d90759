//! Reviewing a ledger as of a date: which entries are overdue or due soon, which were rectified
//! late, and Article 8(五)'s third alternative decided from them.

use super::{Day, Entry, Ledger, Status};
use crate::domain::incident::situations::citation;
use crate::domain::incident::Status as Verdict;
use crate::domain::period::{date_zh, Date, Period};
use crate::domain::time::{civil_from_days, days_from_civil};
use serde::Serialize;

/// An open entry whose deadline is this many days away or fewer is 即将到期 (a reminder window this
/// tool chooses; no rule sets one).
pub const DUE_SOON_DAYS: i64 = 7;
/// A notice that set no deadline is taken to allow two weeks (地方考核实践, 福建电子政务绩效:
/// 两周内未修复并报告的再扣分). The output says when this was assumed.
pub const UNSET_DEADLINE_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Open, deadline more than DUE_SOON_DAYS away.
    InProgress,
    /// Open, deadline within DUE_SOON_DAYS.
    DueSoon,
    /// Open past its deadline.
    Overdue,
    Rectified,
    FedBack,
}

impl State {
    pub const ALL: [State; 5] = [
        State::InProgress,
        State::DueSoon,
        State::Overdue,
        State::Rectified,
        State::FedBack,
    ];
    pub fn key(self) -> &'static str {
        match self {
            State::InProgress => "in_progress",
            State::DueSoon => "due_soon",
            State::Overdue => "overdue",
            State::Rectified => "rectified",
            State::FedBack => "fed_back",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            State::InProgress => "整改中",
            State::DueSoon => "即将到期",
            State::Overdue => "逾期",
            State::Rectified => "已整改",
            State::FedBack => "已反馈",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewedEntry {
    pub id: String,
    pub problem: String,
    pub state: State,
    pub state_name: &'static str,
    /// The deadline applied (the notice's, or notified_on + UNSET_DEADLINE_DAYS).
    pub deadline: Day,
    pub deadline_assumed: bool,
    /// Days from the review date to the deadline (negative: overdue), for open entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// Not rectified by the deadline (rectified after it, or still open past it).
    pub late: bool,
    /// Rectified and fed back by the deadline.
    pub closed_in_time: bool,
    pub message: String,
}

/// Article 8(五), third alternative: 对有关部门通报的问题和风险隐患不及时整改并造成严重后果.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article85 {
    pub status: Verdict,
    pub citation: String,
    /// One sentence per entry that decided it (or why nothing did).
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub as_of: Day,
    pub entries: Vec<ReviewedEntry>,
    pub overdue: usize,
    pub due_soon: usize,
    pub article8_5: Article85,
}

fn add_days(d: Date, n: i64) -> Date {
    civil_from_days(days_from_civil(d.0, d.1, d.2) + n)
}

fn days_between(from: Date, to: Date) -> i64 {
    days_from_civil(to.0, to.1, to.2) - days_from_civil(from.0, from.1, from.2)
}

fn reviewed(e: &Entry, today: Date) -> ReviewedEntry {
    let (deadline, assumed) = match e.deadline {
        Some(d) => (d, false),
        None => (Day(add_days(e.notified_on.0, UNSET_DEADLINE_DAYS)), true),
    };
    let open = e.status == Status::InProgress;
    let days_left = open.then(|| days_between(today, deadline.0));
    let late = match e.rectified_on {
        Some(r) => r > deadline,
        None => today > deadline.0,
    };
    let closed_in_time = e.status == Status::FedBack
        && e.rectified_on.is_some_and(|r| r <= deadline)
        && e.fed_back_on.is_some_and(|f| f <= deadline);
    let state = match (e.status, days_left) {
        (Status::InProgress, Some(n)) if n < 0 => State::Overdue,
        (Status::InProgress, Some(n)) if n <= DUE_SOON_DAYS => State::DueSoon,
        (Status::InProgress, _) => State::InProgress,
        (Status::Rectified, _) => State::Rectified,
        (Status::FedBack, _) => State::FedBack,
    };
    let limit = if assumed {
        format!("{}(通报未写明期限,按两周计)", date_zh(deadline.0))
    } else {
        date_zh(deadline.0)
    };
    let message = match (state, days_left) {
        (State::Overdue, Some(n)) => format!("整改期限 {limit},已逾期 {} 天", -n),
        (State::DueSoon, Some(0)) => format!("整改期限 {limit},今天到期"),
        (State::DueSoon | State::InProgress, Some(n)) => format!("整改期限 {limit},还有 {n} 天"),
        _ => match e.rectified_on {
            Some(r) if r > deadline => format!("{} 完成整改,晚于整改期限 {limit}", date_zh(r.0)),
            Some(r) => format!("{} 完成整改,未超过整改期限 {limit}", date_zh(r.0)),
            None => format!("整改期限 {limit}"),
        },
    };
    ReviewedEntry {
        id: e.id.clone(),
        problem: e.problem.clone(),
        state,
        state_name: state.name_zh(),
        deadline,
        deadline_assumed: assumed,
        days_left,
        late,
        closed_in_time,
        message,
    }
}

/// Review `ledger` as of `today`.
pub fn review(ledger: &Ledger, today: Date) -> Review {
    let entries: Vec<ReviewedEntry> = ledger.entries.iter().map(|e| reviewed(e, today)).collect();
    let overdue = entries.iter().filter(|e| e.state == State::Overdue).count();
    let due_soon = entries.iter().filter(|e| e.state == State::DueSoon).count();
    let article8_5 = article8_5(ledger, &entries);
    Review {
        as_of: Day(today),
        entries,
        overdue,
        due_soon,
        article8_5,
    }
}

/// Met when some problem notified by an authority was not rectified by its deadline and a serious
/// consequence followed; undetermined when a late one's consequence is not known; else not met.
fn article8_5(ledger: &Ledger, reviewed: &[ReviewedEntry]) -> Article85 {
    let mut met = Vec::new();
    let mut open = Vec::new();
    for (e, r) in ledger.entries.iter().zip(reviewed) {
        if !e.notified_by.is_authority() || !r.late {
            continue;
        }
        let what = format!(
            "{}通报的「{}」({})",
            e.notifier.as_deref().unwrap_or(e.notified_by.name_zh()),
            e.problem,
            r.message
        );
        match e.serious_consequence {
            Some(true) => met.push(format!("{what},且造成严重后果")),
            None => open.push(format!("{what},是否造成严重后果未填写")),
            Some(false) => {}
        }
    }
    let (status, reasons) = if !met.is_empty() {
        (Verdict::Met, met)
    } else if !open.is_empty() {
        (Verdict::Undetermined, open)
    } else {
        (
            Verdict::NotMet,
            vec!["台账中没有有关部门通报后未按期整改并造成严重后果的事项".to_string()],
        )
    };
    Article85 {
        status,
        citation: citation(5),
        reasons,
    }
}

/// Entries notified by an authority within `period`: (how many, how many not rectified and fed
/// back by their deadline as of `today`). What the rubric's notified-problem items count.
pub fn period_counts(ledger: &Ledger, period: &Period, today: Date) -> (u64, u64) {
    let mut notified = 0;
    let mut not_closed = 0;
    for e in ledger
        .entries
        .iter()
        .filter(|e| e.notified_by.is_authority())
    {
        if !period.contains(e.notified_on.0) {
            continue;
        }
        notified += 1;
        let r = reviewed(e, today);
        // Closed late, or the deadline has passed without both rectification and feedback.
        if !r.closed_in_time && (e.status == Status::FedBack || today > r.deadline.0) {
            not_closed += 1;
        }
    }
    (notified, not_closed)
}

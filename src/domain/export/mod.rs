//! Sealed exports (`cyberduty.export/1`): one file a unit sends to its cadre department (Article 10),
//! holding the rubric, the assessment, the score report, optionally the period's classified
//! incidents, and an SM3 digest over the RFC 8785 canonical JSON of all of that.
//!
//! [`seal`] makes one; [`open`] checks one (schema, digest, rubric, re-score, reference rubric,
//! Article 8 consistency) and is what aggregation runs on every file. Neither reads a clock or a
//! file: the caller passes `generated_at` and the documents.
//!
//! **The automatic vetoes.** A rubric veto with `auto` is set from the incidents, by one rule for
//! every kind (`article8`: a met Article 8 situation; `reporting`: a late, missing or concealed
//! report of an incident graded 较大 or above — see `auto.rs`):
//! - if any incident meets it, the veto is triggered (an explicit `false` in the assessment is
//!   replaced, and its note says so; an explicit `true` is kept as written);
//! - otherwise an explicit answer (`true` or `false`) is kept as written;
//! - otherwise, if incidents were attached and every one rules it out, the veto is set to not
//!   triggered, with a note;
//! - otherwise (no incidents attached, or some incident undetermined) it stays unanswered: the
//!   assessment is then incomplete, and the unit has to answer it itself. Attaching no incident is
//!   not taken as evidence that none happened.
//!
//! **The period.** Every attached incident must fall in the assessment's period (a year, half or
//! quarter): it counts for the day it occurred, else the day it was discovered, as written in its
//! own offset. Sealing refuses one outside (`E_EXPORT_INCIDENT_PERIOD`) and opening re-checks it;
//! an older free-text period is kept and reported as not checkable.
//!
//! Sealing the same documents at the same `generated_at` twice gives the same bytes, and so does
//! sealing again what [`open`] read back from an export (the veto answer it set is then explicit
//! and kept).

mod auto;
mod open;
mod seal;
mod v2;

pub use crate::domain::time::{utc_timestamp, TimeKey};
pub use open::{open, open_bytes, verify, Opened, Reference};
pub use seal::{live, live_under, seal, seal_under, seal_with, seal_with_ledger, Live};
pub use v2::{sign_sealed, sign_text, Signed};

use crate::domain::assessment::Assessment;
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::rubric::Rubric;
use crate::domain::score::Report;
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.export";
/// The newest version read (`/2`: signed, see [`v2`]); unsigned exports are still written as `/1`.
pub const VERSION: u32 = 2;
const SCHEMA_TAG: &str = "cyberduty.export/1";
const GENERATOR: &str = "cyberduty";
const FIELDS: [&str; 10] = [
    "schema",
    "generated_at",
    "generator",
    "rubric",
    "assessment",
    "score",
    "incidents",
    "digest",
    "signature",
    "ledger",
];

/// What [`seal`] returns: the file to write and what to tell the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sealed {
    /// Suggested file name: `<unit code>_<period>_<first 8 hex of the digest>.cyberduty.json`,
    /// safe on Windows, macOS and Linux.
    pub file_name: String,
    /// `sm3:<64 hex>`.
    pub digest: String,
    /// The digest's first 16 hex digits in groups of 4 (`1a2b 3c4d 5e6f 7a8b`), printed on the paper
    /// report so it can be matched with the file by eye.
    pub check_code: String,
    /// The file's content: pretty-printed JSON, UTF-8, ending in a newline.
    pub text: String,
    /// The score report sealed in the file.
    pub score: Report,
    /// What was decided for each automatic veto (`auto: article8` or `reporting`).
    pub auto_vetoes: Vec<AutoVeto>,
    /// The assessment sealed in the file (answers after the automatic vetoes), serialized like an
    /// assessment document.
    pub assessment: Assessment,
    /// The incidents' dates against the period (never an error here: sealing refused those).
    pub period_check: PeriodCheck,
}

/// How an automatic veto was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AutoVeto {
    pub veto: String,
    pub decision: Decision,
    /// The answer sealed in the file; null when left unanswered.
    pub triggered: Option<bool>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// A met situation; the assessment had no answer: set to triggered.
    SetTriggered,
    /// A met situation; the assessment said not triggered: replaced by triggered.
    OverrodeClear,
    /// The assessment's own answer was kept (it agrees with the incidents, or none is met).
    KeptAnswer,
    /// Incidents attached, every situation not met, no answer given: set to not triggered.
    SetClear,
    /// No incidents attached, or some situation undetermined, and no answer: left for the unit.
    LeftUnanswered,
}

/// An incident as sealed: the document as given and its classification.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct IncidentEntry {
    incident: Json,
    classification: Json,
}

#[derive(Serialize)]
struct Generator<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct ExportDoc<'a> {
    schema: &'static str,
    generated_at: &'a str,
    generator: Generator<'a>,
    rubric: &'a Rubric,
    assessment: &'a Assessment,
    score: &'a Report,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    incidents: &'a [IncidentEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<&'a str>,
}

/// `1a2b 3c4d 5e6f 7a8b`: the first 16 hex digits of a `sm3:` digest in groups of four.
pub fn check_code(digest: &str) -> String {
    let hex = digest.strip_prefix(digest::PREFIX).unwrap_or(digest);
    let head: Vec<char> = hex.chars().take(16).collect();
    head.chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `<unit code>_<period>_<first 8 hex>.cyberduty.json`, with characters Windows refuses in file
/// names (`<>:"/\|?*`, control characters) and white space replaced by `_`, each part at most 64
/// characters, and no leading or trailing dots.
pub fn file_name(unit_code: &str, period: &str, digest: &str) -> String {
    let hex = digest.strip_prefix(digest::PREFIX).unwrap_or(digest);
    let short: String = hex.chars().take(8).collect();
    format!(
        "{}_{}_{short}.cyberduty.json",
        sanitize(unit_code),
        sanitize(period)
    )
}

/// A text made safe as one part of a file name: the one rule for every file the tool names.
pub fn safe_file_name_part(part: &str) -> String {
    sanitize(part)
}

fn sanitize(part: &str) -> String {
    let s: String = part
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(64)
        .collect();
    let s = s.trim_matches('.');
    if s.is_empty() {
        "_".into()
    } else {
        s.to_string()
    }
}

/// Check a `generated_at` (`E_TIMESTAMP`, the same message when sealing and when opening).
fn timestamp_key(generated_at: &str) -> Result<TimeKey> {
    crate::domain::time::utc_key(generated_at).map_err(|why| {
        Error::new(
            Code::Timestamp,
            "$.generated_at",
            format!("生成时间 “{generated_at}” 无效:{why}"),
        )
    })
}

/// The incidents' dates against the assessment's period: what the output says, and the error
/// sealing and opening stop at. `root` is the export's root path (`$.`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCheck {
    /// The period's key (`2025`, `2025-H1`, `2025-Q3`); null when there is no period or it is
    /// older free text.
    pub key: Option<String>,
    /// The period in words (2025年度, 2025年上半年, 2025年第三季度); null with `key`.
    pub name: Option<String>,
    /// Whether the incidents' dates were checked against the period.
    pub checked: bool,
    /// Incidents without an occurred or discovered time (not checkable).
    pub undated: usize,
    /// One sentence for the user.
    pub message: String,
    /// `E_EXPORT_INCIDENT_PERIOD` for the first incident outside the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

fn period_check(a: &Assessment, attached: &[auto::Attached], root: &str) -> PeriodCheck {
    let undated = attached.iter().filter(|i| i.date.is_none()).count();
    let range = a.period_range();
    let (checked, message) = match (&a.period, range) {
        (None, _) => (false, "未填写考核期,无法核对事件日期".to_string()),
        (Some(raw), None) => (
            false,
            format!(
                "考核期「{raw}」不是年度(如 2025)、半年(如 2025-H1)或季度(如 2025-Q3),无法核对所附事件是否在考核期内"
            ),
        ),
        (Some(_), Some(p)) => {
            let span = format!(
                "考核期 {}({} 至 {})",
                p.name_zh(),
                crate::domain::period::date_zh(p.first_day()),
                crate::domain::period::date_zh(p.last_day())
            );
            let dated = attached.len() - undated;
            let tail = if undated > 0 {
                format!(";{undated} 个事件未填写发生或发现时间,未能核对")
            } else {
                String::new()
            };
            (
                true,
                if attached.is_empty() {
                    format!("{span}:未附事件")
                } else {
                    format!("{span}:已按发生时间(未填写时按发现时间)核对 {dated} 个事件{tail}")
                },
            )
        }
    };
    let error = auto::check_period(range, attached, root).err();
    PeriodCheck {
        key: range.map(|p| p.key()),
        name: range.map(|p| p.name_zh()),
        checked,
        undated,
        message: error.as_ref().map_or(message, |e| e.message.clone()),
        error,
    }
}

fn require_identity(a: &Assessment, root: &str) -> Result<()> {
    let unit = json::key_path(root, "unit");
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if blank(&a.unit.code) {
        return Err(Error::new(
            Code::FieldMissing,
            json::key_path(&unit, "code"),
            "上报文件须填写单位统一社会信用代码(unit.code),用于识别单位和去重",
        ));
    }
    if blank(&a.period) {
        return Err(Error::new(
            Code::FieldMissing,
            json::key_path(root, "period"),
            "上报文件须填写考核期(period),如 “2026”",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_check_codes() {
        let d = "sm3:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(check_code(d), "0123 4567 89ab cdef");
        assert_eq!(
            file_name("91110000X", "2026 上半年", d),
            "91110000X_2026_上半年_01234567.cyberduty.json"
        );
        assert_eq!(
            file_name("a/b\\c:d", "..", d),
            "a_b_c_d___01234567.cyberduty.json"
        );
    }
}

//! Sealed exports (`cyberduty.export/1`): one file a unit sends to its cadre department (Article 10),
//! holding the rubric, the assessment, the score report, optionally the period's classified
//! incidents, and an SM3 digest over the RFC 8785 canonical JSON of all of that.
//!
//! [`seal`] makes one; [`open`] checks one (schema, digest, rubric, re-score, reference rubric,
//! Article 8 consistency) and is what aggregation runs on every file. Neither reads a clock or a
//! file: the caller passes `generated_at` and the documents.
//!
//! **The Article 8 veto.** A rubric veto with `"auto": "article8"` is set from the incidents:
//! - if any incident has a `met` Article 8 situation, the veto is triggered (an explicit `false` in
//!   the assessment is replaced, and its note says so; an explicit `true` is kept as written);
//! - otherwise an explicit answer (`true` or `false`) is kept as written;
//! - otherwise, if incidents were attached and every situation of every incident is `not_met`, the
//!   veto is set to not triggered, with a note;
//! - otherwise (no incidents attached, or some situation `undetermined`) it stays unanswered: the
//!   assessment is then incomplete, and the unit has to answer it itself. Attaching no incident is
//!   not taken as evidence that none happened.
//!
//! Sealing the same documents at the same `generated_at` twice gives the same bytes, and so does
//! sealing again what [`open`] read back from an export (the veto answer it set is then explicit
//! and kept).

mod article8;
mod open;
mod seal;
mod v2;

pub use crate::domain::time::{utc_timestamp, TimeKey};
pub use open::{open, open_bytes, verify, Opened, Reference};
pub use seal::{live, seal, seal_with, Live};
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
const FIELDS: [&str; 9] = [
    "schema",
    "generated_at",
    "generator",
    "rubric",
    "assessment",
    "score",
    "incidents",
    "digest",
    "signature",
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
    /// What was decided for each `auto: article8` veto.
    pub auto_vetoes: Vec<AutoVeto>,
    /// The assessment sealed in the file (answers after the automatic vetoes), serialized like an
    /// assessment document.
    pub assessment: Assessment,
}

/// How an `auto: article8` veto was answered.
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

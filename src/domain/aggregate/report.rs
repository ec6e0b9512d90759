//! The aggregate report (`cyberduty.aggregate/1`): what a batch yields, as serialized.

use crate::domain::exact::Cents;
use crate::domain::score::RubricInfo;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    pub schema: &'static str,
    /// The rubric every current export must have been scored with.
    pub reference: RubricInfo,
    /// One per input, in the order given (current inputs first, then previous ones).
    pub files: Vec<FileOutcome>,
    /// Accepted units, ranked.
    pub units: Vec<UnitRow>,
    pub summary: Summary,
    /// Every item of the reference rubric, weakest first.
    pub items: Vec<ItemStat>,
    /// The weakest items to show: the first [`super::WEAKEST`] of `items` on which some unit lost
    /// points (empty when no unit lost any).
    pub weakest: Vec<ItemStat>,
    /// Across periods, when files of earlier periods were given (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trends: Option<super::Trends>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Accepted,
    Rejected,
    Duplicate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Current,
    Previous,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileOutcome {
    pub path: String,
    pub role: Role,
    pub status: FileStatus,
    /// `OK`, `W_INCOMPLETE`, `E_EXPORT_DUPLICATE`, or the error code that rejected the file.
    pub code: &'static str,
    /// JSON path of the problem; empty when none.
    pub at: String,
    pub message: String,
    /// Identity of the file when it got that far (null for files that did not open).
    pub unit: Option<UnitId>,
    /// What was accepted without being checked: `W_UNIT_CODE` (a unit code failing the GB 32100
    /// check, in a file sealed before the check), `W_PERIOD_UNCHECKED` (a free-text period).
    pub warnings: Vec<crate::domain::error::Error>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitId {
    pub name: Option<String>,
    /// The normalised unit code (as written when it fails the check: see `warnings`).
    pub code: String,
    /// The period's key (`2025`, `2025-H1`), or the free text as written.
    pub period: String,
    pub digest: String,
    pub generated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRow {
    /// 1-based. Units without a veto first, then vetoed ones; within each by grade, then total.
    /// Units equal on all three share a rank (1, 1, 3).
    pub rank: usize,
    pub name: Option<String>,
    pub code: String,
    pub period: String,
    pub total: Cents,
    pub grade: String,
    pub vetoed: bool,
    pub complete: bool,
    /// Unanswered items and vetoes.
    pub missing: usize,
    pub path: String,
    /// `1a2b 3c4d 5e6f 7a8b`, as on the unit's printed report.
    pub check_code: String,
    pub generated_at: String,
    /// The signing key's id (null: unsigned file).
    pub key_id: Option<String>,
    /// 备注: the veto that placed the unit after every unit without one (with the vetoes'
    /// titles), unanswered items; empty when nothing to say.
    pub remark: String,
    /// Overdue 整改 entries in the file's 整改台账 as of its `generated_at` date; null when the
    /// file carries no ledger.
    pub overdue: Option<usize>,
    /// Null without `previous` inputs, or when the unit has none.
    pub change: Option<Change>,
    /// Points earned per item of the reference rubric, in rubric order (None: 不适用). Not in the
    /// report: only the workbook's 各单位明细 sheet shows them.
    #[serde(skip)]
    pub items: Vec<Option<Cents>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub previous_period: String,
    pub previous_total: Cents,
    pub previous_grade: String,
    /// total − previous_total (negative when the unit declined).
    pub delta: Cents,
    /// Whether both periods were scored with the same rubric (same digest).
    pub same_rubric: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub files: FileCounts,
    /// Accepted units.
    pub count: usize,
    pub incomplete: usize,
    /// Periods of the accepted units, sorted.
    pub periods: Vec<String>,
    pub mean: Option<Cents>,
    pub median: Option<Cents>,
    pub min: Option<Cents>,
    pub max: Option<Cents>,
    /// Population standard deviation (÷ n), exact to the hundredth.
    pub std_dev_population: Option<Cents>,
    /// Every grade of the reference rubric, highest first.
    pub grades: Vec<GradeCount>,
    /// Totals in ten equal bands of the reference rubric's total, lowest first: `[from, to)`, the
    /// last band `[from, total + bonus cap]` (it also holds totals raised by bonus points).
    pub histogram: Vec<Band>,
    pub vetoed: Vec<VetoedUnit>,
    pub dimensions: Vec<DimensionStat>,
    /// Null without `previous` inputs.
    pub changes: Option<ChangeCounts>,
    /// Whether a roster vouched for the senders (未核验发送单位 when false).
    pub senders_verified: bool,
    /// Roster units with no accepted file (未上报); null without a roster.
    pub missing: Option<Vec<MissingUnit>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingUnit {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FileCounts {
    pub accepted: usize,
    pub rejected: usize,
    pub duplicate: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeCount {
    pub name: String,
    pub min: Cents,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    pub from: Cents,
    pub to: Cents,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VetoedUnit {
    pub name: Option<String>,
    pub code: String,
    pub period: String,
    /// Titles of the triggered vetoes.
    pub vetoes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionStat {
    pub id: String,
    pub title: String,
    /// Mean attainment in percent; null when the dimension applies to no unit.
    pub mean_attainment: Option<Cents>,
    /// Units for which the dimension applies.
    pub units: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ChangeCounts {
    pub improved: usize,
    pub declined: usize,
    pub unchanged: usize,
    pub without_previous: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStat {
    pub id: String,
    pub dimension: String,
    pub title: String,
    pub points: Cents,
    /// Units for which the item applies (not 不适用).
    pub applicable: usize,
    /// Units that lost points on it (partly met, unmet or unanswered).
    pub units_lost: usize,
    /// Mean share of the item's points lost, in percent; null when it applies to no unit.
    pub mean_lost_percent: Option<Cents>,
}

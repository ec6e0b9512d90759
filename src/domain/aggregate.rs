//! Aggregation (`cyberduty.aggregate/1`): a cadre department's batch of sealed exports checked file
//! by file, then ranked and summarised.
//!
//! Every input gets exactly one outcome in `files`: `accepted`, `rejected` (with the code of the
//! first failed check, see [`export::open`]) or `duplicate` (`E_EXPORT_DUPLICATE`: another file for
//! the same unit code and period was kept — the latest `generated_at`; on equal times the smallest
//! path, then the first given). Accepted files with unanswered items carry `W_INCOMPLETE`, others
//! `OK`. One bad file never stops the batch.
//!
//! Inputs from the previous period (optional) go through the same checks except the reference
//! rubric (last period's rubric may have been another version); for each unit code the accepted
//! previous file with the latest `generated_at` gives the unit's `change`.
//!
//! Statistics are over the accepted units (vetoed and incomplete ones included) and use the totals
//! as stored (hundredths): mean and median are exact and rounded half up once; the standard
//! deviation is the **population** one (divide by n), computed with an exact integer square root
//! and also rounded half up, so it is exact to the hundredth. Per-dimension attainment is the mean
//! of the units' reported attainment (percent, two decimals) over the units where the dimension
//! applies; an item's lost share is (max − earned) / max from each unit's reported points, averaged
//! over the units where it applies.

use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::{self, fixed2, Cents, Exact};
use crate::domain::export::{self, check_code, Opened, Reference, TimeKey};
use crate::domain::json::{self, Json};
use crate::domain::rubric::Rubric;
use crate::domain::score::{RubricInfo, Status};
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub const SCHEMA: &str = "cyberduty.aggregate/1";

/// One input: a name (the file's path, or its name in the page) and its bytes, or the reason they
/// could not be read (the CLI refuses oversized files before reading them).
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub content: std::result::Result<Vec<u8>, Error>,
}

impl Input {
    pub fn bytes(name: impl Into<String>, bytes: Vec<u8>) -> Input {
        Input {
            name: name.into(),
            content: Ok(bytes),
        }
    }
    pub fn failed(name: impl Into<String>, error: Error) -> Input {
        Input {
            name: name.into(),
            content: Err(error),
        }
    }
    /// A file as a page hands it over: its name, its size, and its bytes unless the page did not
    /// read them. The core decides what that means: over the size limit → `E_INPUT_TOO_LARGE`
    /// (whether or not the bytes came along); no bytes → `E_FILE_UNREADABLE`.
    pub fn file(name: impl Into<String>, size: u64, bytes: Option<Vec<u8>>) -> Input {
        let content = json::check_size(size).and_then(|()| {
            bytes.ok_or_else(|| {
                Error::new(
                    Code::FileUnreadable,
                    "$",
                    "无法读取文件:浏览器没有提供文件内容",
                )
            })
        });
        Input {
            name: name.into(),
            content,
        }
    }
}

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitId {
    pub name: Option<String>,
    pub code: String,
    pub period: String,
    pub digest: String,
    pub generated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRow {
    /// 1-based; equal totals share a rank (1, 1, 3).
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
    /// Null without `previous` inputs, or when the unit has none.
    pub change: Option<Change>,
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

/// What is kept of an accepted file: enough to rank and summarise, not the documents.
#[derive(Debug, Clone)]
struct Record {
    file: usize,
    path: String,
    name: Option<String>,
    code: String,
    period: String,
    time: TimeKey,
    generated_at: String,
    digest: String,
    rubric_digest: String,
    total: Cents,
    grade: String,
    vetoed: bool,
    vetoes: Vec<String>,
    complete: bool,
    missing: usize,
    /// Attainment per reference dimension, in rubric order.
    attainment: Vec<Option<Cents>>,
    /// `(earned, max, status)` per reference item, in rubric order.
    items: Vec<(Cents, Cents, Status)>,
}

/// A batch being checked: add files one at a time (so a large batch need not be held in memory),
/// then [`Batch::finish`].
pub struct Batch {
    reference: Reference,
    files: Vec<FileOutcome>,
    current: Vec<Record>,
    previous: Vec<Record>,
    has_previous: bool,
}

/// Check and aggregate a whole batch at once: the entry point the wasm binding calls. `reference`
/// is the reference rubric document (the default rubric when `None`); an invalid reference is the
/// only error.
pub fn aggregate(
    reference: Option<&Json>,
    current: Vec<Input>,
    previous: Vec<Input>,
) -> Result<Aggregate> {
    let mut batch = Batch::new(reference)?;
    for input in current {
        batch.add(input);
    }
    for input in previous {
        batch.add_previous(input);
    }
    Ok(batch.finish())
}

impl Batch {
    pub fn new(reference: Option<&Json>) -> Result<Batch> {
        Ok(Batch::with_rubric(Rubric::from_json_or_default(reference)?))
    }

    pub fn with_rubric(reference: Rubric) -> Batch {
        Batch {
            reference: Reference::new(reference),
            files: Vec::new(),
            current: Vec::new(),
            previous: Vec::new(),
            has_previous: false,
        }
    }

    /// Add a file of the period being aggregated.
    pub fn add(&mut self, input: Input) {
        self.push(input, Role::Current);
    }

    /// Add a file of the previous period (for each unit's change).
    pub fn add_previous(&mut self, input: Input) {
        self.has_previous = true;
        self.push(input, Role::Previous);
    }

    fn push(&mut self, input: Input, role: Role) {
        let file = self.files.len();
        let reference = (role == Role::Current).then_some(&self.reference);
        let opened = input
            .content
            .and_then(|bytes| export::open_bytes(&bytes, reference));
        let outcome = match opened {
            Err(e) => FileOutcome {
                path: input.name,
                role,
                status: FileStatus::Rejected,
                code: e.code.as_str(),
                at: if e.path == "$" { String::new() } else { e.path },
                message: e.message,
                unit: None,
            },
            Ok(o) => {
                let record = self.record(file, &input.name, &o);
                let (code, message) = if record.complete {
                    (
                        "OK",
                        format!(
                            "已接收:总分 {},{}{}",
                            fixed2(record.total.0),
                            record.grade,
                            if record.vetoed { "(一票否决)" } else { "" }
                        ),
                    )
                } else {
                    (
                        Code::Incomplete.as_str(),
                        format!(
                            "已接收,但自评表未完成:{} 项未作答,按 0 分计;总分 {},{}",
                            record.missing,
                            fixed2(record.total.0),
                            record.grade
                        ),
                    )
                };
                let unit = UnitId {
                    name: record.name.clone(),
                    code: record.code.clone(),
                    period: record.period.clone(),
                    digest: record.digest.clone(),
                    generated_at: record.generated_at.clone(),
                };
                match role {
                    Role::Current => self.current.push(record),
                    Role::Previous => self.previous.push(record),
                }
                FileOutcome {
                    path: input.name,
                    role,
                    status: FileStatus::Accepted,
                    code,
                    at: String::new(),
                    message,
                    unit: Some(unit),
                }
            }
        };
        self.files.push(outcome);
    }

    fn record(&self, file: usize, path: &str, o: &Opened) -> Record {
        let s = &o.score;
        // Items and dimensions are matched by id: current files share the reference rubric, and
        // a previous file's differing rubric only feeds its total into `change`.
        let attainment = self
            .reference
            .rubric
            .dimensions
            .iter()
            .map(|d| {
                s.dimensions
                    .iter()
                    .find(|x| x.id == d.id)
                    .and_then(|x| x.attainment)
            })
            .collect();
        let items = self
            .reference
            .rubric
            .items()
            .map(|(_, i)| {
                s.items
                    .iter()
                    .find(|x| x.id == i.id)
                    .map_or((Cents(0), i.points, Status::Na), |x| {
                        (x.earned, x.max, x.status)
                    })
            })
            .collect();
        Record {
            file,
            path: path.to_string(),
            name: o.assessment.unit.name.clone(),
            code: o.assessment.unit.code.clone().unwrap_or_default(),
            period: o.assessment.period.clone().unwrap_or_default(),
            time: o.time_key.clone(),
            generated_at: o.generated_at.clone(),
            digest: o.digest.clone(),
            rubric_digest: s.rubric.digest.clone(),
            total: s.total,
            grade: s.grade.clone(),
            vetoed: s.vetoed,
            vetoes: s
                .vetoes
                .iter()
                .filter(|v| v.status == crate::domain::score::VetoStatus::Triggered)
                .map(|v| v.title.clone())
                .collect(),
            complete: s.complete,
            missing: s.missing.len(),
            attainment,
            items,
        }
    }

    /// Mark duplicates, rank, and compute the statistics.
    pub fn finish(mut self) -> Aggregate {
        let current = dedupe(std::mem::take(&mut self.current), &mut self.files);
        let previous = dedupe(std::mem::take(&mut self.previous), &mut self.files);
        let mut latest_previous: HashMap<&str, &Record> = HashMap::new();
        for p in &previous {
            let e = latest_previous.entry(&p.code).or_insert(p);
            if p.time > e.time {
                *e = p;
            }
        }

        let mut ranked: Vec<&Record> = current.iter().collect();
        ranked.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.period.cmp(&b.period))
        });
        let mut units = Vec::with_capacity(ranked.len());
        for (i, r) in ranked.iter().enumerate() {
            let rank = match units.last() {
                Some(UnitRow { rank, total, .. }) if *total == r.total => *rank,
                _ => i + 1,
            };
            let change = latest_previous.get(r.code.as_str()).map(|p| Change {
                previous_period: p.period.clone(),
                previous_total: p.total,
                previous_grade: p.grade.clone(),
                delta: Cents(r.total.0 - p.total.0),
                same_rubric: p.rubric_digest == r.rubric_digest,
            });
            units.push(UnitRow {
                rank,
                name: r.name.clone(),
                code: r.code.clone(),
                period: r.period.clone(),
                total: r.total,
                grade: r.grade.clone(),
                vetoed: r.vetoed,
                complete: r.complete,
                missing: r.missing,
                path: r.path.clone(),
                check_code: check_code(&r.digest),
                generated_at: r.generated_at.clone(),
                change,
            });
        }

        let summary = self.summary(&ranked, &units);
        let items = self.item_stats(&ranked);
        Aggregate {
            schema: SCHEMA,
            reference: RubricInfo {
                id: self.reference.rubric.id.clone(),
                version: self.reference.rubric.version.clone(),
                digest: self.reference.digest.clone(),
            },
            files: self.files,
            units,
            summary,
            items,
        }
    }

    fn summary(&self, ranked: &[&Record], units: &[UnitRow]) -> Summary {
        let mut files = FileCounts::default();
        for f in &self.files {
            match f.status {
                FileStatus::Accepted => files.accepted += 1,
                FileStatus::Rejected => files.rejected += 1,
                FileStatus::Duplicate => files.duplicate += 1,
            }
        }
        let totals: Vec<i64> = ranked.iter().map(|r| r.total.0).collect();
        let stats = Stats::of(&totals);
        let mut periods: Vec<String> = ranked.iter().map(|r| r.period.clone()).collect();
        periods.sort();
        periods.dedup();
        let grades = self
            .reference
            .rubric
            .grades
            .iter()
            .map(|g| GradeCount {
                name: g.name.clone(),
                min: g.min,
                count: ranked.iter().filter(|r| r.grade == g.name).count(),
            })
            .collect();
        let histogram = histogram(
            self.reference.rubric.total,
            self.reference.rubric.bonus_cap,
            &totals,
        );
        let vetoed = units
            .iter()
            .zip(ranked)
            .filter(|(u, _)| u.vetoed)
            .map(|(u, r)| VetoedUnit {
                name: u.name.clone(),
                code: u.code.clone(),
                period: u.period.clone(),
                vetoes: r.vetoes.clone(),
            })
            .collect();
        let dimensions = self
            .reference
            .rubric
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let values: Vec<i64> = ranked
                    .iter()
                    .filter_map(|r| r.attainment[i].map(|a| a.0))
                    .collect();
                DimensionStat {
                    id: d.id.clone(),
                    title: d.title.clone().unwrap_or_else(|| d.id.clone()),
                    mean_attainment: mean(&values),
                    units: values.len(),
                }
            })
            .collect();
        let changes = self.has_previous.then(|| {
            let mut c = ChangeCounts::default();
            for u in units {
                match &u.change {
                    None => c.without_previous += 1,
                    Some(ch) if ch.delta.0 > 0 => c.improved += 1,
                    Some(ch) if ch.delta.0 < 0 => c.declined += 1,
                    Some(_) => c.unchanged += 1,
                }
            }
            c
        });
        Summary {
            files,
            count: ranked.len(),
            incomplete: ranked.iter().filter(|r| !r.complete).count(),
            periods,
            mean: stats.as_ref().map(|s| s.mean),
            median: stats.as_ref().map(|s| s.median),
            min: stats.as_ref().map(|s| s.min),
            max: stats.as_ref().map(|s| s.max),
            std_dev_population: stats.as_ref().map(|s| s.std_dev),
            grades,
            histogram,
            vetoed,
            dimensions,
            changes,
        }
    }

    fn item_stats(&self, ranked: &[&Record]) -> Vec<ItemStat> {
        let mut out: Vec<(usize, ItemStat)> = self
            .reference
            .rubric
            .items()
            .enumerate()
            .map(|(i, (d, item))| {
                let mut share = Exact::zero();
                let (mut applicable, mut units_lost) = (0, 0);
                for r in ranked {
                    let (earned, max, status) = r.items[i];
                    if status == Status::Na || max.0 == 0 {
                        continue;
                    }
                    applicable += 1;
                    if matches!(status, Status::Partial | Status::Unmet | Status::Missing) {
                        units_lost += 1;
                    }
                    share += Exact::new((max.0 - earned.0).into(), max.0.into());
                }
                let mean_lost_percent = (applicable > 0)
                    .then(|| Cents::of(&(share * exact::int(100) / exact::int(applicable as i64))));
                (
                    i,
                    ItemStat {
                        id: item.id.clone(),
                        dimension: d.id.clone(),
                        title: item.label().to_string(),
                        points: item.points,
                        applicable,
                        units_lost,
                        mean_lost_percent,
                    },
                )
            })
            .collect();
        out.sort_by(|(ia, a), (ib, b)| {
            b.mean_lost_percent
                .cmp(&a.mean_lost_percent)
                .then(b.units_lost.cmp(&a.units_lost))
                .then(ia.cmp(ib))
        });
        out.into_iter().map(|(_, s)| s).collect()
    }
}

/// Keep one record per (unit code, period): the latest `generated_at`, then the smallest path, then
/// the first given. The others are marked duplicate in `files`.
fn dedupe(records: Vec<Record>, files: &mut [FileOutcome]) -> Vec<Record> {
    let mut groups: BTreeMap<(String, String), Vec<Record>> = BTreeMap::new();
    for r in records {
        groups
            .entry((r.code.clone(), r.period.clone()))
            .or_default()
            .push(r);
    }
    let mut kept = Vec::new();
    for (_, mut group) in groups {
        group.sort_by(|a, b| {
            b.time
                .cmp(&a.time)
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.file.cmp(&b.file))
        });
        let mut group = group.into_iter();
        let Some(winner) = group.next() else { continue };
        for loser in group {
            let why = if loser.time == winner.time {
                "生成时间相同,按文件名保留"
            } else {
                "保留生成时间较晚的"
            };
            let f = &mut files[loser.file];
            f.status = FileStatus::Duplicate;
            f.code = Code::ExportDuplicate.as_str();
            f.message = format!(
                "重复:与 {} 是同一单位({})同一考核期({}),{}{}(生成于 {}),本文件生成于 {}",
                winner.path,
                winner.code,
                winner.period,
                why,
                if loser.digest == winner.digest {
                    "(两个文件内容相同)"
                } else {
                    ""
                },
                winner.generated_at,
                loser.generated_at
            );
        }
        kept.push(winner);
    }
    kept.sort_by_key(|r| r.file);
    kept
}

struct Stats {
    mean: Cents,
    median: Cents,
    min: Cents,
    max: Cents,
    std_dev: Cents,
}

impl Stats {
    /// Statistics of totals in hundredths, exact, each rounded half up once.
    fn of(totals: &[i64]) -> Option<Stats> {
        let n = totals.len();
        if n == 0 {
            return None;
        }
        let mut sorted = totals.to_vec();
        sorted.sort_unstable();
        let median = if n % 2 == 1 {
            exact::int(sorted[n / 2])
        } else {
            Exact::new((sorted[n / 2 - 1] + sorted[n / 2]).into(), 2.into())
        };
        // σ (in hundredths) = √(n·Σx² − (Σx)²) / n; rounded half up, that is
        // ⌊(√(4(n·Σx² − (Σx)²)) + n) / 2n⌋, and the square root may be taken as the integer one.
        let big_n = BigInt::from(n);
        let sum: BigInt = totals.iter().map(|&t| BigInt::from(t)).sum();
        let squares: BigInt = totals.iter().map(|&t| BigInt::from(t) * t).sum();
        let spread: BigInt = &big_n * squares - &sum * &sum;
        let root: BigInt = (spread * 4u32).sqrt();
        let std_dev: BigInt = (root + &big_n) / (&big_n * 2);
        Some(Stats {
            mean: mean(totals)?,
            median: Cents(exact::round_cents(&(median / exact::int(100)))),
            min: Cents(sorted[0]),
            max: Cents(sorted[n - 1]),
            std_dev: Cents(std_dev.to_i64().unwrap_or(i64::MAX)),
        })
    }
}

/// Ten equal bands of `[0, total]` (the last one closed and reaching `total + bonus_cap`), each
/// with how many of `totals` fall in it; one band when the total is too small to split.
fn histogram(total: Cents, bonus_cap: Cents, totals: &[i64]) -> Vec<Band> {
    const BANDS: i64 = 10;
    let width = total.0 / BANDS;
    let top = total.0 + bonus_cap.0;
    let edges: Vec<(i64, i64)> = if width == 0 {
        vec![(0, top)]
    } else {
        (0..BANDS)
            .map(|i| {
                (
                    i * width,
                    if i == BANDS - 1 { top } else { (i + 1) * width },
                )
            })
            .collect()
    };
    let last = edges.len() - 1;
    edges
        .iter()
        .enumerate()
        .map(|(i, &(from, to))| Band {
            from: Cents(from),
            to: Cents(to),
            count: totals
                .iter()
                .filter(|&&t| t >= from && (t < to || (i == last && t <= to)))
                .count(),
        })
        .collect()
}

/// The mean of values in hundredths, rounded half up once.
fn mean(values: &[i64]) -> Option<Cents> {
    if values.is_empty() {
        return None;
    }
    let sum: BigInt = values.iter().map(|&v| BigInt::from(v)).sum();
    let mean = Exact::new(sum, BigInt::from(values.len()) * 100);
    Some(Cents::of(&mean))
}

// ---- CSV ---------------------------------------------------------------------------------------

/// The ranking as CSV for Excel and WPS: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting,
/// Chinese headers, one row per unit. Text cells that a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading `'`.
pub fn csv(a: &Aggregate) -> String {
    let mut out = String::from("\u{FEFF}");
    let header = [
        "排名",
        "单位名称",
        "统一社会信用代码",
        "考核期",
        "总分",
        "等次",
        "一票否决",
        "作答完整",
        "较上期变化",
    ];
    line(&mut out, header.iter().map(|h| h.to_string()));
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    for u in &a.units {
        let change = u.change.as_ref().map_or(String::new(), |c| {
            if c.delta.0 > 0 {
                format!("+{}", fixed2(c.delta.0))
            } else {
                fixed2(c.delta.0)
            }
        });
        line(
            &mut out,
            [
                u.rank.to_string(),
                text_cell(u.name.as_deref().unwrap_or("")),
                text_cell(&u.code),
                text_cell(&u.period),
                fixed2(u.total.0),
                text_cell(&u.grade),
                yes_no(u.vetoed),
                yes_no(u.complete),
                change,
            ]
            .into_iter(),
        );
    }
    out
}

fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn line(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Whether a batch takes a file found inside a chosen folder, given its path relative to that
/// folder (`/`-separated): only `*.json` (any case), and nothing hidden (a name starting with `.`,
/// the file's own or a folder's on the way). A file named on its own is always taken.
pub fn batch_takes(relative_path: &str) -> bool {
    let parts: Vec<&str> = relative_path.split('/').filter(|p| !p.is_empty()).collect();
    let Some(last) = parts.last() else {
        return false;
    };
    let json = last
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && ext.eq_ignore_ascii_case("json"));
    json && !parts.iter().any(|p| p.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(v: &[i64]) -> (i64, i64, i64) {
        let s = Stats::of(v).unwrap();
        (s.mean.0, s.median.0, s.std_dev.0)
    }

    #[test]
    fn statistics_round_once_half_up() {
        // mean 1/3 hundredth → 0; median of 2 values with an odd sum → half up.
        assert_eq!(stats(&[0, 0, 1]), (0, 0, 0));
        assert_eq!(stats(&[0, 1]).1, 1);
        // σ of {0, 100}: 50 exactly.
        assert_eq!(stats(&[0, 100]).2, 50);
        // σ of {0, 1}: 0.5 hundredth → rounds up to 1.
        assert_eq!(stats(&[0, 1]).2, 1);
        // σ of {0, 0, 1}: √2/3 ≈ 0.471 → 0.
        assert_eq!(stats(&[0, 0, 1]).2, 0);
        // σ of {9000, 8000, 7000}: 816.4966 → 816.
        assert_eq!(stats(&[9000, 8000, 7000]), (8000, 8000, 816));
    }

    #[test]
    fn histogram_bands_cover_every_total_once() {
        let h = histogram(
            Cents(10_000),
            Cents(500),
            &[0, 999, 1_000, 8_999, 9_000, 10_000, 10_500],
        );
        assert_eq!(h.len(), 10);
        assert_eq!((h[0].from.0, h[0].to.0, h[0].count), (0, 1_000, 2));
        assert_eq!((h[1].from.0, h[1].count), (1_000, 1));
        assert_eq!((h[8].from.0, h[8].to.0, h[8].count), (8_000, 9_000, 1));
        assert_eq!((h[9].from.0, h[9].to.0, h[9].count), (9_000, 10_500, 3));
        assert_eq!(h.iter().map(|b| b.count).sum::<usize>(), 7);
        // A total of 0.05 cannot be split into bands of whole hundredths.
        let one = histogram(Cents(5), Cents(0), &[0, 5]);
        assert_eq!(
            one,
            vec![Band {
                from: Cents(0),
                to: Cents(5),
                count: 2
            }]
        );
    }

    #[test]
    fn input_files_are_refused_by_size_before_their_bytes() {
        let max = json::MAX_INPUT_BYTES as u64;
        let code = |i: Input| i.content.err().map(|e| e.code.as_str());
        assert_eq!(
            code(Input::file("a", max + 1, None)),
            Some("E_INPUT_TOO_LARGE")
        );
        assert_eq!(
            code(Input::file("a", max + 1, Some(vec![b'{']))),
            Some("E_INPUT_TOO_LARGE")
        );
        assert_eq!(code(Input::file("a", 3, None)), Some("E_FILE_UNREADABLE"));
        assert_eq!(code(Input::file("a", 2, Some(b"{}".to_vec()))), None);
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut out = String::new();
        line(
            &mut out,
            [text_cell("=HYPERLINK(\"x\")"), "a,b".into(), "plain".into()].into_iter(),
        );
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",plain\r\n");
    }
}


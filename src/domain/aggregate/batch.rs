//! A batch of exports checked one file at a time: each input gets exactly one outcome, and what is
//! kept of an accepted file is only what ranking and statistics need.

use super::duplicates::dedupe;
use super::report::*;
use super::SCHEMA;
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::{fixed2, Cents};
use crate::domain::export::{self, check_code, Opened, Reference, TimeKey};
use crate::domain::json::{self, Json};
use crate::domain::rubric::Rubric;
use crate::domain::score::{RubricInfo, Status};
use std::collections::HashMap;

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

/// One file checked by [`Batch::check`], waiting to be taken into the batch ([`Batch::take`]).
#[derive(Debug, Clone)]
pub struct Checked {
    pub(super) outcome: FileOutcome,
    pub(super) record: Option<Record>,
}

/// The code of an accepted file with nothing to say about it.
pub(super) static OK: &str = "OK";

/// What is kept of an accepted file: enough to rank and summarise, not the documents.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub file: usize,
    pub path: String,
    pub name: Option<String>,
    pub code: String,
    pub period: String,
    pub time: TimeKey,
    pub generated_at: String,
    pub digest: String,
    pub key_id: Option<String>,
    pub rubric_digest: String,
    pub total: Cents,
    pub grade: String,
    pub vetoed: bool,
    pub vetoes: Vec<String>,
    pub complete: bool,
    pub missing: usize,
    /// Attainment per reference dimension, in rubric order.
    pub attainment: Vec<Option<Cents>>,
    /// `(earned, max, status)` per reference item, in rubric order.
    pub items: Vec<(Cents, Cents, Status)>,
    /// Overdue 整改 entries as of the file's `generated_at` date; None without a ledger.
    pub overdue: Option<usize>,
}

/// A batch being checked: add files one at a time (so a large batch need not be held in memory),
/// then [`Batch::finish`]. [`Batch::check`] and [`Batch::take`] split adding in two, so a caller
/// with threads can check files on every core and take them in file order.
pub struct Batch {
    pub(super) reference: Reference,
    pub(super) files: Vec<FileOutcome>,
    current: Vec<Record>,
    previous: Vec<Record>,
    pub(super) has_previous: bool,
    pub(super) roster: Option<crate::domain::roster::Roster>,
}

/// Whether a batch takes a file found inside a chosen folder, by its path relative to that folder
/// (`/` or `\\` between parts): a `.json` file (extension in any case) with no part of its path
/// hidden (a name starting with `.`). A file chosen by itself is always taken. The CLI's folder walk
/// and the page's folder drop both ask this.
pub fn batch_takes(relative_path: &str) -> bool {
    let mut parts = relative_path.split(['/', '\\']).filter(|p| !p.is_empty());
    let Some(name) = parts.next_back() else {
        return false;
    };
    let json = name
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && ext.eq_ignore_ascii_case("json"));
    json && batch_enters(name) && parts.all(batch_enters)
}

/// Whether a folder walk looks inside a sub-folder (or at a file) of this name: not when hidden.
pub fn batch_enters(name: &str) -> bool {
    !name.starts_with('.')
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
            roster: None,
        }
    }

    /// Add a file of the period being aggregated.
    pub fn add(&mut self, input: Input) {
        self.take(self.check(input, Role::Current));
    }

    /// Add a file of the previous period (for each unit's change).
    pub fn add_previous(&mut self, input: Input) {
        self.take(self.check(input, Role::Previous));
    }

    /// Take a checked file as the batch's next one: what [`Batch::add`] does after checking. The
    /// report depends only on the files and the order they are taken in.
    pub fn take(&mut self, checked: Checked) {
        let Checked { outcome, record } = checked;
        if let Some(mut record) = record {
            record.file = self.files.len();
            match outcome.role {
                Role::Current => self.current.push(record),
                Role::Previous => self.previous.push(record),
            }
        }
        self.has_previous |= outcome.role == Role::Previous;
        self.files.push(outcome);
    }

    /// Check one file (every check of [`export::open`], and the roster's): the per-file part of
    /// adding it, which reads the batch but does not change it, so files can be checked on any
    /// thread in any order.
    pub fn check(&self, input: Input, role: Role) -> Checked {
        let reference = (role == Role::Current).then_some(&self.reference);
        let opened = input
            .content
            .and_then(|bytes| export::open_bytes(&bytes, reference))
            .and_then(|o| match role {
                Role::Current => super::roster::check_sender(self.roster.as_ref(), &o).map(|()| o),
                Role::Previous => Ok(o),
            });
        match opened {
            Err(e) => Checked {
                record: None,
                outcome: FileOutcome {
                    path: input.name,
                    role,
                    status: FileStatus::Rejected,
                    code: e.code.as_str(),
                    at: if e.path == "$" { String::new() } else { e.path },
                    message: e.message,
                    unit: None,
                    warnings: Vec::new(),
                },
            },
            Ok(o) => {
                let record = self.record(0, &input.name, &o);
                let (mut code, mut message) = if record.complete {
                    (
                        OK,
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
                // A warning's code stands first (it says the file was not fully checked); the
                // message names every warning.
                for w in &o.identity.warnings {
                    message.push_str(&format!(";注意:{}", w.message));
                }
                if let Some(w) = o.identity.warnings.first() {
                    code = w.code.as_str();
                }
                let unit = UnitId {
                    name: record.name.clone(),
                    code: record.code.clone(),
                    period: record.period.clone(),
                    digest: record.digest.clone(),
                    generated_at: record.generated_at.clone(),
                };
                Checked {
                    record: Some(record),
                    outcome: FileOutcome {
                        path: input.name,
                        role,
                        status: FileStatus::Accepted,
                        code,
                        at: String::new(),
                        message,
                        unit: Some(unit),
                        warnings: o.identity.warnings,
                    },
                }
            }
        }
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
            code: o.identity.code.clone(),
            period: o.identity.period.clone(),
            time: o.time_key.clone(),
            generated_at: o.generated_at.clone(),
            digest: o.digest.clone(),
            key_id: o.signer.as_ref().map(|s| s.key_id.clone()),
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
            overdue: overdue(o),
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

        // A vetoed unit ranks after every unit without a veto, whatever its points: the veto
        // decides the grade (不合格) and a cadre department copies the order as it stands. Then
        // grade (the reference rubric's order, highest first), then total.
        let grade_index = |g: &str| {
            let grades = &self.reference.rubric.grades;
            grades
                .iter()
                .position(|x| x.name == g)
                .unwrap_or(grades.len())
        };
        let order = |r: &Record| (r.vetoed, grade_index(&r.grade), std::cmp::Reverse(r.total));
        let mut ranked: Vec<&Record> = current.iter().collect();
        crate::domain::sort::by(&mut ranked, |a, b| {
            order(a)
                .cmp(&order(b))
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.period.cmp(&b.period))
        });
        let mut units: Vec<UnitRow> = Vec::with_capacity(ranked.len());
        for (i, r) in ranked.iter().enumerate() {
            let rank = match (units.last(), i.checked_sub(1).map(|j| ranked[j])) {
                (Some(u), Some(prev)) if order(prev) == order(r) => u.rank,
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
                key_id: r.key_id.clone(),
                remark: remark(r),
                overdue: r.overdue,
                change,
                items: r
                    .items
                    .iter()
                    .map(|&(e, _, s)| (s != Status::Na).then_some(e))
                    .collect(),
            });
        }

        let mut summary = self.summary(&ranked, &units);
        summary.senders_verified = self.roster.is_some();
        summary.missing = super::roster::missing(self.roster.as_ref(), &current);
        let items = self.item_stats(&ranked);
        let weakest = super::stats::weakest(&items);
        let trends = self
            .has_previous
            .then(|| super::trends::trends(&self.reference.rubric, &ranked, &previous));
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
            weakest,
            trends,
        }
    }
}

/// The overdue count of the file's ledger, reviewed as of the date the file was generated (UTC):
/// what the unit knew when it sealed, the same whenever the batch is run.
fn overdue(o: &Opened) -> Option<usize> {
    let ledger = o.ledger.as_ref()?;
    let day = crate::domain::time::parse_date(o.generated_at.get(..10)?).ok()?;
    Some(crate::domain::rectification::review(ledger, day).overdue)
}

/// 备注: why a unit stands where it does (a veto, unanswered items), in words a ranking table can
/// carry as it is.
fn remark(r: &Record) -> String {
    let mut parts = Vec::new();
    if r.vetoed {
        parts.push(if r.vetoes.is_empty() {
            "一票否决,排在未被否决的单位之后".to_string()
        } else {
            format!("一票否决({}),排在未被否决的单位之后", r.vetoes.join("、"))
        });
    }
    if !r.complete {
        parts.push(format!("{} 项未作答,按 0 分计", r.missing));
    }
    parts.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_files_a_batch_takes() {
        for yes in [
            "a.json",
            "A.JSON",
            "x/b.Json",
            "x\\y\\c.json",
            "a.b.json",
            "/a.json",
        ] {
            assert!(batch_takes(yes), "{yes}");
        }
        for no in [
            "a.txt",
            "json",
            ".json",
            ".a.json",
            ".git/a.json",
            "x/.hidden/a.json",
            "",
            "a.jsonl",
        ] {
            assert!(!batch_takes(no), "{no}");
        }
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
}

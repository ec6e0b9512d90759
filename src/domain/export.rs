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

use crate::domain::assessment::{Answer, Assessment, Value};
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::fixed2;
use crate::domain::json::{self, index_path, Json};
use crate::domain::rubric::{Auto, Rubric};
use crate::domain::score::{self, Report};
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.export";
pub const VERSION: u32 = 1;
const SCHEMA_TAG: &str = "cyberduty.export/1";
const GENERATOR: &str = "cyberduty";
const FIELDS: [&str; 8] = [
    "schema",
    "generated_at",
    "generator",
    "rubric",
    "assessment",
    "score",
    "incidents",
    "digest",
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
    /// The assessment as sealed (automatic veto answers applied), to load back into a form.
    pub assessment: Assessment,
}

/// An assessment scored with the period's incidents applied exactly as [`seal`] applies them: what
/// the page shows while the user types, so the screen never shows a grade the file will not carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Live {
    pub score: Report,
    pub auto_vetoes: Vec<AutoVeto>,
    /// The assessment after the automatic veto answers.
    pub assessment: Assessment,
    /// Each incident's classification, in order.
    pub classifications: Vec<Json>,
}

/// Score `assessment` with the period's `incidents` (classified here) setting the automatic vetoes.
/// Unlike [`seal`] it does not need the unit's code and period.
pub fn live(rubric: &Rubric, assessment: &Assessment, incidents: &[Json]) -> Result<Live> {
    let (live, _) = live_with_entries(rubric, assessment.clone(), incidents)?;
    Ok(live)
}

fn live_with_entries(
    rubric: &Rubric,
    mut assessment: Assessment,
    incidents: &[Json],
) -> Result<(Live, Vec<IncidentEntry>)> {
    let mut entries = Vec::new();
    for (i, doc) in incidents.iter().enumerate() {
        let c = crate::domain::incident::classify_document(doc).map_err(|e| Error {
            message: format!("第 {} 个事件文件:{}", i + 1, e.message),
            ..e
        })?;
        entries.push(IncidentEntry {
            incident: doc.clone(),
            classification: json::to_json(&c),
        });
    }
    let situations = Situations::of(entries.iter().map(|e| &e.classification))?;
    let auto_vetoes = apply_article8(rubric, &mut assessment, &situations);
    let score = score::score(rubric, &assessment)?;
    let live = Live {
        score,
        auto_vetoes,
        assessment,
        classifications: entries.iter().map(|e| e.classification.clone()).collect(),
    };
    Ok((live, entries))
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
struct Generator {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct ExportDoc<'a> {
    schema: &'static str,
    generated_at: &'a str,
    generator: Generator,
    rubric: &'a Rubric,
    assessment: &'a Assessment,
    score: &'a Report,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    incidents: &'a [IncidentEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<&'a str>,
}

/// Seal an export. `rubric` is the rubric document (the default rubric when `None`), `assessment`
/// the unit's answers, `incidents` the period's incident documents (each classified here), and
/// `generated_at` an RFC 3339 UTC time such as `2026-01-15T08:00:00Z` (fractions of a second
/// allowed). The assessment must name the unit's code and the period: they identify the file.
pub fn seal(
    rubric: Option<&Json>,
    assessment: &Json,
    incidents: &[Json],
    generated_at: &str,
) -> Result<Sealed> {
    timestamp_key(generated_at).map_err(|why| {
        Error::new(
            Code::Timestamp,
            "$.generated_at",
            format!("生成时间 “{generated_at}” 无效:{why}"),
        )
    })?;
    let rubric = Rubric::from_json_or_default(rubric)?;
    seal_with(
        &rubric,
        Assessment::from_json(assessment, &rubric)?,
        incidents,
        generated_at,
    )
}

/// [`seal`] with the rubric already validated (the wasm `Session` holds it).
pub fn seal_with(
    rubric: &Rubric,
    assessment: Assessment,
    incidents: &[Json],
    generated_at: &str,
) -> Result<Sealed> {
    timestamp_key(generated_at).map_err(|why| {
        Error::new(
            Code::Timestamp,
            "$.generated_at",
            format!("生成时间 “{generated_at}” 无效:{why}"),
        )
    })?;
    require_identity(&assessment, "$")?;
    let (
        Live {
            score: report,
            auto_vetoes,
            assessment,
            ..
        },
        entries,
    ) = live_with_entries(rubric, assessment, incidents)?;
    let mut doc = ExportDoc {
        schema: SCHEMA_TAG,
        generated_at,
        generator: Generator {
            name: GENERATOR,
            version: crate::VERSION,
        },
        rubric,
        assessment: &assessment,
        score: &report,
        incidents: &entries,
        digest: None,
    };
    let digest = digest::sm3_canonical(&doc);
    doc.digest = Some(&digest);
    let text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Error::new(Code::FieldType, "$", format!("无法生成上报文件:{e}")))?
        + "\n";
    let unit = assessment.unit.code.as_deref().unwrap_or_default();
    let period = assessment.period.as_deref().unwrap_or_default();
    Ok(Sealed {
        file_name: file_name(unit, period, &digest),
        check_code: check_code(&digest),
        digest,
        text,
        score: report,
        auto_vetoes,
        assessment,
    })
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

/// Format seconds since 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SSZ` (for callers whose clock
/// gives Unix time, such as the CLI).
pub fn utc_timestamp(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    // H. Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A `generated_at` reduced to something that orders by time: the fixed-width
/// `YYYY-MM-DDTHH:MM:SS` part and the nanoseconds.
pub(crate) type TimeKey = (String, u32);

/// Check `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (RFC 3339, UTC).
pub(crate) fn timestamp_key(s: &str) -> std::result::Result<TimeKey, &'static str> {
    const FORMAT: &str = "应为 UTC 时间,格式如 2026-01-15T08:00:00Z(可带小数秒)";
    let b = s.as_bytes();
    let Some(body) = s.strip_suffix('Z') else {
        return Err(FORMAT);
    };
    if b.len() < 20 || !body.is_char_boundary(19) {
        return Err(FORMAT);
    }
    let (main, frac) = body.split_at(19);
    let shape = main.bytes().enumerate().all(|(i, c)| match i {
        4 | 7 => c == b'-',
        10 => c == b'T',
        13 | 16 => c == b':',
        _ => c.is_ascii_digit(),
    });
    if !shape {
        return Err(FORMAT);
    }
    let nanos = match frac.strip_prefix('.') {
        None if frac.is_empty() => 0,
        Some(d) if (1..=9).contains(&d.len()) && d.bytes().all(|c| c.is_ascii_digit()) => {
            format!("{d:0<9}").parse::<u32>().map_err(|_| FORMAT)?
        }
        _ => return Err(FORMAT),
    };
    let num = |r: std::ops::Range<usize>| main[r].parse::<u32>().unwrap_or(u32::MAX);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err("月份应为 01 到 12"),
    };
    if day == 0 || day > days_in_month {
        return Err("日期不存在");
    }
    if num(11..13) > 23 || num(14..16) > 59 || num(17..19) > 59 {
        return Err("时、分、秒超出范围");
    }
    Ok((main.to_string(), nanos))
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

/// The Article 8 situations across a period's classified incidents.
#[derive(Debug, Default)]
struct Situations {
    incidents: usize,
    /// (incident number from 1, item 1–7) of every met situation.
    met: Vec<(usize, u64)>,
    /// Incidents with at least one undetermined situation.
    undetermined: usize,
}

impl Situations {
    /// Read `triggers[].{item,status}` of each classification (`cyberduty.classification/1`).
    fn of<'a>(classifications: impl Iterator<Item = &'a Json>) -> Result<Situations> {
        let mut s = Situations::default();
        for (i, c) in classifications.enumerate() {
            s.incidents += 1;
            let path = format!("$.incidents[{i}].classification");
            let mut undetermined = false;
            let triggers = json::array(field(c, &path, "triggers")?, &format!("{path}.triggers"))?;
            for (j, t) in triggers.iter().enumerate() {
                let tpath = index_path(&format!("{path}.triggers"), j);
                let status = json::string(field(t, &tpath, "status")?, &format!("{tpath}.status"))?;
                match status {
                    "met" => {
                        let item =
                            json::count(field(t, &tpath, "item")?, &format!("{tpath}.item"))?;
                        s.met.push((i + 1, item));
                    }
                    "undetermined" => undetermined = true,
                    _ => {}
                }
            }
            s.undetermined += usize::from(undetermined);
        }
        Ok(s)
    }

    fn describe_met(&self) -> String {
        self.met
            .iter()
            .map(|(n, item)| format!("第 {n} 个事件符合{}", citation(*item)))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// A field of an object read without restricting its other keys (classifications are the incident
/// module's output; only the fields used here are checked).
fn field<'a>(v: &'a Json, path: &str, key: &str) -> Result<&'a Json> {
    let Json::Obj(fields) = v else {
        return Err(Error::new(Code::FieldType, path, "应为对象"));
    };
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .ok_or_else(|| {
            Error::new(
                Code::FieldMissing,
                json::key_path(path, key),
                format!("缺少必填字段 “{key}”"),
            )
        })
}

fn citation(item: u64) -> String {
    const N: [&str; 7] = ["一", "二", "三", "四", "五", "六", "七"];
    match usize::try_from(item)
        .ok()
        .and_then(|i| N.get(i.wrapping_sub(1)))
    {
        Some(n) => format!("第八条第({n})项"),
        None => format!("第八条第 {item} 项"),
    }
}

fn apply_article8(rubric: &Rubric, a: &mut Assessment, s: &Situations) -> Vec<AutoVeto> {
    let mut out = Vec::new();
    for v in rubric
        .vetoes
        .iter()
        .filter(|v| v.auto == Some(Auto::Article8))
    {
        let given = a.answers.get(&v.id).and_then(|ans| match ans.value {
            Value::Triggered { triggered } => Some(triggered),
            _ => None,
        });
        let (decision, triggered, message) = if !s.met.is_empty() {
            let why = s.describe_met();
            match given {
                Some(true) => (
                    Decision::KeptAnswer,
                    Some(true),
                    format!("自评表已填写触发,与事件研判一致({why})"),
                ),
                Some(false) => {
                    let note = format!("由事件研判自动判定为触发:{why}(自评表原填写为未触发)");
                    set(a, &v.id, true, &note);
                    (Decision::OverrodeClear, Some(true), note)
                }
                None => {
                    let note = format!("由事件研判自动判定为触发:{why}");
                    set(a, &v.id, true, &note);
                    (Decision::SetTriggered, Some(true), note)
                }
            }
        } else if let Some(t) = given {
            let state = if t { "触发" } else { "未触发" };
            (
                Decision::KeptAnswer,
                Some(t),
                format!("所附事件未认定第八条情形,保留自评表填写的“{state}”"),
            )
        } else if s.incidents > 0 && s.undetermined == 0 {
            let note = format!(
                "由事件研判自动判定为未触发:所附 {} 个事件均不构成第八条所列情形",
                s.incidents
            );
            set(a, &v.id, false, &note);
            (Decision::SetClear, Some(false), note)
        } else if s.incidents > 0 {
            (
                Decision::LeftUnanswered,
                None,
                format!(
                    "有 {} 个事件的第八条情形尚待认定,请人工核实后在自评表中填写此否决项",
                    s.undetermined
                ),
            )
        } else {
            (
                Decision::LeftUnanswered,
                None,
                "未附事件文件,请在自评表中填写此否决项(未发生事件时填写未触发)".to_string(),
            )
        };
        out.push(AutoVeto {
            veto: v.id.clone(),
            decision,
            triggered,
            message,
        });
    }
    out
}

fn set(a: &mut Assessment, id: &str, triggered: bool, note: &str) {
    let evidence = a
        .answers
        .remove(id)
        .map(|ans| ans.evidence)
        .unwrap_or_default();
    a.answers.insert(
        id.to_string(),
        Answer {
            value: Value::Triggered { triggered },
            note: Some(note.to_string()),
            evidence,
        },
    );
}

// ---- Opening an export -------------------------------------------------------------------------

/// The rubric a batch of exports must have been scored with, and its digest (computed once).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub rubric: Rubric,
    pub digest: String,
    /// The rubric as an export embeds it, to recognise it without validating it again.
    written: Json,
}

impl Reference {
    pub fn new(rubric: Rubric) -> Reference {
        Reference {
            digest: rubric.digest(),
            // Through text, so keys keep the order an export writes them in.
            written: serde_json::to_string(&rubric)
                .ok()
                .and_then(|t| json::parse_str(&t).ok())
                .unwrap_or(Json::Null),
            rubric,
        }
    }
}

/// An export that passed every check of [`open`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opened {
    pub generated_at: String,
    pub digest: String,
    /// `1a2b 3c4d 5e6f 7a8b`.
    pub check_code: String,
    pub rubric: Rubric,
    pub assessment: Assessment,
    /// The score as recomputed (equal to the one stored in the file).
    pub score: Report,
    /// The incident documents as sealed, in order.
    pub incidents: Vec<Json>,
    /// `(incident number from 1, item 1–7)` of every met Article 8 situation.
    pub article8_met: Vec<(usize, u64)>,
    #[serde(skip)]
    pub(crate) time_key: TimeKey,
}

/// Check a parsed export, in this order, stopping at the first failure:
/// 1. schema `cyberduty.export/1` (`E_SCHEMA_*`), known and required fields, no duplicate keys
///    anywhere (`E_FIELD_*`, `E_JSON_DUPLICATE_KEY`), `digest` of the form `sm3:<64 hex>`;
/// 2. the digest matches the content (`E_EXPORT_DIGEST`);
/// 3. `generated_at` is an RFC 3339 UTC time (`E_TIMESTAMP`);
/// 4. the embedded rubric validates, and the assessment against it (their own codes, paths under
///    `$.rubric` / `$.assessment`);
/// 5. the score recomputed from the answers and the embedded rubric equals the stored score, every
///    field of it (`E_EXPORT_SCORE_MISMATCH`);
/// 6. when `reference` is given, the embedded rubric's digest equals it (`E_EXPORT_FOREIGN_RUBRIC`);
/// 7. no met Article 8 situation in the incidents while an `auto: article8` veto is not triggered
///    (`E_EXPORT_ARTICLE8`);
/// 8. the assessment names the unit code and the period (`E_FIELD_MISSING`).
///
/// Incident classifications are read as stored (the digest protects them), not recomputed, so a
/// later edition of the grading table does not turn older files into rejections.
pub fn open(doc: &Json, reference: Option<&Reference>) -> Result<Opened> {
    json::check_schema(doc, SCHEMA, VERSION)?;
    let o = json::object(doc, "$", &FIELDS)?;
    no_duplicate_keys(doc, "$")?;
    let stored_digest = o.req_str("digest")?;
    let hex = stored_digest.strip_prefix(digest::PREFIX).unwrap_or("");
    if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(Error::new(
            Code::FieldRange,
            "$.digest",
            "摘要应为 “sm3:” 加 64 位小写十六进制数字",
        ));
    }
    let generated_at = o.req_str("generated_at")?;
    let g = json::object(o.req("generator")?, "$.generator", &["name", "version"])?;
    g.req_str("name")?;
    g.req_str("version")?;
    let rubric_doc = o.req("rubric")?;
    let assessment_doc = o.req("assessment")?;
    let score_doc = o.req("score")?;
    let incidents = o.opt_arr("incidents")?;

    let actual = digest::sm3_json_without(doc, "digest");
    if actual != stored_digest {
        return Err(Error::new(
            Code::ExportDigest,
            "$.digest",
            format!(
                "摘要不符:文件记录为 {},按内容计算为 {}。文件在生成后被修改过或已损坏",
                check_code(stored_digest),
                check_code(&actual)
            ),
        ));
    }
    let time_key = timestamp_key(generated_at).map_err(|why| {
        Error::new(
            Code::Timestamp,
            "$.generated_at",
            format!("生成时间 “{generated_at}” 无效:{why}"),
        )
    })?;

    // Nearly every file of a batch embeds the reference rubric as the export wrote it: then the
    // validated reference (and its digest, computed once) stands in for validating it again.
    let rubric = match reference {
        Some(r) if *rubric_doc == r.written => r.rubric.clone(),
        _ => Rubric::from_json(rubric_doc).map_err(|e| nest(e, "$.rubric", "内嵌考核细则"))?,
    };
    let assessment = Assessment::from_json(assessment_doc, &rubric)
        .map_err(|e| nest(e, "$.assessment", "自评表"))?;
    let report =
        score::score(&rubric, &assessment).map_err(|e| nest(e, "$.assessment", "自评表"))?;
    compare_scores(score_doc, &report)?;

    if let Some(Reference {
        rubric: reference,
        digest: ours,
        ..
    }) = reference
    {
        let theirs = &report.rubric.digest;
        if theirs != ours {
            return Err(Error::new(
                Code::ExportForeignRubric,
                "$.rubric",
                format!(
                    "按细则 “{} {}”(核对码 {})评分,与本次汇总使用的细则 “{} {}”(核对码 {})不同",
                    rubric.id,
                    rubric.version,
                    check_code(theirs),
                    reference.id,
                    reference.version,
                    check_code(ours)
                ),
            ));
        }
    }

    let situations = Situations::of(
        incidents
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let path = index_path("$.incidents", i);
                json::object(e, &path, &["incident", "classification"])?;
                field(e, &path, "incident")?;
                field(e, &path, "classification")
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter(),
    )?;
    if !situations.met.is_empty() {
        for v in rubric
            .vetoes
            .iter()
            .filter(|v| v.auto == Some(Auto::Article8))
        {
            let triggered = matches!(
                assessment.answers.get(&v.id).map(|a| &a.value),
                Some(Value::Triggered { triggered: true })
            );
            if !triggered {
                return Err(Error::new(
                    Code::ExportArticle8,
                    json::key_path("$.assessment.answers", &v.id),
                    format!(
                        "前后矛盾:所附事件中{},但否决项 “{}” 填写为未触发",
                        situations.describe_met(),
                        v.label()
                    ),
                ));
            }
        }
    }
    require_identity(&assessment, "$.assessment")?;

    Ok(Opened {
        generated_at: generated_at.to_string(),
        check_code: check_code(stored_digest),
        digest: stored_digest.to_string(),
        rubric,
        assessment,
        score: report,
        incidents: incidents
            .iter()
            .filter_map(|e| field(e, "$", "incident").ok().cloned())
            .collect(),
        article8_met: situations.met,
        time_key,
    })
}

/// Check one export file given as bytes, against a reference rubric document when given (no
/// reference: the embedded rubric is only validated): the entry point the wasm binding calls to
/// open a single file.
pub fn verify(bytes: &[u8], reference: Option<&Json>) -> Result<Opened> {
    let reference = reference
        .map(|doc| Rubric::from_json(doc).map(Reference::new))
        .transpose()?;
    open_bytes(bytes, reference.as_ref())
}

/// Parse and [`open`] an export file's bytes (size limit, encoding and JSON first).
pub fn open_bytes(bytes: &[u8], reference: Option<&Reference>) -> Result<Opened> {
    open(&json::parse(bytes)?, reference)
}

/// An error found inside an embedded document, re-rooted at its place in the export.
fn nest(e: Error, root: &str, what: &str) -> Error {
    let path = match e.path.strip_prefix('$') {
        Some(rest) => format!("{root}{rest}"),
        None => root.to_string(),
    };
    Error {
        code: e.code,
        path,
        message: format!("{what}:{}", e.message),
    }
}

fn no_duplicate_keys(v: &Json, path: &str) -> Result<()> {
    match first_duplicate(v) {
        None => Ok(()),
        Some((at, key)) => Err(Error::new(
            Code::JsonDuplicateKey,
            format!("{path}{at}"),
            format!("键 “{key}” 在同一对象中出现了两次"),
        )),
    }
}

/// The path (relative, e.g. `.a[2].b`) and key of the first duplicate key, built only once one is
/// found: a whole export is walked for every file of a batch.
fn first_duplicate(v: &Json) -> Option<(String, &str)> {
    match v {
        Json::Obj(fields) => fields.iter().enumerate().find_map(|(i, (k, child))| {
            if fields[..i].iter().any(|(q, _)| q == k) {
                return Some((json::key_path("", k), k.as_str()));
            }
            first_duplicate(child).map(|(rest, key)| (json::key_path("", k) + &rest, key))
        }),
        Json::Arr(items) => items.iter().enumerate().find_map(|(i, child)| {
            first_duplicate(child).map(|(rest, key)| (index_path("", i) + &rest, key))
        }),
        _ => None,
    }
}

/// The stored score must be exactly the recomputed one (compared as canonical JSON, so number
/// spelling and key order do not matter, every value does).
fn compare_scores(stored: &Json, recomputed: &Report) -> Result<()> {
    let ours = json::to_json(recomputed);
    if same(stored, &ours) {
        return Ok(());
    }
    let mismatch =
        |message: String, path: &str| Err(Error::new(Code::ExportScoreMismatch, path, message));
    let stored_total = match stored {
        Json::Obj(fields) => fields
            .iter()
            .find(|(k, _)| k == "total")
            .and_then(|(_, v)| json::number(v, "").ok()),
        _ => None,
    };
    let ours_total = crate::domain::exact::from_cents(recomputed.total.0);
    match stored_total {
        Some(t) if t != ours_total => mismatch(
            format!(
                "文件记录的总分 {} 与按答案和内嵌细则重新计算的 {} 不一致",
                crate::domain::exact::display(&t),
                fixed2(recomputed.total.0)
            ),
            "$.score.total",
        ),
        _ => {
            let first = first_difference(stored, &ours, "$.score");
            mismatch(
                format!(
                    "文件记录的得分明细与按答案和内嵌细则重新计算的结果不一致(首个差异:{first})"
                ),
                &first,
            )
        }
    }
}

/// Equal as RFC 8785 sees JSON: objects as key sets, numbers as IEEE doubles (`77` = `77.0`).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Obj(fa), Json::Obj(fb)) => {
            fa.len() == fb.len()
                && fa.iter().all(|(k, va)| {
                    fb.iter()
                        .find(|(q, _)| q == k)
                        .is_some_and(|(_, vb)| same(va, vb))
                })
        }
        (Json::Arr(xa), Json::Arr(xb)) => {
            xa.len() == xb.len() && xa.iter().zip(xb).all(|(x, y)| same(x, y))
        }
        (Json::Num(x), Json::Num(y)) => as_f64(x) == as_f64(y),
        _ => a == b,
    }
}

fn as_f64(n: &json::Number) -> f64 {
    match n {
        json::Number::U(u) => *u as f64,
        json::Number::I(i) => *i as f64,
        json::Number::F(f) => *f,
    }
}

/// The path of the first place two JSON values differ.
fn first_difference(a: &Json, b: &Json, path: &str) -> String {
    match (a, b) {
        (Json::Obj(fa), Json::Obj(fb)) => {
            let mut keys: Vec<&String> = fa.iter().chain(fb.iter()).map(|(k, _)| k).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let va = fa.iter().find(|(q, _)| q == k).map(|(_, v)| v);
                let vb = fb.iter().find(|(q, _)| q == k).map(|(_, v)| v);
                let p = json::key_path(path, k);
                match (va, vb) {
                    (Some(x), Some(y)) if same(x, y) => {}
                    (Some(x), Some(y)) => return first_difference(x, y, &p),
                    _ => return p,
                }
            }
            path.to_string()
        }
        (Json::Arr(xa), Json::Arr(xb)) if xa.len() == xb.len() => {
            for (i, (x, y)) in xa.iter().zip(xb).enumerate() {
                if !same(x, y) {
                    return first_difference(x, y, &index_path(path, i));
                }
            }
            path.to_string()
        }
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert!(timestamp_key("2026-01-15T08:00:00Z").is_ok());
        assert_eq!(
            timestamp_key("2026-01-15T08:00:00.5Z").unwrap().1,
            500_000_000
        );
        assert!(
            timestamp_key("2026-01-15T08:00:00.5Z").unwrap()
                > timestamp_key("2026-01-15T08:00:00Z").unwrap()
        );
        for bad in [
            "2026-01-15T08:00:00+08:00",
            "2026-01-15 08:00:00Z",
            "2026-02-29T08:00:00Z",
            "2026-01-15T24:00:00Z",
            "2026-01-15T08:00:00.Z",
            "2026-01-15T08:00:00.1234567890Z",
            "2026-1-15T08:00:00Z",
            "",
        ] {
            assert!(timestamp_key(bad).is_err(), "{bad}");
        }
        assert!(timestamp_key("2024-02-29T23:59:59Z").is_ok());
    }

    #[test]
    fn unix_time_formats_as_utc() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(1_709_164_800), "2024-02-29T00:00:00Z");
        assert_eq!(utc_timestamp(1_768_464_000), "2026-01-15T08:00:00Z");
        assert_eq!(utc_timestamp(-1), "1969-12-31T23:59:59Z");
        assert!(timestamp_key(&utc_timestamp(4_102_444_799)).is_ok());
    }

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

//! Opening an export: every check a cadre department runs on one file, in a fixed order.

use super::auto::{self, Attached};
use super::{
    check_code, period_check, require_identity, timestamp_key, PeriodCheck, TimeKey, FIELDS,
    SCHEMA, VERSION,
};
use crate::domain::assessment::Assessment;
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::fixed2;
use crate::domain::json::{self, index_path, Json};
use crate::domain::rectification::Ledger;
use crate::domain::rubric::Rubric;
use crate::domain::score::{self, Report};
use crate::domain::unit_code;
use serde::Serialize;

/// The rubric a batch of exports must have been scored with, and its digest (computed once).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub rubric: Rubric,
    pub digest: String,
    /// The rubric as an export embeds it, to recognise it without validating it again.
    pub(super) written: Json,
    /// The rubric's text as our exports write it (pretty, one level deep): a file whose `rubric`
    /// member is these very bytes is not parsed or hashed there ([`open_bytes`]).
    text: String,
    /// Its RFC 8785 form, which a `/1` file's digest covers.
    pub(super) canonical: String,
}

impl Reference {
    pub fn new(rubric: Rubric) -> Reference {
        // Through text, so keys keep the order an export writes them in.
        let written = serde_json::to_string(&rubric)
            .ok()
            .and_then(|t| json::parse_str(&t).ok())
            .unwrap_or(Json::Null);
        // Written as `seal` and `sign_text` write it: a member of the pretty top-level object.
        let text = serde_json::to_string_pretty(&Json::Obj(vec![("r".into(), written.clone())]))
            .ok()
            .and_then(|t| {
                Some(
                    t.strip_prefix("{\n  \"r\": ")?
                        .strip_suffix("\n}")?
                        .to_string(),
                )
            })
            .unwrap_or_default();
        Reference {
            digest: rubric.digest(),
            canonical: digest::canonical_json(&written, None),
            written,
            text,
            rubric,
        }
    }
}

/// The unit and period of an opened export as aggregation keys them: the normalised unit code
/// (as written, in canonical form, when it fails the GB 32100 check: files sealed before the check
/// existed keep opening) and the period's key (the text as written when it is older free text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub code: String,
    pub period: String,
    /// `W_UNIT_CODE` and `W_PERIOD_UNCHECKED`: accepted, but not checked.
    pub warnings: Vec<Error>,
}

fn identity(a: &Assessment, period: &PeriodCheck) -> Identity {
    let raw = a.unit.code.as_deref().unwrap_or_default();
    let mut warnings = Vec::new();
    let code = match unit_code::normalize(raw, "$.assessment.unit.code") {
        Ok(code) => code,
        Err(e) => {
            warnings.push(Error::new(
                Code::UnitCodeUnchecked,
                e.path,
                format!(
                    "{}(该文件由未校验代码的旧版本生成,按原样识别单位)",
                    e.message
                ),
            ));
            unit_code::canonical_form(raw)
        }
    };
    if !period.checked {
        warnings.push(Error::new(
            Code::PeriodUnchecked,
            "$.assessment.period",
            period.message.clone(),
        ));
    }
    Identity {
        code,
        period: period
            .key
            .clone()
            .unwrap_or_else(|| a.period.clone().unwrap_or_default().trim().to_string()),
        warnings,
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
    /// The key whose signature verified (`/2` files); not yet known to be the unit's own.
    pub signer: Option<crate::domain::sign::PublicKey>,
    /// The incidents' dates against the period.
    pub period_check: PeriodCheck,
    /// The unit's 整改台账 when the file carries one (`/2` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ledger: Option<Ledger>,
    /// The unit and period as aggregation keys them, and what could not be checked.
    pub identity: Identity,
    #[serde(skip)]
    pub(crate) time_key: TimeKey,
}

/// Check a parsed export, in this order, stopping at the first failure:
/// 1. schema `cyberduty.export/1` (`E_SCHEMA_*`), known and required fields, no duplicate keys
///    anywhere (`E_FIELD_*`, `E_JSON_DUPLICATE_KEY`), `digest` of the form `sm3:<64 hex>`;
/// 2. the digest matches the content (`E_EXPORT_DIGEST`; `/2`'s structure in [`super::v2`]), and
///    a `/2` file's signature, when present, verifies (`E_EXPORT_SIGNATURE`);
/// 3. `generated_at` is an RFC 3339 UTC time (`E_TIMESTAMP`);
/// 4. the embedded rubric validates, and the assessment against it (their own codes, paths under
///    `$.rubric` / `$.assessment`);
/// 5. the score recomputed from the answers and the embedded rubric equals the stored score, every
///    field of it (`E_EXPORT_SCORE_MISMATCH`);
/// 6. when `reference` is given, the embedded rubric's digest equals it (`E_EXPORT_FOREIGN_RUBRIC`);
/// 7. no automatic veto left untriggered while the incidents meet it: a met Article 8 situation and
///    an `auto: article8` veto (`E_EXPORT_ARTICLE8`), a late, missing or concealed report of an
///    incident graded 较大 or above and an `auto: reporting` veto (`E_EXPORT_AUTO_VETO`); each
///    checked only for the vetoes the embedded rubric marks automatic, so files sealed under an
///    older rubric are judged by their own rules;
/// 8. the assessment names the unit code and the period (`E_FIELD_MISSING`);
/// 9. no attached incident dated outside the period (`E_EXPORT_INCIDENT_PERIOD`), when the period
///    reads as a year, half or quarter.
///
/// The unit code and the period are read as written (the stored score echoes them); their
/// normalised forms are in [`Opened::identity`], with `W_UNIT_CODE` when the code fails the GB
/// 32100 check (files sealed before the check) and `W_PERIOD_UNCHECKED` for a free-text period.
///
/// Incident classifications are read as stored (the digest protects them), not recomputed, so a
/// later edition of the grading table does not turn older files into rejections.
pub fn open(doc: &Json, reference: Option<&Reference>) -> Result<Opened> {
    open_with(doc, Embedded::In, reference)
}

/// Where a file's embedded rubric is: in the document, or set aside because its bytes are the
/// reference's written text (then `doc` has no `rubric` member, and the reference stands for it).
#[derive(Clone, Copy)]
pub(super) enum Embedded<'a> {
    In,
    Reference(&'a Reference),
}

fn open_with(doc: &Json, embedded: Embedded, reference: Option<&Reference>) -> Result<Opened> {
    let version = json::check_schema(doc, SCHEMA, VERSION)?;
    let o = json::object(doc, "$", &FIELDS)?;
    json::no_duplicate_keys(doc, "$")?;
    let stored_digest = o.req_str("digest")?;
    if !digest::is_sm3(stored_digest) {
        return Err(Error::new(
            Code::FieldRange,
            "$.digest",
            "摘要应为 “sm3:” 加 64 位十六进制数字",
        ));
    }
    let generated_at = o.req_str("generated_at")?;
    let g = json::object(o.req("generator")?, "$.generator", &["name", "version"])?;
    g.req_str("name")?;
    g.req_str("version")?;
    let rubric_doc = match embedded {
        Embedded::In => Some(o.req("rubric")?),
        Embedded::Reference(_) => None,
    };
    let assessment_doc = o.req("assessment")?;
    let score_doc = o.req("score")?;
    let incidents = o.opt_arr("incidents")?;

    let mut stored_score = String::new();
    let actual = super::v2::content_digest(
        doc,
        version,
        rubric_doc,
        embedded,
        reference,
        &mut stored_score,
    )?;
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
    let signer = super::v2::signer(doc, stored_digest)?;
    let time_key = timestamp_key(generated_at)?;

    // Nearly every file of a batch embeds the reference rubric as the export wrote it: then the
    // validated reference (and its digest, computed once) stands in for validating it again.
    let rubric = match (rubric_doc, embedded, reference) {
        (None, Embedded::Reference(r), _) => r.rubric.clone(),
        (Some(d), _, Some(r)) if *d == r.written => r.rubric.clone(),
        (Some(d), _, _) => Rubric::from_json(d).map_err(|e| nest(e, "$.rubric", "内嵌考核细则"))?,
        (None, Embedded::In, _) => unreachable_rubric()?,
    };
    let assessment = Assessment::from_json_as_written(assessment_doc, &rubric)
        .map_err(|e| nest(e, "$.assessment", "自评表"))?;
    let ledger = o
        .opt("ledger")
        .map(|l| Ledger::from_json(l).map_err(|e| nest(e, "$.ledger", "整改台账")))
        .transpose()?;
    let report =
        score::score(&rubric, &assessment).map_err(|e| nest(e, "$.assessment", "自评表"))?;
    compare_scores(score_doc, &stored_score, &report)?;

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

    let attached = incidents
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let path = index_path("$.incidents", i);
            let e = json::object(e, &path, &["incident", "classification"])?;
            Attached::read(
                e.req("incident")?,
                e.req("classification")?,
                &e.at("classification"),
            )
        })
        .collect::<Result<Vec<_>>>()?;
    auto::check(&rubric, &assessment, &attached)?;
    require_identity(&assessment, "$.assessment")?;
    let period_check = period_check(&assessment, &attached, "$.");
    if let Some(e) = period_check.error.clone() {
        return Err(e);
    }
    let identity = identity(&assessment, &period_check);

    Ok(Opened {
        generated_at: generated_at.to_string(),
        check_code: check_code(stored_digest),
        digest: stored_digest.to_string(),
        rubric,
        assessment,
        score: report,
        incidents: incidents
            .iter()
            .filter_map(|e| {
                json::fields(e, "$")
                    .and_then(|e| e.req("incident"))
                    .ok()
                    .cloned()
            })
            .collect(),
        article8_met: attached
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                a.article8
                    .iter()
                    .filter(|(_, s)| s == "met")
                    .map(move |(item, _)| (i + 1, *item))
            })
            .collect(),
        period_check,
        ledger,
        identity,
        signer,
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

/// Parse and [`open`] an export file's bytes (size limit, encoding and JSON first). With a
/// reference, an embedded rubric whose bytes are the reference's written text (nearly every file
/// of a batch) is compared, not parsed, checked or hashed: the outcome is the one [`open`] gives,
/// since those bytes parse to exactly the reference. Anything else takes the full parse.
pub fn open_bytes(bytes: &[u8], reference: Option<&Reference>) -> Result<Opened> {
    json::check_size(bytes.len() as u64)?;
    if let Some(r) = reference.filter(|r| !r.text.is_empty()) {
        if let Some(doc) = json::parse_known(bytes, "rubric", &r.text) {
            return open_with(&doc, Embedded::Reference(r), reference);
        }
    }
    open(&json::parse(bytes)?, reference)
}

/// `open_with` is never given a document without its rubric and no reference to stand for it.
fn unreachable_rubric<T>() -> Result<T> {
    Err(Error::new(
        Code::FieldMissing,
        "$.rubric",
        "缺少必填字段 “rubric”",
    ))
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

/// The stored score must be exactly the recomputed one (compared as canonical JSON, so number
/// spelling and key order do not matter, every value does). `stored_text` is the stored score's
/// canonical text when hashing it left it there, else empty.
fn compare_scores(stored: &Json, stored_text: &str, recomputed: &Report) -> Result<()> {
    if compared_directly(stored, recomputed)
        .unwrap_or_else(|| same_text(stored, stored_text, recomputed))
    {
        return Ok(());
    }
    let ours = json::to_json(recomputed);
    if json::same(stored, &ours) || json::same(stored, &as_v0_1_wrote(&ours)) {
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
            let first = json::first_difference(stored, &ours, "$.score");
            mismatch(
                format!(
                    "文件记录的得分明细与按答案和内嵌细则重新计算的结果不一致(首个差异:{first})"
                ),
                &first,
            )
        }
    }
}

/// Natively the recomputed score is compared as it is serialised, neither written nor built
/// (`None`: in the wasm, or for a value that comparer leaves aside; then [`same_text`]).
#[cfg(not(target_arch = "wasm32"))]
fn compared_directly(stored: &Json, recomputed: &Report) -> Option<bool> {
    json::same_as(stored, recomputed)
}

#[cfg(target_arch = "wasm32")]
fn compared_directly(_: &Json, _: &Report) -> Option<bool> {
    None
}

/// Equal canonical texts are equal as `json::same` compares (the file has no duplicate keys,
/// checked first): the recomputed score is written as text, not built as a tree.
fn same_text(stored: &Json, stored_text: &str, recomputed: &Report) -> bool {
    let ours = digest::canonical(recomputed);
    if stored_text.is_empty() {
        ours == digest::canonical_json(stored, None)
    } else {
        ours == stored_text
    }
}

/// A score report as version 0.1 wrote it: an unanswered bonus item said `unmet` (with 0
/// earned) where it now says `missing`. Everything else is unchanged, so files sealed then still
/// open.
fn as_v0_1_wrote(report: &Json) -> Json {
    let mut old = report.clone();
    if let Json::Obj(fields) = &mut old {
        for (k, v) in fields.iter_mut() {
            if let (Json::Arr(items), "bonus_items") = (v, k.as_str()) {
                for item in items.iter_mut() {
                    if let Json::Obj(f) = item {
                        for (key, value) in f.iter_mut() {
                            if key == "status" && *value == Json::Str("missing".into()) {
                                *value = Json::Str("unmet".into());
                            }
                        }
                    }
                }
            }
        }
    }
    old
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sign::KeyPair;

    /// The bytes `seal` and `sign_text` write for the rubric are the ones `Reference` expects, so
    /// a batch of our own files takes the short way (tests/aggregate_parallel.rs: same outcomes).
    #[test]
    fn our_own_files_embed_the_reference_text() {
        let reference = Reference::new(Rubric::default_rubric());
        let code = "91110000000000001X";
        let code = format!(
            "{}{}",
            &code[..17],
            unit_code::check_char(&code[..17]).unwrap()
        );
        let a = format!(
            r#"{{"schema":"cyberduty.assessment/1","rubric":{{"id":"{}","version":"{}"}},
            "unit":{{"code":"{code}"}},"period":"2026","answers":{{}}}}"#,
            reference.rubric.id, reference.rubric.version
        );
        let sealed = super::super::seal(
            None,
            &json::parse_str(&a).unwrap(),
            &[],
            "2026-12-01T08:00:00Z",
            "t",
        )
        .unwrap();
        let key = KeyPair::from_secret(&[9; 32]).unwrap();
        let signed = super::super::sign_sealed(&sealed, &key, &code).unwrap();
        for text in [&sealed.text, &signed.text] {
            let (_, raw) = json::parse_aside(text.as_bytes(), "rubric").unwrap();
            assert_eq!(raw, reference.text);
            assert!(json::parse_known(text.as_bytes(), "rubric", &reference.text).is_some());
            let doc = json::parse_str(text).unwrap();
            assert_eq!(
                open_bytes(text.as_bytes(), Some(&reference)),
                open(&doc, Some(&reference))
            );
        }
    }
}

//! Sealing: the unit's documents, scored and with the period's incidents classified, written
//! into one file with its SM3 digest.

use super::article8::{apply_article8, Situations};
use super::{
    check_code, file_name, require_identity, timestamp_key, ExportDoc, Generator, IncidentEntry,
    Sealed, GENERATOR, SCHEMA_TAG,
};
use crate::domain::assessment::Assessment;
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::rubric::Rubric;
use crate::domain::score;

/// Seal an export. `rubric` is the rubric document (the default rubric when `None`), `assessment`
/// the unit's answers, `incidents` the period's incident documents (each classified here), and
/// `generated_at` an RFC 3339 UTC time such as `2026-01-15T08:00:00Z` (fractions of a second
/// allowed). The assessment must name the unit's code and the period: they identify the file.
pub fn seal(
    rubric: Option<&Json>,
    assessment: &Json,
    incidents: &[Json],
    generated_at: &str,
    generator_version: &str,
) -> Result<Sealed> {
    timestamp_key(generated_at)?;
    let rubric = Rubric::from_json_or_default(rubric)?;
    let mut assessment = Assessment::from_json(assessment, &rubric)?;
    require_identity(&assessment, "$")?;

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
    let auto_vetoes = apply_article8(&rubric, &mut assessment, &situations);

    let report = score::score(&rubric, &assessment)?;
    let mut doc = ExportDoc {
        schema: SCHEMA_TAG,
        generated_at,
        generator: Generator {
            name: GENERATOR,
            version: generator_version,
        },
        rubric: &rubric,
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
    })
}

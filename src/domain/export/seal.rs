//! Sealing: the unit's documents, scored and with the period's incidents classified, written
//! into one file with its SM3 digest. [`live`] is the same scoring without the file: what the page
//! shows while the unit types is exactly what [`seal`] would seal.

use super::auto::{self, Attached};
use super::{
    check_code, file_name, period_check, require_identity, timestamp_key, AutoVeto, ExportDoc,
    Generator, IncidentEntry, PeriodCheck, Sealed, GENERATOR, SCHEMA_TAG,
};
use crate::domain::assessment::Assessment;
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::incident::{self, Classification, Incident, Policy};
use crate::domain::json::{self, Json};
use crate::domain::rectification::Ledger;
use crate::domain::rubric::Rubric;
use crate::domain::score::{self, Report};
use serde::Serialize;

/// The score of an assessment with the period's incidents: what [`seal`] would seal, computed
/// while the unit is still typing (no unit code or period needed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Live {
    pub score: Report,
    /// What was decided for each automatic veto (`auto: article8` or `reporting`).
    pub auto_vetoes: Vec<AutoVeto>,
    /// The answers after the automatic vetoes (serialized like an assessment document).
    pub assessment: Assessment,
    /// One per incident, in the order given.
    pub classifications: Vec<Classification>,
    /// The incidents' dates against the period ([`seal`] refuses what this reports as outside).
    pub period_check: PeriodCheck,
}

/// Classify `incidents`, apply the Article 8 veto to the answers and score them: the one scoring
/// both the page's live score and [`seal`] use. An incident that does not read is an error naming
/// its place (`第 2 个事件文件:…`).
pub fn live(rubric: &Rubric, assessment: &Assessment, incidents: &[Json]) -> Result<Live> {
    live_under(rubric, assessment, incidents, Policy::default_policy())
}

/// [`live`] with the incidents classified under `policy` (a region's own, as 事件研判 uses it), so
/// the live score, the seal and the classification screen agree.
pub fn live_under(
    rubric: &Rubric,
    assessment: &Assessment,
    incidents: &[Json],
    policy: &Policy,
) -> Result<Live> {
    let classifications = incidents
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            Incident::from_json(doc)
                .map(|inc| incident::classify_with(&inc, policy))
                .map_err(|e| Error {
                    message: format!("第 {} 个事件文件:{}", i + 1, e.message),
                    ..e
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let attached = incidents
        .iter()
        .zip(&classifications)
        .enumerate()
        .map(|(i, (doc, c))| Attached::read(doc, &json::to_json(c), &format!("$[{i}]")))
        .collect::<Result<Vec<_>>>()?;
    let mut assessment = assessment.clone();
    let auto_vetoes = auto::apply(rubric, &mut assessment, &attached);
    let score = score::score(rubric, &assessment)?;
    let period_check = period_check(&assessment, &attached, "$.");
    Ok(Live {
        score,
        auto_vetoes,
        assessment,
        classifications,
        period_check,
    })
}

/// Seal an export. `rubric` is the rubric document (the default rubric when `None`), `assessment`
/// the unit's answers, `incidents` the period's incident documents (each classified here), and
/// `generated_at` an RFC 3339 UTC time such as `2026-01-15T08:00:00Z` (fractions of a second
/// allowed). The assessment must name the unit's code and the period: they identify the file.
/// `generator_version` is the version of the program sealing (written in the file as
/// `generator.version`). Scoring is [`live`]'s.
pub fn seal(
    rubric: Option<&Json>,
    assessment: &Json,
    incidents: &[Json],
    generated_at: &str,
    generator_version: &str,
) -> Result<Sealed> {
    timestamp_key(generated_at)?;
    let rubric = Rubric::from_json_or_default(rubric)?;
    let assessment = Assessment::from_json(assessment, &rubric)?;
    seal_with(
        &rubric,
        &assessment,
        incidents,
        generated_at,
        generator_version,
    )
}

/// [`seal_with`] carrying the unit's 整改台账 (`ledger` member): the file is then an unsigned
/// `cyberduty.export/2`. Without a ledger it is exactly [`seal_with`].
pub fn seal_with_ledger(
    rubric: &Rubric,
    assessment: &Assessment,
    incidents: &[Json],
    ledger: Option<&Ledger>,
    generated_at: &str,
    generator_version: &str,
) -> Result<Sealed> {
    seal_under(
        rubric,
        assessment,
        incidents,
        ledger,
        Policy::default_policy(),
        generated_at,
        generator_version,
    )
}

/// [`seal_with_ledger`] with the incidents classified under `policy` (see [`live_under`]).
pub fn seal_under(
    rubric: &Rubric,
    assessment: &Assessment,
    incidents: &[Json],
    ledger: Option<&Ledger>,
    policy: &Policy,
    generated_at: &str,
    generator_version: &str,
) -> Result<Sealed> {
    let sealed = sealed_under(
        rubric,
        assessment,
        incidents,
        policy,
        generated_at,
        generator_version,
    )?;
    match ledger {
        None => Ok(sealed),
        Some(l) => super::v2::add_member(&sealed, "ledger", json::to_json(l)),
    }
}

/// [`seal`] with the rubric and the assessment already validated (the wasm `Session` and the CLI
/// hold a validated rubric).
pub fn seal_with(
    rubric: &Rubric,
    assessment: &Assessment,
    incidents: &[Json],
    generated_at: &str,
    generator_version: &str,
) -> Result<Sealed> {
    sealed_under(
        rubric,
        assessment,
        incidents,
        Policy::default_policy(),
        generated_at,
        generator_version,
    )
}

fn sealed_under(
    rubric: &Rubric,
    assessment: &Assessment,
    incidents: &[Json],
    policy: &Policy,
    generated_at: &str,
    generator_version: &str,
) -> Result<Sealed> {
    timestamp_key(generated_at)?;
    require_identity(assessment, "$")?;

    let Live {
        score: report,
        auto_vetoes,
        assessment,
        classifications,
        period_check: checked,
    } = live_under(rubric, assessment, incidents, policy)?;
    if let Some(e) = checked.error.clone() {
        return Err(e);
    }
    let entries: Vec<IncidentEntry> = incidents
        .iter()
        .zip(&classifications)
        .map(|(doc, c)| IncidentEntry {
            incident: doc.clone(),
            classification: json::to_json(c),
        })
        .collect();

    let mut doc = ExportDoc {
        schema: SCHEMA_TAG,
        generated_at,
        generator: Generator {
            name: GENERATOR,
            version: generator_version,
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
        period_check: checked,
    })
}

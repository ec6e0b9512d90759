//! Starting the next assessment period from this one (开始下一考核期): the unit stays, every
//! answer is reset, and each answer's note and evidence names are kept under `carried` as
//! references for the person filling in the new period. No answer, veto or "done" state is
//! carried: duplicating last period's file would carry its statuses over, which is the mistake
//! this avoids. The open 整改 entries go forward with [`crate::domain::rectification::next_ledger`].

use crate::domain::assessment::{
    self, read_evidence, read_unit, Assessment, Carried, CarriedAnswer, Evidence, RubricRef,
};
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::period::Period;
use crate::domain::rubric::Rubric;
use std::collections::BTreeMap;

/// The new period's assessment, for `rubric` (the one in use now; the old file may name an older
/// version, so it is read for its unit, period, notes and evidence names only). `period` must read
/// as a year, half or quarter and begin after the old period ends when that one reads as a period.
pub fn next_assessment(doc: &Json, rubric: &Rubric, period: &str) -> Result<Assessment> {
    json::check_schema(doc, assessment::SCHEMA, assessment::VERSION)?;
    let o = json::fields(doc, "$")?;
    let unit = match o.opt("unit") {
        Some(u) => read_unit(u, &o.at("unit"))?,
        None => Default::default(),
    };
    let old = o.opt_str("period")?;
    let new = Period::parse(period).ok_or_else(|| {
        Error::new(
            Code::FieldRange,
            "period",
            format!("下一考核期「{period}」不是年度(如 2026)、半年(如 2026-H1)或季度(如 2026-Q3)"),
        )
    })?;
    if let Some(p) = old.as_deref().and_then(Period::parse) {
        if new.first_day() <= p.last_day() {
            return Err(Error::new(
                Code::FieldRange,
                "period",
                format!(
                    "下一考核期 {} 应在本考核期 {} 结束之后开始",
                    new.name_zh(),
                    p.name_zh()
                ),
            ));
        }
    }
    let known: std::collections::HashSet<&str> = rubric
        .items()
        .map(|(_, i)| i.id.as_str())
        .chain(rubric.vetoes.iter().map(|v| v.id.as_str()))
        .chain(rubric.bonus.iter().map(|b| b.id.as_str()))
        .collect();
    let mut carried = BTreeMap::new();
    if let Some(a) = o.opt("answers") {
        for (id, v) in json::map(a, &o.at("answers"))? {
            if !known.contains(id.as_str()) {
                continue;
            }
            let a = json::fields(v, &json::key_path(&o.at("answers"), id))?;
            let note = a.opt_str("note")?.filter(|n| !n.trim().is_empty());
            let evidence: Vec<Evidence> = read_evidence(&a)?
                .into_iter()
                .map(|e| Evidence {
                    name: e.name,
                    sm3: None,
                })
                .collect();
            if note.is_some() || !evidence.is_empty() {
                carried.insert(id.clone(), CarriedAnswer { note, evidence });
            }
        }
    }
    Ok(Assessment {
        schema: assessment::TAG,
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        unit,
        period: Some(new.key()),
        assessor: None,
        answers: BTreeMap::new(),
        carried: (!carried.is_empty()).then(|| Carried {
            from_period: old.unwrap_or_default(),
            answers: carried,
        }),
    })
}

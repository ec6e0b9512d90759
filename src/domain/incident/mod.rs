//! Incidents (`cyberduty.incident/1`) and their classification (`cyberduty.classification/1`):
//! the seven situations of Article 8 in three-valued logic, who answers for it (Articles 8–9), the
//! national grade of the 2025 分级指南 and the reporting deadline. Facts arrive piecemeal, so an
//! unknown fact stays unknown: verdicts say `undetermined` and list what is missing, the grade says
//! `at_least`, and nothing is guessed.
//!
//! Map: [`model`] reads the incident, [`time`] its timestamps, [`tri`] is the Kleene logic,
//! [`atoms`] states single facts, [`situations`] is Article 8, [`accountability`] Articles 8–9,
//! [`level`] its four grades, [`grade`] the grading guide, [`reporting`] the deadlines, [`policy`] the table of thresholds,
//! [`interpret`] the tool's readings and interpretations of Article 8's wording (always labelled
//! 「本工具解释」), [`conflicts`] claims that contradict the timeline or each other, [`wording`] how
//! times and durations are written; [`record`] the people and reports an incident records,
//! [`clock`] the "now" passed in, [`forms`] the report forms and their clock, [`proposal`] the
//! 问责建议书 draft (`cyberduty.proposal/1`).
//!
//! The sentences a classification writes (~100 of them) are joined with `concat` or `push_str`,
//! not `format!`: the formatting machinery is slow in the page's size-built wasm (benches/HISTORY.md
//! rounds 11–12). An atom's sentence is written only when a reason shows it ([`atoms::Text`]).

pub mod accountability;
pub mod atoms;
pub mod clock;
pub mod conflicts;
pub mod forms;
pub mod grade;
pub mod interpret;
mod ledger;
pub mod level;
pub mod model;
pub mod policy;
pub mod proposal;
pub mod record;
pub mod reporting;
pub mod situations;
/// Timestamps are read by [`crate::domain::time`]; kept at this path for callers that name it.
pub use crate::domain::time;
pub mod tri;
pub mod wording;

pub use accountability::Accountability;
pub use grade::Grade;
pub use level::GradeLevel;
pub use model::{field_label, Facts, Incident, IncidentUnit, OutageScope, Target, Timeline};
pub use policy::Policy;
pub use reporting::Reporting;
pub use situations::{Summary, Trigger};
pub use tri::{Status, Tri};

use crate::domain::error::Result;
use crate::domain::json::Json;
use crate::domain::period::Date;
use crate::domain::rectification::{self, Article85, Ledger};
pub use clock::AsOf;
use serde::Serialize;

pub const OUTPUT_SCHEMA: &str = "cyberduty.classification/1";

/// What the incident says about itself, echoed so a report stands on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Echo {
    pub title: Option<String>,
    pub category: Option<String>,
    pub unit: IncidentUnit,
    pub target: Option<Target>,
}

/// The classification of one incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub schema: &'static str,
    pub incident: Echo,
    /// Exactly seven, items 1–7 in order.
    pub triggers: Vec<Trigger>,
    /// The Article 8 verdict in a few words.
    pub summary: Summary,
    pub accountability: Accountability,
    pub grade: Grade,
    pub reporting: Reporting,
    /// The policy table used.
    pub policy: PolicyRef,
    /// The policy's readings and enabled interpretations (「本工具解释」), each marked `used` when a
    /// sentence of this classification relied on it.
    pub interpretations: Vec<interpret::InForce>,
    /// `W_FACT_CONFLICT`: claims that contradict the timeline or each other; the elements they
    /// feed are undetermined.
    pub warnings: Vec<conflicts::Warning>,
    /// The 整改台账's finding on Article 8(五)'s third alternative, when a ledger was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ledger: Option<Article85>,
}

/// Which policy table a classification used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    pub id: String,
    pub title: String,
    pub schema: String,
    /// The shipped table (not a region's own file).
    pub shipped: bool,
}

/// Classify with the shipped policy table.
pub fn classify(incident: &Incident) -> Classification {
    classify_with(incident, Policy::default_policy())
}

/// Classify with a given policy table.
pub fn classify_with(incident: &Incident, policy: &Policy) -> Classification {
    classify_full(incident, policy, None)
}

/// Classify with a given policy table and, when given, a 整改台账's finding on Article 8(五)'s
/// third alternative (see [`ledger`]).
pub fn classify_full(
    incident: &Incident,
    policy: &Policy,
    ledger: Option<&Article85>,
) -> Classification {
    classify_at(incident, policy, ledger, None)
}

/// [`classify_full`] with the report forms' statuses computed against `as_of` ("now"); without
/// it nothing is called overdue.
pub fn classify_at(
    incident: &Incident,
    policy: &Policy,
    ledger: Option<&Article85>,
    as_of: Option<&AsOf>,
) -> Classification {
    // Copied only when a ledger changes it.
    let (with_ledger, mut found) = match ledger {
        Some(f) => {
            let (changed, found) = ledger::apply(incident, f);
            (std::borrow::Cow::Owned(changed), found)
        }
        None => (std::borrow::Cow::Borrowed(incident), Vec::new()),
    };
    let incident: &Incident = &with_ledger;
    // Contradictions among the facts first (they also feed the grade), then the claim of a timely
    // report against the deadline the grade implies.
    found.extend(conflicts::among_facts(incident));
    let graded = grade::evaluate(incident, policy, &conflicts::marks(&found));
    let mut reporting = reporting::evaluate(incident, policy, &graded);
    let late = conflicts::against_reporting(incident, &reporting);
    let report_conflict = late.first().map(|c| c.element.clone());
    found.extend(late);
    let marks = conflicts::marks(&found);
    let triggers = situations::evaluate(incident, policy, &marks);
    let accountability = accountability::evaluate(
        &triggers,
        incident,
        &reporting,
        report_conflict.as_deref(),
        policy,
    );
    let summary = situations::summarize(&triggers);
    reporting.forms = forms::evaluate(
        incident,
        policy,
        &forms::Decided {
            reporting: &reporting,
            grade: &graded.grade,
            summary: &summary,
            accountability: &accountability,
        },
        as_of,
    );
    reporting.as_of = as_of.map(|a| a.text.clone());
    let used: Vec<String> = triggers
        .iter()
        .flat_map(|t| t.interpretations.iter())
        .chain(&graded.grade.interpretations)
        .cloned()
        .collect();
    Classification {
        schema: OUTPUT_SCHEMA,
        incident: Echo {
            title: incident.title.clone(),
            category: incident.category.clone(),
            unit: incident.unit.clone(),
            target: incident.target,
        },
        summary,
        triggers,
        accountability,
        grade: graded.grade,
        reporting,
        policy: PolicyRef {
            id: policy.id.clone(),
            title: policy.title.clone(),
            schema: policy.schema.clone(),
            shipped: std::ptr::eq(policy, Policy::default_policy()),
        },
        interpretations: interpret::in_force(policy, &used),
        warnings: found.into_iter().map(|c| c.warning).collect(),
        ledger: ledger.cloned(),
    }
}

/// Read an incident document and classify it: the one entry point the CLI and the wasm binding
/// share.
pub fn classify_document(doc: &Json) -> Result<Classification> {
    Ok(classify(&Incident::from_json(doc)?))
}

/// [`classify_document`] under a region's policy document (`cyberduty.policy/1` or `/2`); `None`
/// is the shipped table.
pub fn classify_document_with(doc: &Json, policy: Option<&Json>) -> Result<Classification> {
    classify_documents(doc, policy, None)
}

/// [`classify_document_with`], and with a 整改台账 document reviewed as of a date when given: the
/// one entry point of `classify --policy --ledger` and the page.
pub fn classify_documents(
    doc: &Json,
    policy: Option<&Json>,
    ledger: Option<(&Json, Date)>,
) -> Result<Classification> {
    let (incident, policy, finding) = read_inputs(doc, policy, ledger)?;
    let policy = policy.as_ref().unwrap_or_else(|| Policy::default_policy());
    Ok(classify_full(&incident, policy, finding.as_ref()))
}

/// [`classify_documents`] with "now" (`as_of`, a date or a timestamp, see [`AsOf`]): it is the
/// ledger's review date and the report forms' clock. A ledger without `as_of` is refused.
pub fn classify_documents_at(
    doc: &Json,
    policy: Option<&Json>,
    ledger: Option<&Json>,
    as_of: Option<&AsOf>,
) -> Result<Classification> {
    let ledger = match (ledger, as_of) {
        (Some(l), Some(a)) => Some((l, a.date)),
        (Some(_), None) => {
            return Err(crate::domain::error::Error::new(
                crate::domain::error::Code::FieldMissing,
                "asOf",
                "给出整改台账时须同时给出检查日期(YYYY-MM-DD)",
            ))
        }
        (None, _) => None,
    };
    let (incident, policy, finding) = read_inputs(doc, policy, ledger)?;
    let policy = policy.as_ref().unwrap_or_else(|| Policy::default_policy());
    Ok(classify_at(&incident, policy, finding.as_ref(), as_of))
}

type Inputs = (Incident, Option<Policy>, Option<Article85>);

fn read_inputs(doc: &Json, policy: Option<&Json>, ledger: Option<(&Json, Date)>) -> Result<Inputs> {
    let incident = Incident::from_json(doc)?;
    let finding = match ledger {
        Some((l, today)) => Some(rectification::review(&Ledger::from_json(l)?, today).article8_5),
        None => None,
    };
    let policy = policy.map(Policy::from_json).transpose()?;
    Ok((incident, policy, finding))
}

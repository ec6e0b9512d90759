//! Incidents (`cyberduty.incident/1`) and their classification (`cyberduty.classification/1`):
//! the seven situations of Article 8 in three-valued logic, who answers for it (Articles 8–9), the
//! national grade of the 2025 分级指南 and the reporting deadline. Facts arrive piecemeal, so an
//! unknown fact stays unknown: verdicts say `undetermined` and list what is missing, the grade says
//! `at_least`, and nothing is guessed.
//!
//! Map: [`model`] reads the incident, [`time`] its timestamps, [`tri`] is the Kleene logic,
//! [`atoms`] states single facts, [`situations`] is Article 8, [`accountability`] Articles 8–9,
//! [`level`] its four grades, [`grade`] the grading guide, [`reporting`] the deadlines, [`policy`] the table of thresholds.

pub mod accountability;
pub mod atoms;
pub mod grade;
pub mod level;
pub mod model;
pub mod policy;
pub mod reporting;
pub mod situations;
/// Timestamps are read by [`crate::domain::time`]; kept at this path for callers that name it.
pub use crate::domain::time;
pub mod tri;

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
}

/// Classify with the shipped policy table.
pub fn classify(incident: &Incident) -> Classification {
    classify_with(incident, Policy::default_policy())
}

/// Classify with a given policy table.
pub fn classify_with(incident: &Incident, policy: &Policy) -> Classification {
    let triggers = situations::evaluate(incident, policy);
    let graded = grade::evaluate(incident, policy);
    let reporting = reporting::evaluate(incident, policy, &graded);
    let accountability = accountability::evaluate(
        &triggers,
        incident.facts.supervision_inadequate,
        reporting.required,
        policy,
    );
    Classification {
        schema: OUTPUT_SCHEMA,
        incident: Echo {
            title: incident.title.clone(),
            category: incident.category.clone(),
            unit: incident.unit.clone(),
            target: incident.target,
        },
        summary: situations::summarize(&triggers),
        triggers,
        accountability,
        grade: graded.grade,
        reporting,
    }
}

/// Read an incident document and classify it: the one entry point the CLI and the wasm binding
/// share.
pub fn classify_document(doc: &Json) -> Result<Classification> {
    Ok(classify(&Incident::from_json(doc)?))
}

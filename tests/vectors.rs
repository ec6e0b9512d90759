//! Golden vectors, every kind through one runner (tests/common/vectors.rs):
//! `tests/vectors/<kind>/<case>/<input files…>` and `expected.*` side by side, so another
//! implementation can check itself against the files. `UPDATE_VECTORS=1 cargo test --test vectors`
//! rewrites every expected file from the current output; review each change by hand.
//!
//! - score: `rubric.json` + `assessment.json` → `expected.json` (the `cyberduty.score/1` report)
//! - whatif: `rubric.json` + `assessment.json` → `expected.json` (the `cyberduty.whatif/1` plan,
//!   checked by scoring the assessment with its steps taken)
//! - incident: `incident.json` → `expected.json` (the `cyberduty.classification/1`)
//! - export: `rubric.json`, `assessment.json`, `incident-1.json`, `incident-2.json`, … (in order),
//!   `generated_at.txt` → `expected.cyberduty.json`, the exact bytes of the sealed export. The
//!   generator version is part of the sealed content, so a version bump changes these files.

mod common;
use common::vectors::{self, pretty};
use cyberduty::domain::assessment::{Answer, Assessment};
use cyberduty::domain::export;
use cyberduty::domain::incident::proposal::propose_documents;
use cyberduty::domain::incident::{classify_document, classify_documents_at, AsOf};
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::{digest, score, whatif};
use serde_json::Value;

#[test]
fn score_vectors() {
    vectors::check("score", 9, |case| {
        let report = score::score_documents(
            Some(&case.json("rubric.json")),
            &case.json("assessment.json"),
        )
        .map_err(|e| e.to_string())?;
        Ok(vec![("expected.json", pretty(&report))])
    });
}

#[test]
fn whatif_vectors() {
    vectors::check("whatif", 8, |case| {
        let rubric = Rubric::from_json_or_default(Some(&case.json("rubric.json")))
            .map_err(|e| e.to_string())?;
        let assessment = Assessment::from_json(&case.json("assessment.json"), &rubric)
            .map_err(|e| e.to_string())?;
        let plan = whatif::what_if(&rubric, &assessment).map_err(|e| e.to_string())?;
        // Taking the steps really reaches the target: the plan is checked by scoring it.
        if let Some(target) = &plan.target {
            if plan.outcome == whatif::Outcome::Reachable {
                let mut improved = assessment.clone();
                for s in &plan.steps {
                    improved
                        .answers
                        .entry(s.id.clone())
                        .or_insert_with(|| Answer {
                            value: s.answer.clone(),
                            note: None,
                            evidence: vec![],
                        })
                        .value = s.answer.clone();
                }
                let after = score::score(&rubric, &improved).map_err(|e| e.to_string())?;
                assert_eq!(after.grade, target.grade, "{}", case.name);
                assert_eq!(Some(after.total), plan.resulting_total, "{}", case.name);
            }
        }
        Ok(vec![("expected.json", pretty(&plan))])
    });
}

#[test]
fn incident_vectors() {
    vectors::check("incident", 8, |case| {
        let c = match as_of(case) {
            None => classify_document(&case.json("incident.json")),
            Some(a) => classify_documents_at(&case.json("incident.json"), None, None, Some(&a)),
        }
        .map_err(|e| e.to_string())?;
        Ok(vec![("expected.json", pretty(&c))])
    });
}

/// `as_of.txt`, when a case has one: "now" for the report forms' clock.
fn as_of(case: &vectors::Case) -> Option<AsOf> {
    case.has("as_of.txt")
        .then(|| AsOf::parse(case.text("as_of.txt").trim(), "as_of.txt").expect("as_of.txt"))
}

/// proposal: `incident.json` (+ `as_of.txt`) → `expected.json` (the `cyberduty.proposal/1`
/// draft), or `expected-error.txt` (code and message) when the core refuses.
#[test]
fn proposal_vectors() {
    vectors::check("proposal", 3, |case| {
        let a = as_of(case);
        Ok(
            match propose_documents(&case.json("incident.json"), None, None, a.as_ref()) {
                Ok(p) => vec![("expected.json", pretty(&p))],
                Err(e) => vec![(
                    "expected-error.txt",
                    format!("{}\n{}\n", e.code.as_str(), e.message),
                )],
            },
        )
    });
}

#[test]
fn export_vectors() {
    vectors::check("export", 3, |case| {
        let incidents: Vec<_> = (1..)
            .map(|n| format!("incident-{n}.json"))
            .take_while(|f| case.has(f))
            .map(|f| case.json(&f))
            .collect();
        let rubric = case.json("rubric.json");
        let sealed = export::seal(
            Some(&rubric),
            &case.json("assessment.json"),
            &incidents,
            case.text("generated_at.txt").trim(),
            cyberduty::VERSION,
        )
        .map_err(|e| e.to_string())?;
        // The digest in the file is SM3 over the canonical form of the rest, and the file verifies
        // against its own rubric with the same check code.
        let mut v: Value = serde_json::from_str(&sealed.text).expect("export is JSON");
        let stored = v.as_object_mut().unwrap().remove("digest").unwrap();
        assert_eq!(
            stored,
            Value::from(digest::sm3_canonical(&v)),
            "{}",
            case.name
        );
        let opened = export::verify(sealed.text.as_bytes(), Some(&rubric))
            .map_err(|e| format!("the sealed text does not verify: {e}"))?;
        assert_eq!(opened.check_code, sealed.check_code, "{}", case.name);
        Ok(vec![("expected.cyberduty.json", sealed.text)])
    });
}

/// export-ledger: the export inputs plus `ledger.json` → `expected.cyberduty.json`: the 整改台账
/// sealed into an unsigned `cyberduty.export/2`, which opens with the same ledger and check code.
#[test]
fn export_ledger_vectors() {
    use cyberduty::domain::assessment::Assessment;
    use cyberduty::domain::rectification::Ledger;
    use cyberduty::domain::rubric::Rubric;
    vectors::check("export-ledger", 1, |case| {
        let err = |e: cyberduty::Error| e.to_string();
        let rubric = Rubric::from_json(&case.json("rubric.json")).map_err(err)?;
        let a = Assessment::from_json(&case.json("assessment.json"), &rubric).map_err(err)?;
        let ledger = Ledger::from_json(&case.json("ledger.json")).map_err(err)?;
        let sealed = export::seal_with_ledger(
            &rubric,
            &a,
            &[],
            Some(&ledger),
            case.text("generated_at.txt").trim(),
            cyberduty::VERSION,
        )
        .map_err(err)?;
        let opened = export::open_bytes(sealed.text.as_bytes(), None).map_err(err)?;
        assert_eq!(opened.ledger.as_ref(), Some(&ledger), "{}", case.name);
        assert_eq!(opened.check_code, sealed.check_code, "{}", case.name);
        assert!(sealed.text.contains("\"cyberduty.export/2\""));
        Ok(vec![("expected.cyberduty.json", sealed.text)])
    });
}

//! Files of every released version keep opening. `tests/released/v<version>/` holds copies of files
//! in the formats that version wrote (rubric, assessment, incident, sealed exports), frozen: never
//! edited, a new folder added at each release (see tests/released/v0.1.0/README.md). Each file must
//! still open with today's code, read the way the library reads untrusted input:
//!
//! - a rubric validates;
//! - an assessment validates against the rubric in the same folder that it names, and scores;
//! - an incident classifies;
//! - an export verifies (digest, rubric, answers, incidents) and re-scores, from the rubric and
//!   answers it holds, to the total stored in it.

use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::export;
use cyberduty::domain::incident::classify_document;
use cyberduty::domain::json::{self, Json};
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::score;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn released() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/released")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    v.sort();
    v
}

/// The kind in a document's `schema` tag: `cyberduty.<kind>/<n>`.
fn kind(v: &Value) -> String {
    let tag = v["schema"].as_str().unwrap_or("");
    tag.strip_prefix("cyberduty.")
        .and_then(|t| t.split('/').next())
        .unwrap_or("")
        .to_string()
}

/// Open every file of one version's folder; returns how many files of each kind it held.
fn open_version(dir: &Path) -> BTreeMap<String, usize> {
    let docs: Vec<(String, Vec<u8>, Value)> = files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.strip_prefix(released()).unwrap().display().to_string();
            let bytes = std::fs::read(&p).unwrap();
            let v = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, bytes, v)
        })
        .collect();
    let parse = |name: &str, bytes: &[u8]| -> Json {
        json::parse(bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let rubrics: Vec<(Value, Json)> = docs
        .iter()
        .filter(|(_, _, v)| kind(v) == "rubric")
        .map(|(name, bytes, v)| (v.clone(), parse(name, bytes)))
        .collect();
    let mut counts = BTreeMap::new();
    for (name, bytes, v) in &docs {
        let k = kind(v);
        match k.as_str() {
            "rubric" => {
                Rubric::from_json(&parse(name, bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            "assessment" => {
                let (_, rubric) = rubrics
                    .iter()
                    .find(|(r, _)| {
                        r["id"] == v["rubric"]["id"] && r["version"] == v["rubric"]["version"]
                    })
                    .unwrap_or_else(|| panic!("{name}: the rubric it names is not in the folder"));
                let doc = parse(name, bytes);
                let r = Rubric::from_json(rubric).unwrap();
                // Read as a form to correct: v0.1.0 did not check unit codes, and its example
                // code fails the GB 32100 check, which is reported, not a refusal.
                let (_, bad_code) =
                    Assessment::from_json_draft(&doc, &r).unwrap_or_else(|e| panic!("{name}: {e}"));
                if let Some(e) = bad_code {
                    assert_eq!(e.code.as_str(), "E_UNIT_CODE", "{name}");
                }
                score::score_documents(Some(rubric), &doc)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            "incident" => {
                classify_document(&parse(name, bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            "export" => {
                let opened = export::verify(bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(opened.digest, v["digest"], "{name}");
                // Re-score from the rubric and answers the file holds, not from what `verify` kept.
                let report = score::score_documents(
                    Some(&parse(name, v["rubric"].to_string().as_bytes())),
                    &parse(name, v["assessment"].to_string().as_bytes()),
                )
                .unwrap_or_else(|e| panic!("{name}: re-scoring: {e}"));
                let rescored = serde_json::to_value(&report).unwrap();
                assert_eq!(rescored["total"], v["score"]["total"], "{name}: total");
                assert_eq!(rescored["grade"], v["score"]["grade"], "{name}: grade");
                assert_eq!(
                    serde_json::to_value(&opened.score).unwrap()["total"],
                    v["score"]["total"],
                    "{name}"
                );
            }
            _ => panic!("{name}: kind {k:?} has no check here yet; add one"),
        }
        *counts.entry(k).or_insert(0) += 1;
    }
    counts
}

#[test]
fn every_released_file_still_opens() {
    let versions: Vec<PathBuf> = files(&released())
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    let current = released().join(format!("v{}", env!("CARGO_PKG_VERSION")));
    assert!(
        versions.contains(&current),
        "{} is missing: copy this release's files there (see tests/released/v0.1.0/README.md)",
        current.display()
    );
    for dir in versions {
        let counts = open_version(&dir);
        for k in ["rubric", "assessment", "incident", "export"] {
            assert!(
                counts.get(k).copied().unwrap_or(0) >= 1,
                "{}: no {k} file ({counts:?})",
                dir.display()
            );
        }
    }
}

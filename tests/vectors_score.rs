//! Golden vectors: tests/vectors/score/<case>/{rubric,assessment,expected}.json. Another
//! implementation can check itself against these files. `UPDATE_VECTORS=1 cargo test` rewrites the
//! expected files; review every change by hand before committing it.

use cyberduty::domain::json;
use cyberduty::domain::score;
use std::path::Path;

#[test]
fn score_vectors_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/score");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "vectors missing under {}", root.display());
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    for case in cases {
        let read = |f: &str| std::fs::read(case.join(f)).unwrap();
        let rubric = json::parse(&read("rubric.json")).unwrap();
        let assessment = json::parse(&read("assessment.json")).unwrap();
        let report = score::score_documents(Some(&rubric), &assessment)
            .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let got = serde_json::to_value(&report).unwrap();
        let expected_path = case.join("expected.json");
        if update {
            let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&expected_path).unwrap()).unwrap();
        assert_eq!(got, expected, "{}", case.display());
    }
}

//! Export files sealed by released versions keep opening (tests/released/<version>/, kept byte for
//! byte). Version 0.1 wrote `unmet` for an unanswered bonus item, which now reports `missing`.

use cyberduty::domain::export;
use cyberduty::domain::json;
use std::path::Path;

#[test]
fn released_exports_still_open() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/released");
    let mut opened = 0;
    for version in std::fs::read_dir(&root).unwrap() {
        let version = version.unwrap().path();
        if !version.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&version).unwrap() {
            let file = file.unwrap().path();
            let bytes = std::fs::read(&file).unwrap();
            let o =
                export::verify(&bytes, None).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            // Against its own rubric as the reference too, as aggregation runs it.
            let doc = json::parse(&bytes).unwrap();
            let rubric = json::to_json(&o.rubric);
            export::verify(&bytes, Some(&rubric))
                .unwrap_or_else(|e| panic!("{} with its rubric: {e}", file.display()));
            let stored = serde_json::to_value(&doc).unwrap();
            let bonus = &stored["score"]["bonus_items"];
            if bonus
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["status"] == "unmet")
            {
                let now = serde_json::to_value(&o.score).unwrap();
                assert!(
                    now["bonus_items"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|b| b["status"] == "missing"),
                    "{}: the recomputed score says missing",
                    file.display()
                );
            }
            opened += 1;
        }
    }
    assert!(opened >= 2, "the released fixtures are there");
}

#[test]
fn the_old_word_is_accepted_only_for_an_unanswered_bonus() {
    // Turning a `met` bonus item into `unmet` still breaks the score check (after re-sealing the
    // digest is not the point: the score must match what the answers give).
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/released/v0.1/no-incidents.cyberduty.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["score"]["bonus_items"][0]["status"] = "unmet".into();
    v.as_object_mut().unwrap().remove("digest");
    let d = json::parse_str(&v.to_string()).unwrap();
    let digest = cyberduty::domain::digest::sm3_json_without(&d, "digest");
    v["digest"] = digest.into();
    let e = export::verify(v.to_string().as_bytes(), None).unwrap_err();
    assert_eq!(e.code.as_str(), "E_EXPORT_SCORE_MISMATCH", "{e}");
}

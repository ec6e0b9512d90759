//! The sealed export carrying the unit's 整改台账 (issue 12, item 1): an optional `ledger` member,
//! written as an unsigned `cyberduty.export/2`; without it a seal is `/1`, byte for byte as before.
//! Aggregation reports each unit's overdue count as of the file's `generated_at` date.

mod common;
use common::exports::*;
use cyberduty::domain::aggregate::{self, Input};
use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::export;
use cyberduty::domain::rectification::Ledger;
use cyberduty::domain::rubric::Rubric;
use serde_json::{json, Value};

fn ledger() -> Ledger {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/fixtures/ledger-sample.json"
    ))
    .unwrap();
    Ledger::from_json(&doc(&value(&text))).unwrap()
}

fn sealed(at: &str, with: Option<&Ledger>) -> export::Sealed {
    let r = Rubric::from_json(&doc(&rubric())).unwrap();
    let a = Assessment::from_json(
        &doc(&assessment(&rubric(), 1, "2026", Answers::draw(1).json())),
        &r,
    )
    .unwrap();
    export::seal_with_ledger(&r, &a, &[], with, at, cyberduty::VERSION).unwrap()
}

#[test]
fn without_a_ledger_the_seal_is_unchanged_and_with_one_it_is_an_unsigned_v2() {
    let plain = seal(
        &rubric(),
        &assessment(&rubric(), 1, "2026", Answers::draw(1).json()),
        &[],
        "2026-04-10T00:00:00Z",
    );
    assert_eq!(sealed("2026-04-10T00:00:00Z", None).text, plain.text);
    assert!(plain.text.contains("\"cyberduty.export/1\""));

    let l = ledger();
    let s = sealed("2026-04-10T00:00:00Z", Some(&l));
    let v = value(&s.text);
    assert_eq!(v["schema"], "cyberduty.export/2");
    assert!(v.get("signature").is_none());
    assert_eq!(v["ledger"]["entries"].as_array().unwrap().len(), 3);
    let opened = export::open_bytes(s.text.as_bytes(), None).unwrap();
    assert_eq!(opened.ledger.as_ref(), Some(&l));
    assert_eq!(opened.digest, s.digest);
    assert_eq!(opened.score.total, plain.score.total);
}

#[test]
fn a_ledger_is_protected_by_the_digest_and_refused_in_a_v1_file() {
    let s = sealed("2026-04-10T00:00:00Z", Some(&ledger()));
    let mut v = value(&s.text);
    v["ledger"]["entries"][0]["status"] = json!("fed_back");
    v["ledger"]["entries"][0]["rectified_on"] = json!("2026-03-10");
    v["ledger"]["entries"][0]["fed_back_on"] = json!("2026-03-11");
    let e = export::open_bytes(serde_json::to_string(&v).unwrap().as_bytes(), None).unwrap_err();
    assert_eq!(e.code.as_str(), "E_EXPORT_DIGEST");

    let plain = value(&sealed("2026-04-10T00:00:00Z", None).text);
    let mut v1: Value = plain.clone();
    v1.as_object_mut()
        .unwrap()
        .insert("ledger".into(), value(&s.text)["ledger"].clone());
    let e = export::open_bytes(serde_json::to_string(&v1).unwrap().as_bytes(), None).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("E_FIELD_UNKNOWN", "$.ledger")
    );
}

#[test]
fn signing_keeps_the_ledger() {
    let key = cyberduty::domain::sign::KeyPair::from_secret(&[7; 32]).unwrap();
    let s = sealed("2026-04-10T00:00:00Z", Some(&ledger()));
    let signed = export::sign_sealed(&s, &key, &code(1)).unwrap();
    let opened = export::open_bytes(signed.text.as_bytes(), None).unwrap();
    assert!(opened.signer.is_some());
    assert_eq!(opened.ledger.unwrap().entries.len(), 3);
}

#[test]
fn aggregation_counts_overdue_entries_as_of_each_file_s_date() {
    let run = |at: &str, with: bool| {
        let l = ledger();
        let s = sealed(at, with.then_some(&l));
        let mut b = aggregate::Batch::new(Some(&doc(&rubric()))).unwrap();
        b.add(Input::bytes("a.json", s.text.into_bytes()));
        let a = b.finish();
        assert_eq!(
            a.files[0].status,
            aggregate::FileStatus::Accepted,
            "{:?}",
            a.files[0]
        );
        (a.units[0].overdue, aggregate::csv(&a))
    };
    // 2026-03-20: R1 (deadline 03-15) overdue; R2 (no deadline: 03-20 + 14 days) not yet.
    assert_eq!(run("2026-03-20T01:00:00Z", true).0, Some(1));
    // 2026-04-10: R2's assumed deadline 04-03 has passed too; R3 is rectified (not overdue).
    let (n, csv) = run("2026-04-10T01:00:00Z", true);
    assert_eq!(n, Some(2));
    assert!(csv.lines().nth(1).unwrap().ends_with(",2"), "{csv}");
    let (n, csv) = run("2026-04-10T01:00:00Z", false);
    assert_eq!(n, None);
    assert!(csv.lines().nth(1).unwrap().ends_with(','), "{csv}");
}

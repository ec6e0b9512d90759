//! Signed exports end to end through the CLI, as a cadre department and its units use it: unit
//! keys, a roster from a CSV, signed and unsigned exports, forgeries, and aggregation with and
//! without the roster — every outcome of issue 11 with its code.

mod common;

use common::cli::{bin, out, tmp};
use common::exports::{assessment, rubric, Answers};
use cyberduty::domain::digest;
use cyberduty::domain::sign::KeyPair;
use serde_json::{json, Value};
use std::process::Command;

const A: &str = "91350100M000100Y43";
const B: &str = "91350100M000200Y4T";
const C: &str = "91350100M000300Y4J";
const D: &str = "91350100M000400Y4A";
const PASS: &str = "correct horse battery";
const AT: &str = "2026-01-15T08:00:00Z";

/// The binary with the passphrase in its environment.
fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_cyberduty"))
        .args(args)
        .env("CYBERDUTY_PASSPHRASE", PASS)
        .output()
        .expect("binary runs");
    out(&o)
}

fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

fn read(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A unit's assessment on the small test rubric, with its own code.
fn unit_assessment(code: &str, n: u64, answers: Value) -> String {
    let mut a = assessment(&rubric(), n, "2026", answers);
    a["unit"]["code"] = json!(code);
    tmp(&format!("assessment-{code}.json"), a.to_string())
}

/// The `/2` digest as a forger who read FORMATS.md would recompute it.
fn digest_v2(v: &Value) -> String {
    let mut c = v.clone();
    c.as_object_mut().unwrap().remove("digest");
    c.as_object_mut().unwrap().remove("signature");
    c["rubric"] = json!(digest::sm3_canonical(&v["rubric"]));
    digest::sm3_canonical(&c)
}

fn write(name: &str, v: &Value) -> String {
    tmp(name, serde_json::to_string_pretty(v).unwrap())
}

#[test]
fn keys_roster_signed_exports_forgeries_and_missing_units() {
    let r = tmp("rubric.json", rubric().to_string());
    // Units A, B and D make keys; the roster lists A, B and C (C never reports, D is not listed).
    let key = |code: &str| {
        let path = tmp(&format!("{code}.key"), "");
        std::fs::remove_file(&path).unwrap();
        ok(&[
            "keygen",
            "--unit",
            &code.to_lowercase(),
            "--name",
            code,
            "-o",
            &path,
        ]);
        let pubkey = tmp(&format!("{code}.pubkey.json"), ok(&["pubkey", &path]));
        (path, pubkey)
    };
    let (key_a, pub_a) = key(A);
    let (_, pub_b) = key(B);
    let (key_d, _) = key(D);
    let pk = read(&pub_a);
    assert_eq!(pk["schema"], "cyberduty.pubkey/1");
    assert_eq!(pk["unit"]["code"], A);
    assert_eq!(pk["public_key"].as_str().unwrap().len(), 130);

    let csv = tmp(
        "roster.csv",
        format!("\u{feff}统一社会信用代码,单位名称\r\n{A},甲单位\r\n{B},乙单位\r\n{C},丙单位\r\n"),
    );
    let roster = tmp("roster.json", "");
    std::fs::remove_file(&roster).unwrap();
    ok(&[
        "roster",
        "new",
        "--csv",
        &csv,
        "--authority",
        "某市委组织部",
        "-o",
        &roster,
    ]);
    let said = ok(&["roster", "add-key", &roster, &pub_a, &pub_b]);
    assert!(said.contains("已登记 甲单位") || said.contains(A), "{said}");
    let rd = read(&roster);
    assert_eq!(rd["units"][0]["keys"][0]["public_key"], pk["public_key"]);
    assert_eq!(rd["units"][2]["keys"], json!([]));

    // Exports: A signed, B unsigned, D signed by an unlisted unit.
    let low = Answers::draw(3);
    let export = |code: &str, n: u64, key: Option<&str>, name: &str| {
        let out = tmp(name, "");
        std::fs::remove_file(&out).unwrap();
        let a = unit_assessment(code, n, low.json());
        let mut args = vec![
            "export",
            a.as_str(),
            "--rubric",
            r.as_str(),
            "-o",
            out.as_str(),
        ];
        args.extend(["--generated-at", AT, "--force"]);
        if let Some(k) = key {
            args.extend(["--key", k]);
        }
        ok(&args);
        out
    };
    let dir_files = [
        export(A, 1, Some(&key_a), "a.json"),
        export(B, 2, None, "b.json"),
        export(D, 4, Some(&key_d), "d.json"),
    ];
    let signed = read(&dir_files[0]);
    assert_eq!(signed["schema"], "cyberduty.export/2");
    assert_eq!(signed["signature"]["alg"], "SM2-SM3");
    assert_eq!(signed["signature"]["public_key"], pk["public_key"]);
    assert_eq!(read(&dir_files[1])["schema"], "cyberduty.export/1");
    let (code, stdout, stderr) = run(&["validate", &dir_files[0], "--rubric", &r]);
    assert_eq!(code, 0, "{stdout}{stderr}");

    // Forgeries of A's file: answers raised, re-scored, /2 digest recomputed, and
    // (1) the signature kept, (2) re-signed with a key not registered for A.
    let mut forged = signed.clone();
    forged["assessment"]["answers"] = Answers {
        a_met: true,
        b_level: 0,
        c: Some(10),
        d: Some(0),
        fake: false,
        x: true,
        y: true,
    }
    .json();
    // Dated later, so that without a roster it replaces the real file among duplicates.
    forged["generated_at"] = json!("2026-01-16T08:00:00Z");
    common::exports::rescore(&mut forged);
    assert_ne!(forged["score"]["total"], signed["score"]["total"]);
    let d = digest_v2(&forged);
    forged["digest"] = json!(d);
    let kept = write("forged-kept.json", &forged);
    let stranger = KeyPair::generate().unwrap();
    forged["signature"] = serde_json::to_value(stranger.sign(&d)).unwrap();
    let resigned = write("forged-resigned.json", &forged);
    // Signature stripped and the schema turned back to /1 with the /1 digest: just unsigned.
    let mut stripped = forged.clone();
    stripped.as_object_mut().unwrap().remove("signature");
    stripped["schema"] = json!("cyberduty.export/1");
    let stripped = tmp(
        "forged-unsigned.json",
        common::exports::resign(&mut stripped),
    );

    let (code, _, stderr) = run(&["validate", &kept, "--rubric", &r]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_EXPORT_SIGNATURE] $.signature"),
        "{stderr}"
    );

    let files: Vec<&str> = dir_files
        .iter()
        .map(String::as_str)
        .chain([kept.as_str(), resigned.as_str(), stripped.as_str()])
        .collect();
    let mut args = vec![
        "aggregate",
        "--rubric",
        r.as_str(),
        "--roster",
        roster.as_str(),
    ];
    args.extend(files.iter().copied());
    args.push("--json");
    let report: Value = serde_json::from_str(&ok(&args)).unwrap();
    let codes: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "OK",
            "E_EXPORT_UNSIGNED",
            "E_EXPORT_UNKNOWN_UNIT",
            "E_EXPORT_SIGNATURE",
            "E_EXPORT_UNKNOWN_KEY",
            "E_EXPORT_UNSIGNED"
        ]
    );
    assert_eq!(report["summary"]["senders_verified"], true);
    assert_eq!(
        report["summary"]["missing"],
        json!([{"code": B, "name": "乙单位"}, {"code": C, "name": "丙单位"}])
    );
    assert_eq!(report["units"][0]["code"], A);
    assert_eq!(report["units"][0]["key_id"], pk["key_id"]);
    assert!(report["files"][4]["message"]
        .as_str()
        .unwrap()
        .contains("未在名单中为 甲单位"));

    // CSV: each unit's 核对码 and signer, and the missing units.
    let mut args = vec![
        "aggregate",
        "--rubric",
        r.as_str(),
        "--roster",
        roster.as_str(),
    ];
    args.extend(files.iter().copied());
    args.push("--csv");
    let csv_out = ok(&args);
    let check = report["units"][0]["check_code"].as_str().unwrap();
    assert!(csv_out.contains(check), "{csv_out}");
    assert!(csv_out.contains(&format!("未上报,丙单位,{C}")), "{csv_out}");
    assert!(csv_out.contains("已按名单核验"));

    // Without a roster: signatures still checked for self-consistency, senders unverified; the
    // re-signed forgery is then indistinguishable from a real file — only the roster catches it.
    let mut args = vec!["aggregate", "--rubric", r.as_str()];
    args.extend(files.iter().copied());
    args.push("--json");
    let report: Value = serde_json::from_str(&ok(&args)).unwrap();
    let codes: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "E_EXPORT_DUPLICATE",
            "OK",
            "OK",
            "E_EXPORT_SIGNATURE",
            "OK",
            "E_EXPORT_DUPLICATE"
        ]
    );
    assert_eq!(report["summary"]["senders_verified"], false);
    assert_eq!(report["summary"]["missing"], Value::Null);
    let text = ok(&["aggregate", "--rubric", &r, &dir_files[0]]);
    assert!(text.contains("发送单位:未核验发送单位"), "{text}");
}

#[test]
fn key_and_roster_errors_have_codes() {
    let key = tmp("e.key", "");
    std::fs::remove_file(&key).unwrap();
    ok(&["keygen", "--unit", A, "--name", "甲单位", "-o", &key]);
    let o = Command::new(env!("CARGO_BIN_EXE_cyberduty"))
        .args(["pubkey", &key])
        .env("CYBERDUTY_PASSPHRASE", "wrong passphrase")
        .output()
        .unwrap();
    let (code, _, stderr) = out(&o);
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_KEY_PASSPHRASE]"), "{stderr}");
    let text = std::fs::read_to_string(&key).unwrap();
    let cut = tmp("cut.key", &text[..text.len() / 2]);
    let (code, _, stderr) = run(&["pubkey", &cut]);
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_KEY_FILE]"), "{stderr}");
    let (code, _, stderr) = run(&["keygen", "--unit", "123", "--name", "x", "-o", &key]);
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_UNIT_CODE]"), "{stderr}");

    // Signing another unit's assessment with this key is refused.
    let a = unit_assessment(B, 2, Answers::draw(2).json());
    let r = tmp("rubric.json", rubric().to_string());
    let (code, _, stderr) = run(&[
        "export",
        &a,
        "--rubric",
        &r,
        "--key",
        &key,
        "-o",
        &tmp("x.json", ""),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_EXPORT_UNKNOWN_KEY]"), "{stderr}");

    let csv = tmp("dup.csv", format!("{A},甲\n{},乙\n", A.to_lowercase()));
    let (code, _, stderr) = run(&[
        "roster",
        "new",
        "--csv",
        &csv,
        "--authority",
        "部",
        "-o",
        &tmp("r.json", ""),
        "--force",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_ROSTER_DUPLICATE_UNIT] 第 2 行"),
        "{stderr}"
    );
    let gbk = tmp(
        "gbk.csv",
        [A.as_bytes(), b",", &[0xB5, 0xA5, 0xCE, 0xBB]].concat(),
    );
    let (code, _, stderr) = run(&[
        "roster",
        "new",
        "--csv",
        &gbk,
        "--authority",
        "部",
        "-o",
        &tmp("r.json", ""),
        "--force",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_INPUT_ENCODING]") && stderr.contains("GBK"),
        "{stderr}"
    );
    let roster = tmp("r2.json", "");
    let csv = tmp("ok.csv", format!("{B},乙\n"));
    ok(&[
        "roster",
        "new",
        "--csv",
        &csv,
        "--authority",
        "部",
        "-o",
        &roster,
        "--force",
    ]);
    let pubkey = tmp("a.pub.json", ok(&["pubkey", &key]));
    let (code, _, stderr) = run(&["roster", "add-key", &roster, &pubkey]);
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_ROSTER_UNKNOWN_UNIT]"), "{stderr}");
    let bad = tmp(
        "bad.pub.json",
        std::fs::read_to_string(&pubkey)
            .unwrap()
            .replace("\"04", "\"05"),
    );
    let (code, _, stderr) = run(&["roster", "add-key", &roster, &bad]);
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_KEY_PUBLIC]"), "{stderr}");
    let _ = bin(&["--help"]);
}

//! The wasm boundary, run by `scripts/test-wasm.sh` in Node.js and in headless Chromium: shapes in
//! and out, errors as JS `Error`s with `code`, `path` and `display`, and the same numbers as the
//! native CLI and the core called directly. Everything goes through the `Session` API and the free
//! functions of `src/wasm/mod.rs`. The core's rules are tested natively (`cargo test`); nothing here
//! re-checks a rule.
//!
//! Fixtures (tests/e2e/fixtures/): a rubric covering every method, an assessment for it, and the
//! native CLI's report for the pair, made with
//! `cyberduty score tests/e2e/fixtures/assessment-test.json --rubric tests/e2e/fixtures/rubric-test.json --json`
//! (re-run that command into score-test.json if the report format changes on purpose).
#![cfg(target_arch = "wasm32")]

use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::{export, json, vocabulary};
use cyberduty::wasm::{self, Session};
use js_sys::{Array, Error, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const RUBRIC: &str = include_str!("e2e/fixtures/rubric-test.json");
const ASSESSMENT: &str = include_str!("e2e/fixtures/assessment-test.json");
const NATIVE_REPORT: &str = include_str!("e2e/fixtures/score-test.json");
/// `cyberduty validate tests/e2e/fixtures/rubric-test.json` (native).
const RUBRIC_DIGEST: &str = "sm3:347eaa0f4b059fa480bb624e4365b6d898e5527cae91dc42ac3579bb64975e9f";

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or_else(|_| panic!("no {key}"))
}

fn path(v: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter().fold(v.clone(), |v, k| match k.parse::<u32>() {
        Ok(i) => Reflect::get_u32(&v, i).unwrap(),
        Err(_) => get(&v, k),
    })
}

fn num(v: &JsValue, keys: &[&str]) -> f64 {
    path(v, keys)
        .as_f64()
        .unwrap_or_else(|| panic!("{keys:?} is not a number"))
}

fn text(v: &JsValue, keys: &[&str]) -> String {
    path(v, keys)
        .as_string()
        .unwrap_or_else(|| panic!("{keys:?} is not text"))
}

fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

/// The error an export threw: a real `Error` with string `code` and `path`, and `display` the CLI's
/// one line (`[CODE] path:message`, the path left out when it is `$`).
fn error_of<T>(r: Result<T, JsValue>) -> (String, String, String) {
    let Err(e) = r else {
        panic!("the export should have thrown")
    };
    assert!(e.is_instance_of::<Error>(), "thrown value is not an Error");
    let e: Error = e.unchecked_into();
    let code = get(&e, "code").as_string().expect("code is text");
    let at = get(&e, "path").as_string().expect("path is text");
    let message = String::from(e.message());
    let display = get(&e, "display").as_string().expect("display is text");
    if at.is_empty() || at == "$" {
        assert_eq!(display, format!("[{code}] {message}"));
    } else {
        assert_eq!(display, format!("[{code}] {at}:{message}"));
    }
    (code, at, message)
}

/// A session for a rubric document (null: the default rubric).
fn session(rubric: impl Into<JsValue>) -> Session {
    Session::new(rubric.into()).expect("a valid rubric")
}

/// The live score report of an assessment, no incidents.
fn score(rubric: impl Into<JsValue>, assessment: impl Into<JsValue>) -> Result<JsValue, JsValue> {
    let live = Session::new(rubric.into())?.score(assessment.into(), JsValue::NULL)?;
    Ok(get(&live, "score"))
}

/// A JS value as serde JSON, to compare with what the core serializes (key order aside).
fn value(v: &JsValue) -> serde_json::Value {
    serde_json::from_str(&stringify(v)).unwrap()
}

/// What the core serializes, as the JS engine reads it (so `2.0` and `2` are the one number).
fn native<T: serde::Serialize>(v: &T) -> serde_json::Value {
    value(&parse(&serde_json::to_string(v).unwrap()))
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn schemas_lists_the_formats() {
    let s = wasm::schemas().unwrap();
    let tags: Vec<String> = Array::from(&s)
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert!(tags.contains(&"cyberduty.rubric/1".to_string()));
    assert!(tags.contains(&"cyberduty.assessment/1".to_string()));
    assert!(tags.contains(&"cyberduty.score/1".to_string()));
}

#[wasm_bindgen_test]
fn default_rubric_is_a_plain_object() {
    let r = wasm::default_rubric().unwrap();
    assert_eq!(
        Object::get_prototype_of(&r),
        Object::get_prototype_of(&Object::new())
    );
    assert_eq!(text(&r, &["schema"]), "cyberduty.rubric/1");
    assert!(Array::is_array(&get(&r, "dimensions")));
    assert!(Array::from(&get(&r, "dimensions")).length() > 0);
    assert!(num(&r, &["total"]) > 0.0);
    // What it returns makes a session as it stands (object in, object out), the default's twin.
    let s = session(r);
    assert!(s.digest().starts_with("sm3:"));
    assert!(!s.is_default());
    let d = session(JsValue::NULL);
    assert!(d.is_default());
    assert!(session(JsValue::UNDEFINED).is_default());
    assert_eq!(d.digest(), s.digest());
    assert_eq!(
        stringify(&d.rubric().unwrap()),
        stringify(&s.rubric().unwrap())
    );
}

#[wasm_bindgen_test]
fn a_session_gives_the_native_digest_for_text_object_and_bytes() {
    let from_text = session(RUBRIC);
    assert_eq!(from_text.digest(), RUBRIC_DIGEST);
    let rubric = from_text.rubric().unwrap();
    assert_eq!(text(&rubric, &["id"]), "cyberduty.test-fixture");
    assert_eq!(
        text(
            &rubric,
            &["dimensions", "0", "items", "1", "method", "kind"]
        ),
        "levels"
    );
    assert_eq!(
        num(
            &rubric,
            &[
                "dimensions",
                "0",
                "items",
                "1",
                "method",
                "levels",
                "1",
                "ratio"
            ]
        ),
        0.5
    );
    assert_eq!(session(parse(RUBRIC)).digest(), RUBRIC_DIGEST);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(RUBRIC.as_bytes());
    assert_eq!(session(bytes(&with_bom)).digest(), RUBRIC_DIGEST);
    // The rubric as validated is the core's.
    let core = Rubric::parse(RUBRIC).unwrap();
    assert_eq!(value(&rubric), native(&core));
    assert_eq!(core.digest(), RUBRIC_DIGEST);
}

#[wasm_bindgen_test]
fn score_gives_the_native_numbers() {
    let report = score(RUBRIC, ASSESSMENT).unwrap();
    // Exact values printed by the native CLI for this very input.
    assert_eq!(num(&report, &["total"]), 57.63);
    assert_eq!(num(&report, &["base"]), 54.63);
    assert_eq!(num(&report, &["bonus"]), 3.0);
    assert_eq!(num(&report, &["max"]), 103.0);
    assert_eq!(text(&report, &["grade"]), "不合格");
    assert_eq!(path(&report, &["vetoed"]), JsValue::FALSE);
    assert_eq!(path(&report, &["complete"]), JsValue::TRUE);
    assert_eq!(num(&report, &["answered"]), 10.0);
    assert_eq!(num(&report, &["answerable"]), 10.0);
    assert_eq!(num(&report, &["dimensions", "0", "attainment"]), 72.92);
    assert_eq!(num(&report, &["dimensions", "0", "earned"]), 29.17);
    assert_eq!(text(&report, &["rubric", "digest"]), RUBRIC_DIGEST);
    assert_eq!(Array::from(&get(&report, "lost")).length(), 6);
    assert_eq!(num(&report, &["lost", "0", "points"]), 20.0);
    assert_eq!(text(&report, &["lost", "0", "id"]), "tech.monitor");
    assert_eq!(text(&report, &["items", "5", "status"]), "na");
}

#[wasm_bindgen_test]
fn score_report_is_the_native_json_field_for_field() {
    let report = score(parse(RUBRIC), parse(ASSESSMENT)).unwrap();
    assert_eq!(stringify(&report), stringify(&parse(NATIVE_REPORT)));
    // Without incidents the live score keeps the unit's answer to the Article 8 veto.
    let live = session(RUBRIC)
        .score(ASSESSMENT.into(), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(Array::from(&get(&live, "auto_vetoes")).length(), 1);
    assert_eq!(
        text(&live, &["auto_vetoes", "0", "decision"]),
        "kept_answer"
    );
    assert_eq!(
        path(&live, &["auto_vetoes", "0", "triggered"]),
        JsValue::FALSE
    );
    assert_eq!(stringify(&get(&live, "classifications")), "[]");
}

#[wasm_bindgen_test]
fn text_object_and_bytes_score_the_same() {
    let a = stringify(&score(RUBRIC, ASSESSMENT).unwrap());
    let b = stringify(&score(parse(RUBRIC), parse(ASSESSMENT)).unwrap());
    let c = stringify(&score(bytes(RUBRIC.as_bytes()), bytes(ASSESSMENT.as_bytes())).unwrap());
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[wasm_bindgen_test]
fn validate_assessment_returns_the_normalised_answers() {
    let a = session(RUBRIC)
        .validate_assessment(ASSESSMENT.into())
        .unwrap();
    assert_eq!(text(&a, &["schema"]), "cyberduty.assessment/1");
    assert_eq!(text(&a, &["unit", "level"]), "prefecture");
    let answers = get(&a, "answers");
    assert_eq!(num(&answers, &["org.officers", "numerator"]), 7.0);
    assert_eq!(text(&answers, &["org.meeting", "note"]), "由分管领导主持");
    assert_eq!(
        text(&answers, &["tech.cii", "na"]),
        "本单位不运营关键信息基础设施"
    );
    assert_eq!(
        path(&answers, &["veto.falsified", "triggered"]),
        JsValue::FALSE
    );
    let rubric = Rubric::parse(RUBRIC).unwrap();
    assert_eq!(
        value(&a),
        native(&Assessment::parse(ASSESSMENT, &rubric).unwrap())
    );
}

#[wasm_bindgen_test]
fn an_answer_out_of_range_is_an_error_with_code_and_path() {
    let bad = ASSESSMENT.replace(
        r#""numerator": 7, "denominator": 9"#,
        r#""numerator": 10, "denominator": 9"#,
    );
    let (code, at, message) = error_of(score(RUBRIC, bad.clone()));
    assert_eq!(code, "E_ANSWER_RANGE");
    assert_eq!(at, r#"$.answers["org.officers"].numerator"#);
    assert_eq!(message, "达标数 10 大于总数 9");
    let (code, ..) = error_of(session(RUBRIC).validate_assessment(bad.into()));
    assert_eq!(code, "E_ANSWER_RANGE");
}

#[wasm_bindgen_test]
fn bad_documents_are_errors_not_panics() {
    let (code, at, _) = error_of(score(JsValue::NULL, "{"));
    assert_eq!((code.as_str(), at.as_str()), ("E_JSON_SYNTAX", "$"));

    let (code, ..) = error_of(score(JsValue::NULL, ""));
    assert_eq!(code, "E_INPUT_EMPTY");

    let (code, ..) = error_of(score(JsValue::NULL, bytes(b"{\"a\":\"\xB2\xE2\"}")));
    assert_eq!(code, "E_INPUT_ENCODING");

    let (code, at, _) = error_of(score(JsValue::NULL, JsValue::UNDEFINED));
    assert_eq!((code.as_str(), at.as_str()), ("E_FIELD_TYPE", "$"));

    let (code, at, _) = error_of(score(JsValue::NULL, parse("[1,2]")));
    assert_eq!((code.as_str(), at.as_str()), ("E_FIELD_TYPE", "$"));

    let (code, at, _) = error_of(Session::new(ASSESSMENT.into()));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_SCHEMA_UNKNOWN", "$.schema")
    );
    let (code, ..) = error_of(Session::new("{".into()));
    assert_eq!(code, "E_JSON_SYNTAX");

    // Made for the fixture rubric, scored against the default one.
    let (code, at, _) = error_of(score(JsValue::NULL, ASSESSMENT));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_ASSESSMENT_RUBRIC_MISMATCH", "$.rubric")
    );
    let (code, ..) = error_of(session(JsValue::NULL).validate_assessment(ASSESSMENT.into()));
    assert_eq!(code, "E_ASSESSMENT_RUBRIC_MISMATCH");

    let dup = r#"{"schema":"cyberduty.assessment/1","schema":"cyberduty.assessment/1"}"#;
    let (code, ..) = error_of(score(JsValue::NULL, dup));
    assert_eq!(code, "E_JSON_DUPLICATE_KEY");
}

#[wasm_bindgen_test]
fn a_document_over_the_limit_is_refused_before_parsing() {
    let max = wasm::max_input_bytes() as usize;
    assert_eq!(max, 16 * 1024 * 1024);
    let big = Uint8Array::new_with_length(max as u32 + 1);
    let (code, at, _) = error_of(score(JsValue::NULL, big.clone()));
    assert_eq!((code.as_str(), at.as_str()), ("E_INPUT_TOO_LARGE", "$"));
    let (code, ..) = error_of(Session::new(big.clone().into()));
    assert_eq!(code, "E_INPUT_TOO_LARGE");
    let (code, ..) = error_of(session(JsValue::NULL).verify(big.into()));
    assert_eq!(code, "E_INPUT_TOO_LARGE");
}

#[wasm_bindgen_test]
fn check_size_throws_over_the_limit_naming_the_size() {
    let max = f64::from(wasm::max_input_bytes());
    wasm::check_size(max).unwrap();
    wasm::check_size(0.0).unwrap();
    let over = 16.0 * 1024.0 * 1024.0 + 1.0;
    let (code, at, message) = error_of(wasm::check_size(over));
    assert_eq!((code.as_str(), at.as_str()), ("E_INPUT_TOO_LARGE", "$"));
    assert!(message.contains("16777217"), "{message}");
    assert!(message.contains("16 MiB"), "{message}");
    assert_eq!(
        message,
        json::check_size(16 * 1024 * 1024 + 1).unwrap_err().message
    );
}

#[wasm_bindgen_test]
fn batch_takes_json_files_not_hidden_ones() {
    for (rel, taken) in [
        ("unit.json", true),
        ("a/b/unit.json", true),
        ("a\\UNIT.JSON", true),
        ("a/.git/unit.json", false),
        (".unit.json", false),
        ("a/unit.txt", false),
        ("a/.json", false),
        ("", false),
    ] {
        assert_eq!(wasm::batch_takes(rel), taken, "{rel}");
        assert_eq!(
            wasm::batch_takes(rel),
            cyberduty::domain::aggregate::batch_takes(rel)
        );
    }
}

#[wasm_bindgen_test]
fn safe_file_name_is_the_core_rule() {
    for (part, safe) in [
        ("某县 网信办", "某县_网信办"),
        ("a/b\\c:d*e?f", "a_b_c_d_e_f"),
        ("..2026..", "2026"),
        ("", "_"),
    ] {
        assert_eq!(wasm::safe_file_name(part), safe, "{part}");
        assert_eq!(
            wasm::safe_file_name(part),
            export::safe_file_name_part(part)
        );
    }
    assert_eq!(wasm::safe_file_name(&"长".repeat(100)).chars().count(), 64);
}

const INCIDENT: &str = include_str!("vectors/incident/01-prefecture-portal-defaced/incident.json");
/// The native classifier's output for INCIDENT (the incident golden vector).
const NATIVE_CLASSIFICATION: &str =
    include_str!("vectors/incident/01-prefecture-portal-defaced/expected.json");

#[wasm_bindgen_test]
fn classify_gives_the_native_classification() {
    let c = wasm::classify(INCIDENT.into(), JsValue::NULL, JsValue::NULL, JsValue::NULL).unwrap();
    assert_eq!(text(&c, &["schema"]), "cyberduty.classification/1");
    assert_eq!(Array::from(&get(&c, "triggers")).length(), 7);
    assert_eq!(text(&c, &["triggers", "0", "status"]), "met");
    assert_eq!(text(&c, &["triggers", "2", "status"]), "not_met");
    assert_eq!(text(&c, &["summary", "status"]), "met");
    assert!(text(&c, &["summary", "text"]).starts_with("符合第八条第(一)"));
    assert_eq!(text(&c, &["accountability", "status"]), "met");
    assert_eq!(text(&c, &["grade", "level"]), "major");
    // A prefecture portal cannot reach the 特别重大 tamper rows: the grade is settled.
    assert_eq!(path(&c, &["grade", "at_least"]), JsValue::FALSE);
    assert_eq!(num(&c, &["reporting", "deadline_minutes"]), 240.0);
    assert_eq!(num(&c, &["reporting", "reported_within_minutes"]), 265.0);
    assert_eq!(path(&c, &["reporting", "on_time"]), JsValue::FALSE);
    // Field for field (key order aside) what the native CLI writes.
    let native: serde_json::Value = serde_json::from_str(NATIVE_CLASSIFICATION).unwrap();
    assert_eq!(value(&c), native);
    // Object and bytes in give the same.
    let from_object =
        wasm::classify(parse(INCIDENT), JsValue::NULL, JsValue::NULL, JsValue::NULL).unwrap();
    assert_eq!(stringify(&from_object), stringify(&c));
    let from_bytes = wasm::classify(
        bytes(INCIDENT.as_bytes()),
        JsValue::NULL,
        JsValue::NULL,
        JsValue::NULL,
    )
    .unwrap();
    assert_eq!(stringify(&from_bytes), stringify(&c));
}

/// A region's policy (here the shipped one with its interpretations on) as the second argument; a
/// bad one is an error naming the policy's path.
#[wasm_bindgen_test]
fn classify_takes_a_policy_document() {
    const LEAK: &str = include_str!("vectors/incident/04-personal-info-leak-major/incident.json");
    const POLICY: &str = include_str!("../data/grading-2025.json");
    let c = wasm::classify(
        LEAK.into(),
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::NULL,
    )
    .unwrap();
    assert_eq!(text(&c, &["triggers", "2", "status"]), "undetermined");
    let on = POLICY.replace("\"enabled\": false", "\"enabled\": true");
    let c = wasm::classify(LEAK.into(), on.into(), JsValue::NULL, JsValue::NULL).unwrap();
    assert_eq!(text(&c, &["triggers", "2", "status"]), "met");
    assert_eq!(path(&c, &["policy", "shipped"]), JsValue::FALSE);
    let bad = POLICY.replace("cyberduty.policy/2", "cyberduty.policy/9");
    let (code, at, _) = error_of(wasm::classify(
        LEAK.into(),
        bad.into(),
        JsValue::NULL,
        JsValue::NULL,
    ));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_SCHEMA_FUTURE", "$.schema")
    );
}

#[wasm_bindgen_test]
fn unknown_facts_are_undetermined_not_errors() {
    let c = wasm::classify(
        r#"{"schema":"cyberduty.incident/1"}"#.into(),
        JsValue::NULL,
        JsValue::NULL,
        JsValue::NULL,
    )
    .unwrap();
    assert_eq!(text(&c, &["triggers", "0", "status"]), "undetermined");
    assert_eq!(text(&c, &["summary", "status"]), "undetermined");
    assert!(Array::from(&path(&c, &["triggers", "0", "missing"])).length() > 0);
    assert!(path(&c, &["reporting", "required"]).is_null());
}

#[wasm_bindgen_test]
fn a_bad_incident_is_an_error_with_code_and_path() {
    let bad = INCIDENT.replace("2026-03-01T06:30:00Z", "2026-03-01 下午");
    let (code, at, _) = error_of(wasm::classify(
        bad.into(),
        JsValue::NULL,
        JsValue::NULL,
        JsValue::NULL,
    ));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_TIMESTAMP", "$.timeline.reported_at")
    );
    let (code, at, _) = error_of(wasm::classify(
        ASSESSMENT.into(),
        JsValue::NULL,
        JsValue::NULL,
        JsValue::NULL,
    ));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_SCHEMA_UNKNOWN", "$.schema")
    );
}

#[wasm_bindgen_test]
fn vocabulary_is_the_core_vocabulary() {
    let v = wasm::vocabulary().unwrap();
    let core = vocabulary::vocabulary();
    assert_eq!(Array::from(&get(&v, "article8")).length(), 7);
    assert_eq!(num(&v, &["article8", "0", "item"]), 1.0);
    assert_eq!(num(&v, &["article8", "6", "item"]), 7.0);
    assert_eq!(value(&get(&v, "unit_levels")), native(&core.unit_levels));
    assert_eq!(Array::from(&get(&v, "unit_levels")).length(), 5);
    assert_eq!(text(&v, &["unit_levels", "0", "key"]), "central");
    assert_eq!(
        num(&v, &["max_input_bytes"]),
        f64::from(wasm::max_input_bytes())
    );
    assert_eq!(value(&v), native(&core));
}

#[wasm_bindgen_test]
fn kind_of_names_every_document() {
    for (doc, kind, name_has) in [
        (RUBRIC, "rubric", ""),
        (ASSESSMENT, "assessment", ""),
        (INCIDENT, "incident", "事件"),
        (NATIVE_CLASSIFICATION, "classification", ""),
        (NATIVE_REPORT, "score", ""),
        (V02_EXPORT, "export", ""),
    ] {
        let found = wasm::kind_of(doc.into()).unwrap();
        assert_eq!(text(&found, &["kind"]), kind);
        assert!(text(&found, &["schema"]).starts_with(&format!("cyberduty.{kind}/")));
        assert!(text(&found, &["name"]).contains(name_has));
        assert_eq!(
            stringify(&wasm::kind_of(parse(doc)).unwrap()),
            stringify(&found)
        );
    }
    let found = wasm::kind_of(bytes(INCIDENT.as_bytes())).unwrap();
    assert_eq!(text(&found, &["name"]), "事件文件");
    let (code, at, _) = error_of(wasm::kind_of(r#"{"schema":"other/1"}"#.into()));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_SCHEMA_UNKNOWN", "$.schema")
    );
    let (code, ..) = error_of(wasm::kind_of("{".into()));
    assert_eq!(code, "E_JSON_SYNTAX");
}

// ---- sealed exports and aggregation -------------------------------------------------------------

const V02_RUBRIC: &str = include_str!("vectors/export/02-article8-met/rubric.json");
const V02_ASSESSMENT: &str = include_str!("vectors/export/02-article8-met/assessment.json");
const V02_INCIDENT_1: &str = include_str!("vectors/export/02-article8-met/incident-1.json");
const V02_INCIDENT_2: &str = include_str!("vectors/export/02-article8-met/incident-2.json");
/// The export golden vector, sealed natively from the four documents above at V02_AT.
const V02_EXPORT: &str = include_str!("vectors/export/02-article8-met/expected.cyberduty.json");
const V02_AT: &str = "2026-01-15T08:00:00Z";

fn incidents_v02() -> JsValue {
    let a = Array::new();
    a.push(&V02_INCIDENT_1.into());
    a.push(&parse(V02_INCIDENT_2));
    a.into()
}

fn batch_file(name: &str, bytes: Option<&[u8]>, size: Option<f64>) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"name".into(), &name.into()).unwrap();
    if let Some(b) = bytes {
        Reflect::set(&o, &"bytes".into(), &Uint8Array::from(b)).unwrap();
    }
    if let Some(s) = size {
        Reflect::set(&o, &"size".into(), &s.into()).unwrap();
    }
    o.into()
}

fn files(list: &[JsValue]) -> JsValue {
    list.iter().collect::<Array>().into()
}

#[wasm_bindgen_test]
fn seal_gives_the_native_export_byte_for_byte() {
    let s = session(V02_RUBRIC)
        .seal(
            parse(V02_ASSESSMENT),
            incidents_v02(),
            V02_AT.into(),
            JsValue::NULL,
        )
        .unwrap();
    assert_eq!(text(&s, &["text"]), V02_EXPORT);
    let digest = text(&s, &["digest"]);
    assert!(V02_EXPORT.contains(&format!("\"digest\": \"{digest}\"")));
    assert_eq!(
        text(&s, &["file_name"]),
        format!("91350100M000100Y43_2026_{}.cyberduty.json", &digest[4..12])
    );
    let hex = &digest[4..20];
    assert_eq!(
        text(&s, &["check_code"]),
        format!(
            "{} {} {} {}",
            &hex[..4],
            &hex[4..8],
            &hex[8..12],
            &hex[12..]
        )
    );
    assert_eq!(text(&s, &["auto_vetoes", "0", "veto"]), "veto.art8");
    assert_eq!(text(&s, &["auto_vetoes", "0", "decision"]), "set_triggered");
    assert_eq!(path(&s, &["auto_vetoes", "0", "triggered"]), JsValue::TRUE);
    assert_eq!(num(&s, &["score", "total"]), 77.0);
    assert_eq!(path(&s, &["score", "vetoed"]), JsValue::TRUE);
    // The assessment as sealed, the automatic answer applied.
    assert_eq!(
        path(&s, &["assessment", "answers", "veto.art8", "triggered"]),
        JsValue::TRUE
    );
    // Bytes in give the same file.
    let from_bytes = session(bytes(V02_RUBRIC.as_bytes()))
        .seal(
            bytes(V02_ASSESSMENT.as_bytes()),
            incidents_v02(),
            V02_AT.into(),
            JsValue::NULL,
        )
        .unwrap();
    assert_eq!(text(&from_bytes, &["text"]), V02_EXPORT);
}

#[wasm_bindgen_test]
fn live_score_with_article8_incidents_is_the_sealed_score_and_the_native_one() {
    let s = session(V02_RUBRIC);
    let live = s.score(parse(V02_ASSESSMENT), incidents_v02()).unwrap();
    let sealed = s
        .seal(
            parse(V02_ASSESSMENT),
            incidents_v02(),
            V02_AT.into(),
            JsValue::NULL,
        )
        .unwrap();
    for keys in [
        &["score", "total"][..],
        &["score", "base"],
        &["score", "bonus"],
    ] {
        assert_eq!(num(&live, keys), num(&sealed, keys), "{keys:?}");
    }
    assert_eq!(
        text(&live, &["score", "grade"]),
        text(&sealed, &["score", "grade"])
    );
    assert_eq!(path(&live, &["score", "vetoed"]), JsValue::TRUE);
    assert_eq!(
        stringify(&path(&live, &["score", "vetoes"])),
        stringify(&path(&sealed, &["score", "vetoes"]))
    );
    assert_eq!(
        stringify(&get(&live, "auto_vetoes")),
        stringify(&get(&sealed, "auto_vetoes"))
    );
    assert_eq!(
        stringify(&get(&live, "score")),
        stringify(&get(&sealed, "score"))
    );
    assert_eq!(
        stringify(&get(&live, "assessment")),
        stringify(&get(&sealed, "assessment"))
    );
    let classifications = Array::from(&get(&live, "classifications"));
    assert_eq!(classifications.length(), 2);
    assert_eq!(
        stringify(&classifications.get(0)),
        stringify(
            &wasm::classify(
                V02_INCIDENT_1.into(),
                JsValue::NULL,
                JsValue::NULL,
                JsValue::NULL
            )
            .unwrap()
        )
    );
    // The core called directly gives the same, field for field.
    let rubric = Rubric::parse(V02_RUBRIC).unwrap();
    let assessment = Assessment::parse(V02_ASSESSMENT, &rubric).unwrap();
    let incidents = [V02_INCIDENT_1, V02_INCIDENT_2].map(|t| json::parse_str(t).unwrap());
    let core = export::live(&rubric, &assessment, &incidents).unwrap();
    assert_eq!(value(&live), native(&core));
    assert_eq!(num(&live, &["score", "total"]), 77.0);
    // A bad incident is an error naming which one.
    let late = INCIDENT.replace("2026-03-01T06:30:00Z", "2026-03-01 下午");
    let bad = files(&[V02_INCIDENT_1.into(), late.into()]);
    let (code, at, message) = error_of(s.score(parse(V02_ASSESSMENT), bad));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_TIMESTAMP", "$.timeline.reported_at")
    );
    assert!(message.contains("第 2 个事件文件"), "{message}");
}

#[wasm_bindgen_test]
fn seal_errors_are_js_errors_with_code_and_path() {
    let s = session(V02_RUBRIC);
    let (code, at, _) = error_of(s.seal(
        V02_ASSESSMENT.into(),
        JsValue::NULL,
        "2026-01-15 08:00".into(),
        JsValue::NULL,
    ));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_TIMESTAMP", "$.generated_at")
    );
    let (code, ..) = error_of(s.seal(
        V02_ASSESSMENT.into(),
        JsValue::NULL,
        JsValue::from_f64(1.0),
        JsValue::NULL,
    ));
    assert_eq!(code, "E_TIMESTAMP");
    let no_code = V02_ASSESSMENT.replace("\"code\": \"91350100M000100Y43\",", "");
    let (code, at, _) = error_of(s.seal(
        no_code.into(),
        JsValue::UNDEFINED,
        V02_AT.into(),
        JsValue::NULL,
    ));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_FIELD_MISSING", "$.unit.code")
    );
    let (code, ..) = error_of(s.seal(
        V02_ASSESSMENT.into(),
        "not a list".into(),
        V02_AT.into(),
        JsValue::NULL,
    ));
    assert_eq!(code, "E_FIELD_TYPE");
}

#[wasm_bindgen_test]
fn verify_opens_the_vector_and_refuses_tampering() {
    let s = session(V02_RUBRIC);
    let o = s.verify(bytes(V02_EXPORT.as_bytes())).unwrap();
    assert_eq!(text(&o, &["generated_at"]), V02_AT);
    assert_eq!(
        text(&o, &["assessment", "unit", "code"]),
        "91350100M000100Y43"
    );
    assert_eq!(
        path(&o, &["assessment", "answers", "veto.art8", "triggered"]),
        JsValue::TRUE
    );
    assert_eq!(Array::from(&get(&o, "incidents")).length(), 2);
    assert_eq!(stringify(&path(&o, &["article8_met"])), "[[2,3]]");
    assert_eq!(num(&o, &["score", "total"]), 77.0);
    // Sealing what was opened, at its own time, gives the file again.
    let again = session(get(&o, "rubric"))
        .seal(
            get(&o, "assessment"),
            get(&o, "incidents"),
            get(&o, "generated_at"),
            JsValue::NULL,
        )
        .unwrap();
    assert_eq!(text(&again, &["text"]), V02_EXPORT);
    // Text in works the same.
    let t = s.verify(V02_EXPORT.into()).unwrap();
    assert_eq!(text(&t, &["digest"]), text(&o, &["digest"]));

    let tampered = V02_EXPORT.replace("\"assessor\": \"考核组\"", "\"assessor\": \"他人\"");
    let (code, at, _) = error_of(s.verify(tampered.into()));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_EXPORT_DIGEST", "$.digest")
    );
    let (code, at, _) = error_of(session(JsValue::NULL).verify(V02_EXPORT.into()));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_EXPORT_FOREIGN_RUBRIC", "$.rubric")
    );
    let (code, ..) = error_of(s.verify(parse(V02_EXPORT)));
    assert_eq!(code, "E_FIELD_TYPE");
}

#[wasm_bindgen_test]
fn open_gives_a_form_back_from_an_assessment_or_an_export() {
    let s = session(V02_RUBRIC);
    let a = s.open(bytes(V02_ASSESSMENT.as_bytes())).unwrap();
    assert_eq!(text(&a, &["kind"]), "assessment");
    assert_eq!(
        stringify(&get(&a, "assessment")),
        stringify(&s.validate_assessment(V02_ASSESSMENT.into()).unwrap())
    );
    assert_eq!(
        stringify(&s.open(V02_ASSESSMENT.into()).unwrap()),
        stringify(&a)
    );

    let e = s.open(bytes(V02_EXPORT.as_bytes())).unwrap();
    assert_eq!(text(&e, &["kind"]), "export");
    assert_eq!(
        stringify(&get(&e, "opened")),
        stringify(&s.verify(V02_EXPORT.into()).unwrap())
    );
    assert_eq!(
        path(
            &e,
            &["opened", "assessment", "answers", "veto.art8", "triggered"]
        ),
        JsValue::TRUE
    );

    // An incident is no form: the error says what the file is.
    let (code, at, message) = error_of(s.open(V02_INCIDENT_1.into()));
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("E_SCHEMA_UNKNOWN", "$.schema")
    );
    assert!(message.contains("事件文件"), "{message}");
    // The export is checked against the session's rubric; the assessment too.
    let (code, ..) = error_of(session(JsValue::NULL).open(V02_EXPORT.into()));
    assert_eq!(code, "E_EXPORT_FOREIGN_RUBRIC");
    let (code, ..) = error_of(session(JsValue::NULL).open(V02_ASSESSMENT.into()));
    assert_eq!(code, "E_ASSESSMENT_RUBRIC_MISMATCH");
    let (code, ..) = error_of(s.open("{".into()));
    assert_eq!(code, "E_JSON_SYNTAX");
    let (code, ..) = error_of(s.open(parse(V02_ASSESSMENT)));
    assert_eq!(code, "E_FIELD_TYPE");
}

#[wasm_bindgen_test]
fn aggregate_gives_every_file_one_outcome_and_the_csv() {
    let max = f64::from(wasm::max_input_bytes());
    let current = files(&[
        batch_file("a/unit.json", Some(V02_EXPORT.as_bytes()), None),
        batch_file("a/huge.json", None, Some(max + 1.0)),
        batch_file("a/unread.json", None, Some(10.0)),
        batch_file("a/broken.json", Some(b"{\"schema\":"), None),
        batch_file("a/zz-copy.json", Some(V02_EXPORT.as_bytes()), None),
    ]);
    let s = session(V02_RUBRIC);
    let out = s.aggregate(current.clone(), JsValue::NULL).unwrap();
    let r = get(&out, "result");
    assert_eq!(text(&r, &["schema"]), "cyberduty.aggregate/1");
    let codes: Vec<String> = Array::from(&get(&r, "files"))
        .iter()
        .map(|f| text(&f, &["code"]))
        .collect();
    assert_eq!(
        codes,
        [
            "OK",
            "E_INPUT_TOO_LARGE",
            "E_FILE_UNREADABLE",
            "E_JSON_SYNTAX",
            "E_EXPORT_DUPLICATE"
        ]
    );
    assert_eq!(num(&r, &["summary", "count"]), 1.0);
    assert_eq!(num(&r, &["summary", "mean"]), 77.0);
    assert_eq!(num(&r, &["units", "0", "rank"]), 1.0);
    assert_eq!(text(&r, &["units", "0", "path"]), "a/unit.json");
    assert_eq!(
        Array::from(&path(&r, &["summary", "histogram"])).length(),
        10
    );
    assert!(path(&r, &["summary", "changes"]).is_null());
    assert!(Array::from(&get(&r, "weakest")).length() > 0);
    assert_eq!(
        stringify(&path(&r, &["weakest", "0"])),
        stringify(&path(&r, &["items", "0"]))
    );
    let csv = text(&out, &["csv"]);
    assert!(csv.starts_with("\u{FEFF}排名,单位名称"));
    assert!(
        csv.contains("\r\n1,某县网信办,91350100M000100Y43,2026,77.00,不合格,是,是,"),
        "{csv}"
    );
    assert!(
        csv.contains(
            ",未签名,未核验发送单位,,\"一票否决(发生第八条情形),排在未被否决的单位之后\",\r\n"
        ),
        "{csv}"
    );

    // A chunk at a time through Aggregation: the same result.
    let mut a = s.aggregation();
    let list = Array::from(&current);
    a.add(files(&[list.get(0), list.get(1)])).unwrap();
    a.add(files(&[list.get(2), list.get(3), list.get(4)]))
        .unwrap();
    a.add_previous(JsValue::NULL).unwrap();
    let chunked = a.finish().unwrap();
    assert_eq!(stringify(&chunked), stringify(&out));

    // Checked by another session of the same rubric (a Web Worker's), taken here: the same result.
    let worker = session(V02_RUBRIC).aggregation();
    let mut page = s.aggregation();
    page.take(
        &worker
            .check(files(&[list.get(0), list.get(1)]), None)
            .unwrap(),
    )
    .unwrap();
    let rest = worker
        .check(files(&[list.get(2), list.get(3), list.get(4)]), Some(false))
        .unwrap();
    page.take(&rest).unwrap();
    assert_eq!(stringify(&page.finish().unwrap()), stringify(&out));
    // Taken by an aggregation of another rubric: refused.
    let (code, ..) = error_of(session(JsValue::NULL).aggregation().take(&rest));
    assert_eq!(code, "E_FIELD_TYPE");

    // Against the default rubric the vector is foreign; a bad list throws.
    let out = session(JsValue::NULL)
        .aggregate(current, JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(
        text(&out, &["result", "files", "0", "code"]),
        "E_EXPORT_FOREIGN_RUBRIC"
    );
    let (code, ..) = error_of(s.aggregate("x".into(), JsValue::NULL));
    assert_eq!(code, "E_FIELD_TYPE");
    let (code, at, _) = error_of(s.aggregate(files(&[Object::new().into()]), JsValue::NULL));
    assert_eq!((code.as_str(), at.as_str()), ("E_FIELD_TYPE", "$[0].name"));
    let (code, ..) = error_of(s.aggregation().add("x".into()));
    assert_eq!(code, "E_FIELD_TYPE");
}

#[wasm_bindgen_test]
fn schemas_lists_export_and_aggregate() {
    let tags = stringify(&wasm::schemas().unwrap());
    // The newest export version read (signed exports, issue 11).
    assert!(tags.contains("cyberduty.export/2"));
    assert!(tags.contains("cyberduty.aggregate/1"));
}

#[wasm_bindgen_test]
fn what_if_is_the_native_plan() {
    let s = session(RUBRIC);
    let plan = s.what_if(ASSESSMENT.into(), JsValue::UNDEFINED).unwrap();
    let r = Rubric::parse(RUBRIC).unwrap();
    let a = Assessment::parse(ASSESSMENT, &r).unwrap();
    let native = cyberduty::domain::whatif::what_if(&r, &a).unwrap();
    assert_eq!(value(&plan), self::native(&native));
    assert_eq!(text(&plan, &["schema"]), "cyberduty.whatif/1");
    assert_eq!(text(&plan, &["target", "grade"]), "合格");
}

#[wasm_bindgen_test]
fn classify_with_a_ledger_is_the_native_classification() {
    const LEDGER: &str = include_str!("e2e/fixtures/ledger-sample.json");
    const NOTHING: &str = include_str!("vectors/incident/08-nothing-known/incident.json");
    let c = wasm::classify(
        NOTHING.into(),
        JsValue::NULL,
        LEDGER.into(),
        "2026-04-01".into(),
    )
    .unwrap();
    // asOf is also the report forms' clock: the native call with the same now.
    let now = cyberduty::domain::incident::AsOf::parse("2026-04-01", "asOf").unwrap();
    let expected = cyberduty::domain::incident::classify_documents_at(
        &json::parse(NOTHING.as_bytes()).unwrap(),
        None,
        Some(&json::parse(LEDGER.as_bytes()).unwrap()),
        Some(&now),
    )
    .unwrap();
    assert_eq!(value(&c), native(&expected));
    assert_eq!(
        text(&c, &["reporting", "as_of"]),
        "2026-04-01T00:00:00+08:00"
    );
    assert_eq!(text(&c, &["ledger", "status"]), "met");
    // A ledger without its date is refused, not reviewed as of some clock.
    let (code, at, _) = error_of(wasm::classify(
        NOTHING.into(),
        JsValue::NULL,
        LEDGER.into(),
        JsValue::NULL,
    ));
    assert_eq!((code.as_str(), at.as_str()), ("E_FIELD_MISSING", "asOf"));
    let r = wasm::review_ledger(LEDGER.into(), "2026-04-01").unwrap();
    assert_eq!(num(&r, &["review", "overdue"]), 1.0);
}

// ---- Unit keys, signed exports and the roster (issue 11) ----

const UNIT_KEY: &str = include_str!("e2e/fixtures/unit-test.key");
const UNIT_PUBKEY: &str = include_str!("e2e/fixtures/unit-test.pubkey.json");
/// `cyberduty export` (native) of assessment-test.json with its code set to 91350100M000100Y43,
/// `--key unit-test.key --generated-at 2026-01-15T08:00:00Z` (passphrase below).
const SIGNED: &str = include_str!("e2e/fixtures/signed-test.json");
const PASSPHRASE: &str = "correct horse battery";

#[wasm_bindgen_test]
fn a_native_key_signs_in_wasm_exactly_as_natively() {
    let key = wasm::UnitKeyHandle::open(UNIT_KEY.as_bytes(), PASSPHRASE).unwrap();
    assert_eq!(key.fingerprint(), "0365 a0ea ebb1 65ed");
    let pubkey = key.pubkey().unwrap();
    assert_eq!(
        stringify(&pubkey),
        stringify(&parse(UNIT_PUBKEY)),
        "pubkey native = wasm"
    );
    let assessment = ASSESSMENT.replace("11100000MB0000000P", "91350100M000100Y43");
    let sealed = session(RUBRIC)
        .seal(
            parse(&assessment),
            JsValue::NULL,
            "2026-01-15T08:00:00Z".into(),
            JsValue::NULL,
        )
        .unwrap();
    let signed = key.sign_export(&text(&sealed, &["text"])).unwrap();
    assert_eq!(
        text(&signed, &["text"]),
        SIGNED,
        "signed export native = wasm"
    );
    // And it opens, signed, in wasm.
    let opened = session(RUBRIC).verify(SIGNED.into()).unwrap();
    assert_eq!(
        text(&opened, &["signer", "key_id"]),
        text(&pubkey, &["key_id"])
    );

    let (code, ..) = error_of(wasm::UnitKeyHandle::open(UNIT_KEY.as_bytes(), "wrong one"));
    assert_eq!(code, "E_KEY_PASSPHRASE");
    let cut = &UNIT_KEY.as_bytes()[..UNIT_KEY.len() / 2];
    let (code, ..) = error_of(wasm::UnitKeyHandle::open(cut, PASSPHRASE));
    assert_eq!(code, "E_KEY_FILE");
}

#[wasm_bindgen_test]
fn keys_made_in_wasm_open_with_their_passphrase() {
    let key =
        wasm::UnitKeyHandle::generate("91350100M000100Y43", "测试单位", "2026-01-01T00:00:00Z")
            .unwrap();
    let file = key.to_file("a new passphrase").unwrap();
    let back = wasm::UnitKeyHandle::open(file.as_bytes(), "a new passphrase").unwrap();
    assert_eq!(back.fingerprint(), key.fingerprint());
    let (code, ..) = error_of(key.to_file("short"));
    assert_eq!(code, "E_KEY_PASSPHRASE");
}

#[wasm_bindgen_test]
fn a_roster_in_wasm_accepts_the_signed_file_and_lists_the_missing() {
    let csv =
        "统一社会信用代码,单位名称\n91350100M000100Y43,某市网信办\n91350100M000200Y4T,乙单位\n";
    let roster = wasm::roster_from_csv(csv.as_bytes(), "某市委组织部", None).unwrap();
    let added = wasm::roster_add_key(roster, parse(UNIT_PUBKEY), None, None).unwrap();
    assert_eq!(get(&added, "added").as_bool(), Some(true));
    let mut agg = session(RUBRIC).aggregation();
    agg.set_roster(get(&added, "roster")).unwrap();
    let file = Object::new();
    Reflect::set(&file, &"name".into(), &"signed.json".into()).unwrap();
    Reflect::set(&file, &"bytes".into(), &Uint8Array::from(SIGNED.as_bytes())).unwrap();
    Reflect::set(&file, &"size".into(), &(SIGNED.len() as f64).into()).unwrap();
    agg.add(Array::of1(&file).into()).unwrap();
    let out = agg.finish().unwrap();
    assert_eq!(text(&out, &["result", "files", "0", "code"]), "OK");
    assert_eq!(
        path(&out, &["result", "summary", "senders_verified"]).as_bool(),
        Some(true)
    );
    assert_eq!(
        text(&out, &["result", "summary", "missing", "0", "code"]),
        "91350100M000200Y4T"
    );
}

#[wasm_bindgen_test]
fn a_draft_locked_in_wasm_opens_natively_and_back() {
    use cyberduty::domain::sign::lock::DraftLock as Native;
    let lock = wasm::DraftLock::create("draft passphrase").unwrap();
    let sealed = lock.seal("{\"unit\":\"某单位\"}").unwrap();
    assert!(wasm::DraftLock::is_locked(&sealed));
    let native = Native::unlock(&lock.verifier(), "draft passphrase").unwrap();
    assert_eq!(native.open(&sealed).unwrap(), "{\"unit\":\"某单位\"}");
    let back = native.seal("草稿").unwrap();
    assert_eq!(lock.open(&back).unwrap(), "草稿");
    let (code, _, _) = error_of(wasm::DraftLock::unlock(
        &lock.verifier(),
        "wrong passphrase",
    ));
    assert_eq!(code, "E_KEY_PASSPHRASE");
}

#[wasm_bindgen_test]
fn propose_is_the_native_proposal_or_its_refusal() {
    const NAMED: &str =
        include_str!("vectors/proposal/01-portal-defaced-named-people/incident.json");
    const MINOR: &str = include_str!("vectors/proposal/03-not-met-refused/incident.json");
    let p = wasm::propose(NAMED.into(), JsValue::NULL, JsValue::NULL, JsValue::NULL).unwrap();
    let expected = cyberduty::domain::incident::proposal::propose_documents(
        &json::parse(NAMED.as_bytes()).unwrap(),
        None,
        None,
        None,
    )
    .unwrap();
    assert_eq!(value(&p), native(&expected));
    assert_eq!(text(&p, &["schema"]), "cyberduty.proposal/1");
    let (code, at, _) = error_of(wasm::propose(
        MINOR.into(),
        JsValue::NULL,
        JsValue::NULL,
        JsValue::NULL,
    ));
    assert_eq!((code.as_str(), at.as_str()), ("E_PROPOSAL_NOT_MET", "$"));
}

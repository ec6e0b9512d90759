//! Sealed exports (issue 5): what a file holds, its digest recomputed independently, the Article 8
//! veto set from incidents, every check of `open` with its code, and re-sealing byte for byte.

mod common;
use common::exports::*;
use cyberduty::domain::digest;
use cyberduty::domain::export::{self, Decision};
use cyberduty::domain::incident;
use cyberduty::domain::json;
use cyberduty::domain::rubric::Rubric;
use cyberduty::Code;
use serde_json::{json, Value};

const AT: &str = "2026-01-15T08:00:00Z";

fn full() -> Value {
    json!({"org.a": {"met": true}, "org.b": {"level": 1}, "tech.c": {"numerator": 8, "denominator": 10},
           "tech.d": {"count": 3}, "veto.fake": {"triggered": false}, "bonus.x": {"met": true}})
}

fn sealed_value(answers: Value, incidents: &[Value]) -> (export::Sealed, Value) {
    let r = rubric();
    let s = seal(&r, &assessment(&r, 7, "2026", answers), incidents, AT);
    let v = value(&s.text);
    (s, v)
}

fn open_err(v: &Value) -> cyberduty::Error {
    let reference = export::Reference::new(Rubric::from_json(&doc(&rubric())).unwrap());
    export::open_bytes(v.to_string().as_bytes(), Some(&reference)).expect_err("must be refused")
}

#[test]
fn an_export_holds_everything_and_its_digest_is_sm3_over_the_rest() {
    let (s, v) = sealed_value(full(), &[]);
    // In this order in the text (serde_json's Value sorts keys, so look at the text).
    let order = [
        "schema",
        "generated_at",
        "generator",
        "rubric",
        "assessment",
        "score",
        "digest",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|k| s.text.find(&format!("\n  \"{k}\": ")).expect(k))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert_eq!(v.as_object().unwrap().len(), order.len());
    assert_eq!(v["schema"], "cyberduty.export/1");
    assert_eq!(v["generated_at"], AT);
    assert_eq!(
        v["generator"],
        json!({"name": "cyberduty", "version": cyberduty::VERSION})
    );
    // 20 + 15 + 20 + 19 = 74, + 3 bonus = 77.
    assert_eq!(v["score"]["total"], json!(77.0));
    assert_eq!(s.score.total.0, 7700);
    assert_eq!(v["rubric"]["id"], "test.small");
    assert_eq!(
        v["score"]["rubric"]["digest"],
        json!(Rubric::from_json(&doc(&rubric())).unwrap().digest())
    );

    // The digest is SM3 over the RFC 8785 form of the object without `digest`, recomputed here from
    // the text alone with serde_json.
    let mut unsigned = v.clone();
    unsigned.as_object_mut().unwrap().remove("digest");
    let canonical = digest::canonical(&unsigned);
    assert!(canonical.starts_with(r#"{"assessment":{"answers":{"bonus.x":{"met":true}"#));
    let expected = format!("sm3:{}", digest::sm3_hex(canonical.as_bytes()));
    assert_eq!(v["digest"], json!(expected));
    assert_eq!(s.digest, expected);
    let hex = &expected[4..];
    assert_eq!(
        s.check_code,
        format!(
            "{} {} {} {}",
            &hex[0..4],
            &hex[4..8],
            &hex[8..12],
            &hex[12..16]
        )
    );
    assert_eq!(
        s.file_name,
        format!("911100000000000074_2026_{}.cyberduty.json", &hex[..8])
    );
    assert!(s.text.ends_with("}\n"));
}

#[test]
fn sealing_is_deterministic_and_depends_on_the_time() {
    let (a, _) = sealed_value(full(), &[]);
    let (b, _) = sealed_value(full(), &[]);
    assert_eq!(a.text, b.text);
    let r = rubric();
    let c = seal(
        &r,
        &assessment(&r, 7, "2026", full()),
        &[],
        "2026-01-15T08:00:00.001Z",
    );
    assert_ne!(a.digest, c.digest);
    assert_eq!(a.score, c.score);
}

#[test]
fn export_read_back_and_sealed_again_is_byte_identical() {
    for incidents in [
        vec![],
        vec![secret_leak(), quiet_incident()],
        vec![quiet_incident()],
    ] {
        let (first, _) = sealed_value(full(), &incidents);
        let opened = export::open_bytes(first.text.as_bytes(), None).expect("opens");
        let rubric_doc = json::to_json(&opened.rubric);
        let assessment_doc = json::to_json(&opened.assessment);
        let again = export::seal(
            Some(&rubric_doc),
            &assessment_doc,
            &opened.incidents,
            &opened.generated_at,
            cyberduty::VERSION,
        )
        .unwrap();
        assert_eq!(again.text, first.text);
        assert_eq!(again.digest, first.digest);
    }
}

#[test]
fn the_page_clock_format_is_accepted_and_bad_times_are_refused() {
    let r = rubric();
    let a = doc(&assessment(&r, 7, "2026", full()));
    assert!(export::seal(
        Some(&doc(&r)),
        &a,
        &[],
        "2026-01-15T08:00:00.000Z",
        cyberduty::VERSION
    )
    .is_ok());
    for bad in [
        "2026-01-15T16:00:00+08:00",
        "2026-01-15",
        "2026-13-01T00:00:00Z",
        "",
    ] {
        let e = export::seal(Some(&doc(&r)), &a, &[], bad, cyberduty::VERSION).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (Code::Timestamp, "$.generated_at"),
            "{bad}"
        );
    }
}

#[test]
fn an_export_needs_the_unit_code_and_the_period() {
    let r = rubric();
    let mut a = assessment(&r, 7, "2026", full());
    a["unit"].as_object_mut().unwrap().remove("code");
    let e = export::seal(Some(&doc(&r)), &doc(&a), &[], AT, cyberduty::VERSION).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::FieldMissing, "$.unit.code")
    );
    let a = assessment(&r, 7, "  ", full());
    let e = export::seal(Some(&doc(&r)), &doc(&a), &[], AT, cyberduty::VERSION).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::FieldMissing, "$.period"));
}

#[test]
fn the_default_rubric_is_used_without_one() {
    let r = Rubric::default_rubric();
    let a = json!({
        "schema": "cyberduty.assessment/1",
        "rubric": {"id": r.id, "version": r.version},
        "unit": {"name": "某县网信办", "code": "11110000000000001R"},
        "period": "2026",
        "answers": {}
    });
    let s = export::seal(None, &doc(&a), &[], AT, cyberduty::VERSION).unwrap();
    let v = value(&s.text);
    assert_eq!(v["rubric"], serde_json::to_value(&r).unwrap());
    assert_eq!(s.score.total.0, 0);
    assert!(!s.score.complete);
    assert!(export::open_bytes(s.text.as_bytes(), Some(&export::Reference::new(r))).is_ok());
}

// ---- Article 8 ---------------------------------------------------------------------------------

fn statuses(i: &Value) -> Vec<String> {
    let c = incident::classify_document(&doc(i)).unwrap();
    c.triggers
        .iter()
        .map(|t| {
            serde_json::to_value(t.status)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn the_test_incidents_classify_as_the_tests_assume() {
    let not_met = vec!["not_met"; 7];
    assert_eq!(statuses(&quiet_incident()), not_met);
    let mut leak = not_met.clone();
    leak[2] = "met";
    assert_eq!(statuses(&secret_leak()), leak);
    let unclear = statuses(&unclear_incident());
    assert!(unclear.iter().all(|s| s != "met"));
    assert!(unclear.iter().any(|s| s == "undetermined"));
}

fn art8(answers: Value, incidents: &[Value]) -> (Decision, Option<bool>, Value) {
    let (s, v) = sealed_value(answers, incidents);
    assert_eq!(s.auto_vetoes.len(), 1);
    let d = &s.auto_vetoes[0];
    assert_eq!(d.veto, "veto.art8");
    assert!(export::open_bytes(s.text.as_bytes(), None).is_ok());
    (
        d.decision,
        d.triggered,
        v["assessment"]["answers"]["veto.art8"].clone(),
    )
}

#[test]
fn a_met_situation_triggers_the_auto_veto() {
    // No answer: set.
    let (d, t, answer) = art8(full(), &[quiet_incident(), secret_leak()]);
    assert_eq!((d, t), (Decision::SetTriggered, Some(true)));
    assert_eq!(answer["triggered"], json!(true));
    assert_eq!(
        answer["note"],
        json!("由事件研判自动判定为触发:第 2 个事件符合第八条第(三)项")
    );
    // An explicit false is replaced, and the note says what was written.
    let mut a = full();
    a["veto.art8"] = json!({"triggered": false, "note": "本期无事件"});
    let (d, _, answer) = art8(a, &[secret_leak()]);
    assert_eq!(d, Decision::OverrodeClear);
    assert_eq!(answer["triggered"], json!(true));
    assert!(answer["note"]
        .as_str()
        .unwrap()
        .ends_with("(自评表原填写为未触发)"));
    // An explicit true is kept as written, note included.
    let mut a = full();
    a["veto.art8"] = json!({"triggered": true, "note": "经调查确认"});
    let (d, _, answer) = art8(a, &[secret_leak()]);
    assert_eq!(d, Decision::KeptAnswer);
    assert_eq!(answer, json!({"triggered": true, "note": "经调查确认"}));
    // The score follows: vetoed, lowest grade.
    let (s, _) = sealed_value(full(), &[secret_leak()]);
    assert!(s.score.vetoed);
    assert_eq!(s.score.grade, "不合格");
    assert_eq!(s.score.total.0, 7700);
}

#[test]
fn without_a_met_situation_the_answer_comes_from_the_unit_or_stays_open() {
    // All clear and known, no answer: set to not triggered.
    let (d, t, answer) = art8(full(), &[quiet_incident(), quiet_incident()]);
    assert_eq!((d, t), (Decision::SetClear, Some(false)));
    assert_eq!(answer["triggered"], json!(false));
    // An explicit true without a met situation is the unit's own finding: kept.
    let mut a = full();
    a["veto.art8"] = json!({"triggered": true});
    assert_eq!(art8(a, &[quiet_incident()]).0, Decision::KeptAnswer);
    // Something undetermined: left for the unit, so the assessment is incomplete.
    let (d, t, answer) = art8(full(), &[quiet_incident(), unclear_incident()]);
    assert_eq!((d, t), (Decision::LeftUnanswered, None));
    assert_eq!(answer, Value::Null);
    // No incidents attached is not evidence of none.
    let (d, t, _) = art8(full(), &[]);
    assert_eq!((d, t), (Decision::LeftUnanswered, None));
    let (s, _) = sealed_value(full(), &[]);
    assert_eq!(s.score.missing, ["veto.art8"]);
    // An explicit false with nothing met is kept.
    let mut a = full();
    a["veto.art8"] = json!({"triggered": false});
    assert_eq!(art8(a, &[unclear_incident()]).0, Decision::KeptAnswer);
}

#[test]
fn a_bad_incident_stops_the_export_with_its_own_code() {
    let r = rubric();
    let bad = json!({"schema": "cyberduty.incident/1", "facts": {"attacked": "yes"}});
    let e = export::seal(
        Some(&doc(&r)),
        &doc(&assessment(&r, 7, "2026", full())),
        &[doc(&quiet_incident()), doc(&bad)],
        AT,
        cyberduty::VERSION,
    )
    .unwrap_err();
    assert_eq!(e.code, Code::FieldType, "{e}");
    assert!(e.message.starts_with("第 2 个事件文件:"), "{e}");
}

// ---- open: every check, in order ---------------------------------------------------------------

#[test]
fn open_refuses_what_is_not_an_intact_export() {
    let (_, good) = sealed_value(full(), &[]);
    let check = |v: &Value, code: Code, path: &str| {
        let e = open_err(v);
        assert_eq!((e.code, e.path.as_str()), (code, path), "{e}");
    };

    let mut v = good.clone();
    v["schema"] = json!("cyberduty.export/3");
    check(&v, Code::SchemaFuture, "$.schema");
    check(
        &json!({"schema": "cyberduty.assessment/1"}),
        Code::SchemaUnknown,
        "$.schema",
    );

    let mut v = good.clone();
    v["extra"] = json!(1);
    check(&v, Code::FieldUnknown, "$.extra");

    let mut v = good.clone();
    v["digest"] = json!("sm3:ABC");
    check(&v, Code::FieldRange, "$.digest");

    // Edited, not re-signed.
    let mut v = good.clone();
    v["assessment"]["answers"]["org.a"]["met"] = json!(false);
    check(&v, Code::ExportDigest, "$.digest");
    let mut v = good.clone();
    v["score"]["total"] = json!(99);
    check(&v, Code::ExportDigest, "$.digest");

    // Edited and re-signed: the re-score catches it.
    let mut v = good.clone();
    v["score"]["total"] = json!(99);
    let e = open_err(&value(&resign(&mut v)));
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::ExportScoreMismatch, "$.score.total")
    );
    assert!(
        e.message.contains("99") && e.message.contains("77.00"),
        "{e}"
    );

    let mut v = good.clone();
    v["assessment"]["answers"]["org.a"]["met"] = json!(false);
    check(
        &value(&resign(&mut v)),
        Code::ExportScoreMismatch,
        "$.score.total",
    );

    // Same total, different detail: the whole report is compared.
    let mut v = good.clone();
    v["score"]["grade"] = json!("优秀");
    check(
        &value(&resign(&mut v)),
        Code::ExportScoreMismatch,
        "$.score.grade",
    );
    let mut v = good.clone();
    v["assessment"]["answers"]["veto.fake"]["triggered"] = json!(true);
    check(
        &value(&resign(&mut v)),
        Code::ExportScoreMismatch,
        "$.score.grade",
    );

    // Edited consistently everywhere and re-signed: a valid file, but not on the reference rubric.
    let mut v = good.clone();
    v["rubric"]["bonus_cap"] = json!(6);
    rescore(&mut v);
    check(
        &value(&resign(&mut v)),
        Code::ExportForeignRubric,
        "$.rubric",
    );

    // An embedded rubric that does not validate.
    let mut v = good.clone();
    v["rubric"]["total"] = json!(101);
    check(
        &value(&resign(&mut v)),
        Code::RubricPointsSum,
        "$.rubric.total",
    );

    // Answers that do not fit the embedded rubric.
    let mut v = good.clone();
    v["assessment"]["answers"]["org.b"] = json!({"level": 9});
    check(
        &value(&resign(&mut v)),
        Code::AnswerRange,
        "$.assessment.answers[\"org.b\"].level",
    );

    let mut v = good.clone();
    v["generated_at"] = json!("yesterday");
    check(&value(&resign(&mut v)), Code::Timestamp, "$.generated_at");
}

#[test]
fn open_rejects_a_met_situation_with_the_veto_cleared() {
    let (_, good) = sealed_value(full(), &[secret_leak()]);
    assert_eq!(
        good["assessment"]["answers"]["veto.art8"]["triggered"],
        json!(true)
    );
    let mut v = good.clone();
    v["assessment"]["answers"]["veto.art8"] = json!({"triggered": false});
    rescore(&mut v);
    let e = open_err(&value(&resign(&mut v)));
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::ExportArticle8, "$.assessment.answers[\"veto.art8\"]"),
        "{e}"
    );
    assert!(e.message.contains("第八条第(三)项"), "{e}");

    // Dropping the incidents instead is consistent (and is the unit's declaration).
    let mut v = good.clone();
    v["assessment"]["answers"]["veto.art8"] = json!({"triggered": false});
    v.as_object_mut().unwrap().remove("incidents");
    rescore(&mut v);
    assert!(export::open_bytes(resign(&mut v).as_bytes(), None).is_ok());

    // A classification whose shape is not understood is refused, not ignored.
    let mut v = good.clone();
    v["incidents"][0]["classification"]
        .as_object_mut()
        .unwrap()
        .remove("triggers");
    let e = open_err(&value(&resign(&mut v)));
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::FieldMissing, "$.incidents[0].classification.triggers")
    );
}

#[test]
fn duplicate_keys_anywhere_are_refused_before_the_digest() {
    let (s, _) = sealed_value(full(), &[]);
    let text = s.text.replacen(
        "\"assessor\": \"考核组\"",
        "\"assessor\": \"考核组\", \"assessor\": \"x\"",
        1,
    );
    assert_ne!(text, s.text);
    let e = export::open_bytes(text.as_bytes(), None).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::JsonDuplicateKey, "$.assessment.assessor")
    );
}

#[test]
fn check_code_and_file_name_helpers() {
    let d = "sm3:66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
    assert_eq!(export::check_code(d), "66c7 f0f4 62ee edd9");
    assert_eq!(
        export::file_name("9111 0000<X>", "2026/上半年", d),
        "9111_0000_X__2026_上半年_66c7f0f4.cyberduty.json"
    );
    let long = "年".repeat(100);
    let name = export::file_name("X", &long, d);
    assert_eq!(
        name,
        format!("X_{}_66c7f0f4.cyberduty.json", "年".repeat(64))
    );
}

//! The `cyberduty` binary as a user runs it: exit codes, stdout, stderr.

mod common;
use common::cli::{bin, out, tmp};

/// A file of a score vector (tests/vectors/score/<case>/).
fn vector(case: &str, file: &str) -> String {
    common::vectors::arg("score", case, file)
}

#[test]
fn score_prints_the_total_grade_and_every_loss() {
    let case = "02-every-method";
    let (code, stdout, _) = out(&bin(&[
        "score",
        &vector(case, "assessment.json"),
        "--rubric",
        &vector(case, "rubric.json"),
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("总分:54.00(基础分 54.00 + 加分 0.00,满分 105.00)  等次:不合格"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-20.00 明确第一责任人:未达到要求,扣 20 分"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-6.00 通报问题未整改:3 项,每项扣 2 分,扣 6 分"),
        "{stdout}"
    );
}

#[test]
fn score_json_is_the_report() {
    let case = "08-rounds-89.995-to-90";
    let (code, stdout, _) = out(&bin(&[
        "score",
        "--json",
        &vector(case, "assessment.json"),
        "--rubric",
        &vector(case, "rubric.json"),
    ]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["total"], serde_json::json!(90.0));
    assert_eq!(v["grade"], "优秀");
    assert_eq!(v["schema"], "cyberduty.score/1");
}

#[test]
fn the_default_rubric_is_used_when_none_is_given() {
    let (code, rubric, _) = out(&bin(&["rubric"]));
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_str(&rubric).unwrap();
    let a = serde_json::json!({"schema": "cyberduty.assessment/1", "rubric": {"id": r["id"], "version": r["version"]}, "answers": {}});
    let f = tmp("empty.json", a.to_string().as_bytes());
    let (code, stdout, _) = out(&bin(&["score", &f, "--json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (v["total"].as_f64(), v["complete"].as_bool()),
        (Some(0.0), Some(false))
    );
    assert_eq!(v["grade"], "不合格");
}

#[test]
fn a_utf8_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(vector("01-full-marks", "assessment.json")).unwrap());
    let f = tmp("bom.json", &bytes);
    let (code, stdout, _) = out(&bin(&[
        "score",
        &f,
        "--rubric",
        &vector("01-full-marks", "rubric.json"),
    ]));
    assert_eq!(code, 0);
    assert!(stdout.contains("总分:100.00"), "{stdout}");
}

#[test]
fn invalid_input_exits_1_with_code_and_path_on_stderr() {
    let bad = tmp("bad-answer.json", br#"{"schema":"cyberduty.assessment/1","rubric":{"id":"test.small","version":"1"},"answers":{"org.b":{"level":7}}}"#);
    let (code, stdout, stderr) = out(&bin(&[
        "score",
        &bad,
        "--rubric",
        &vector("01-full-marks", "rubric.json"),
    ]));
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.contains("[E_ANSWER_RANGE] $.answers[\"org.b\"].level:档次序号 7 超出范围"),
        "{stderr}"
    );

    let (code, _, stderr) = out(&bin(&[
        "score",
        &tmp("trunc.json", br#"{"schema":"cyberduty.assess"#),
    ]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_JSON_SYNTAX]") && stderr.contains("截断"),
        "{stderr}"
    );

    let (code, _, stderr) = out(&bin(&["score", "/nonexistent/a.json"]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_FILE_UNREADABLE]") && stderr.contains("文件不存在"),
        "{stderr}"
    );

    let (code, _, stderr) = out(&bin(&["score", &tmp("utf16.json", b"\xFF\xFE{\0}\0")]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_INPUT_ENCODING]"), "{stderr}");
}

#[test]
fn validate_reports_rubrics_and_assessments() {
    let (code, stdout, _) = out(&bin(&["validate", &vector("01-full-marks", "rubric.json")]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("考核细则有效(test.small 1,4 个指标,总分 100"),
        "{stdout}"
    );
    let (code, stdout, _) = out(&bin(&[
        "validate",
        &vector("01-full-marks", "assessment.json"),
        "--rubric",
        &vector("01-full-marks", "rubric.json"),
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("自评表有效(细则 test.small 1,已作答 6 项)"),
        "{stdout}"
    );
    let bad = tmp("bad-rubric.json", br#"{"schema":"cyberduty.rubric/1","id":"x","version":"1","total":100,"grades":[{"name":"A","min":0}],"dimensions":[{"id":"d","items":[{"id":"i","points":99,"method":{"kind":"check"}}]}]}"#);
    let (code, _, stderr) = out(&bin(&["validate", &bad]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_RUBRIC_POINTS_SUM] $.total:各指标分值合计 99 分,与总分 100 分不一致"),
        "{stderr}"
    );
    let (code, _, stderr) = out(&bin(&[
        "validate",
        &tmp("future.json", br#"{"schema":"cyberduty.rubric/2"}"#),
    ]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_SCHEMA_FUTURE]") && stderr.contains("请升级"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(bin(&[]).status.code(), Some(2));
    assert_eq!(bin(&["score"]).status.code(), Some(2));
    assert_eq!(bin(&["score", "a.json", "b.json"]).status.code(), Some(2));
    assert_eq!(bin(&["score", "a.json", "--bogus"]).status.code(), Some(2));
    assert_eq!(bin(&["score", "a.json", "--rubric"]).status.code(), Some(2));
    assert_eq!(bin(&["frobnicate"]).status.code(), Some(2));
    let (code, stdout, _) = out(&bin(&["--help"]));
    assert_eq!(code, 0);
    for cmd in [
        "cyberduty rubric",
        "cyberduty validate",
        "cyberduty score",
        "cyberduty classify",
    ] {
        assert!(stdout.contains(cmd), "--help lacks {cmd}");
    }
}

/// A file of a what-if vector (tests/vectors/whatif/<case>/).
fn whatif_vector(case: &str, file: &str) -> String {
    common::vectors::arg("whatif", case, file)
}

#[test]
fn score_what_if_names_the_fewest_steps_to_the_next_grade() {
    let case = "05-incomplete";
    let (code, stdout, _) = out(&bin(&[
        "score",
        &whatif_vector(case, "assessment.json"),
        "--rubric",
        &whatif_vector(case, "rubric.json"),
        "--what-if",
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("提升建议:距离“合格”还差 40.00 分:完成以下 2 项即可(完成后 60.00 分)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  专题会议:未作答 → “分管领导主持”(该项加 15.00 分)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  安全员覆盖率:未作答 → 全部达标(该项加 25.00 分)"),
        "{stdout}"
    );

    let (code, stdout, _) = out(&bin(&[
        "score",
        &whatif_vector("01-ratio-step-reaches-excellent", "assessment.json"),
        "--rubric",
        &whatif_vector("01-ratio-step-reaches-excellent", "rubric.json"),
        "--what-if",
        "--json",
    ]));
    assert_eq!(code, 0);
    let plan: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(plan["schema"], "cyberduty.whatif/1");
    assert_eq!(plan["outcome"], "reachable");
    assert_eq!(plan["gap"], 0.01);
    assert_eq!(
        plan["steps"][0]["answer"],
        serde_json::json!({"numerator": 199, "denominator": 200})
    );
    assert_eq!(plan["resulting_total"], 90.0);
}

//! `cyberduty ledger` as a user runs it.

mod common;
use common::cli::{bin, out};

const LEDGER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/e2e/fixtures/ledger-sample.json"
);

#[test]
fn ledger_review_as_of_a_date() {
    let (code, stdout, stderr) = out(&bin(&["ledger", LEDGER, "--as-of", "2026-04-01"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "整改台账 — 某市某局(截至 2026年4月1日):共 3 项,逾期 1 项,即将到期 1 项\n\
         \x20 [逾期] R1 门户网站存在高危漏洞(某市委网信办 网信通〔2026〕3号):整改期限 2026年3月15日,已逾期 17 天\n\
         \x20 [即将到期] R2 弱口令(上级主管部门):整改期限 2026年4月3日(通报未写明期限,按两周计),还有 2 天\n\
         \x20 [已整改] R3 数据库暴露公网(公安机关):2026年3月10日 完成整改,晚于整改期限 2026年3月5日\n\
         \n第八条第(五)项「不及时整改并造成严重后果」:符合\n\
         \x20 某市委网信办通报的「门户网站存在高危漏洞」(整改期限 2026年3月15日,已逾期 17 天),且造成严重后果\n"
    );
    let (code, stdout, _) = out(&bin(&["ledger", LEDGER, "--as-of", "2026-04-01", "--json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["review"]["overdue"], 1);
    assert_eq!(v["review"]["article8_5"]["status"], "met");
    assert_eq!(v["review"]["entries"][1]["deadline"], "2026-04-03");
    assert_eq!(v["ledger"]["schema"], "cyberduty.rectification/1");
}

#[test]
fn bad_as_of_is_a_clear_error() {
    let (code, _, stderr) = out(&bin(&["ledger", LEDGER, "--as-of", "2026/04/01"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("E_FIELD_TYPE"), "{stderr}");
    assert!(stderr.contains("应为日期,格式如 2026-03-01"), "{stderr}");
}

fn incident(case: &str) -> String {
    common::vectors::arg("incident", case, "incident.json")
}

#[test]
fn classify_with_a_ledger_decides_article_8_5s_third_alternative() {
    let (code, stdout, stderr) = out(&bin(&[
        "classify",
        &incident("08-nothing-known"),
        "--ledger",
        LEDGER,
        "--as-of",
        "2026-04-01",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let c: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(c["triggers"][4]["status"], "met");
    assert_eq!(c["ledger"]["status"], "met");
    assert_eq!(c["warnings"].as_array().unwrap().len(), 0);
    // Before R1's deadline only R3 is late, with no consequence recorded: undetermined.
    let (_, stdout, _) = out(&bin(&[
        "classify",
        &incident("08-nothing-known"),
        "--ledger",
        LEDGER,
        "--as-of",
        "2026-03-10",
        "--json",
    ]));
    let c: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(c["triggers"][4]["status"], "undetermined");
    assert_eq!(c["ledger"]["status"], "undetermined");
    // Without the ledger the same incident leaves (五) to the facts.
    let (_, stdout, _) = out(&bin(&["classify", &incident("08-nothing-known"), "--json"]));
    let c: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(c.get("ledger").is_none());
    assert_eq!(c["triggers"][4]["status"], "undetermined");
}

#[test]
fn a_claim_against_the_ledger_is_a_conflict() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(incident("08-nothing-known")).unwrap())
            .unwrap();
    doc["facts"]["notified_risk_unrectified"] = serde_json::json!(false);
    let path = common::cli::tmp("incident-conflict.json", doc.to_string());
    let (code, stdout, _) = out(&bin(&[
        "classify",
        &path,
        "--ledger",
        LEDGER,
        "--as-of",
        "2026-04-01",
        "--json",
    ]));
    assert_eq!(code, 0);
    let c: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(c["warnings"][0]["code"], "W_FACT_CONFLICT");
    assert_eq!(c["warnings"][0]["path"], "facts.notified_risk_unrectified");
    assert!(c["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("「有关部门通报的问题和风险隐患是否未及时整改」填写为「否」,但整改台账显示为「是」(某市委网信办通报的"), "{}", c["warnings"][0]["message"]);
    assert_eq!(c["triggers"][4]["status"], "undetermined");
}

#[test]
fn a_bad_ledger_is_named_as_itself() {
    let path = common::cli::tmp(
        "ledger.json",
        r#"{"schema":"cyberduty.rectification/1","entries":[{"id":"R1"}]}"#,
    );
    let (code, _, stderr) = out(&bin(&[
        "classify",
        &incident("08-nothing-known"),
        "--ledger",
        &path,
        "--as-of",
        "2026-04-01",
    ]));
    assert_eq!(code, 1);
    assert!(stderr.contains("ledger.json"), "{stderr}");
    assert!(stderr.contains("E_FIELD_MISSING"), "{stderr}");
}

#[test]
fn validate_knows_a_ledger_and_a_policy() {
    let (code, stdout, _) = out(&bin(&["validate", LEDGER]));
    assert_eq!(code, 0);
    assert!(
        stdout.ends_with("ledger-sample.json: 整改台账有效(共 3 项)\n"),
        "{stdout}"
    );
    let policy = concat!(env!("CARGO_MANIFEST_DIR"), "/data/grading-2025.json");
    let (code, stdout, _) = out(&bin(&["validate", policy]));
    assert_eq!(code, 0);
    assert!(stdout.contains("事件分级政策有效"), "{stdout}");
}

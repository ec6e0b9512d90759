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

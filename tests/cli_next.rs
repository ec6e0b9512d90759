//! Issue 12 in the CLI: `score A --ledger L` prints the ledger's suggestions, `next` starts the
//! next period (answers reset, notes and evidence names under `carried`), `next-ledger` carries
//! the open 整改 entries forward, `export --ledger` seals the ledger into a `/2` file.

mod common;
use common::cli::{bin, out, tmp};
use serde_json::{json, Value};

const LEDGER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/e2e/fixtures/ledger-sample.json"
);

fn assessment(version: &str, tag: &str) -> String {
    tmp(
        &format!("a-{version}-{tag}.json"),
        json!({
            "schema": "cyberduty.assessment/1",
            "rubric": {"id": "cyberduty.default", "version": version},
            "unit": {"name": "某市某局", "code": "91350100M000100Y43"},
            "period": "2026",
            "assessor": "张三",
            "answers": {
                "org.roles": {"met": true, "note": "已发文", "evidence": [{"name": "分工文件.pdf", "sm3": format!("sm3:{}", "ab".repeat(32))}]},
                "org.plan": {"met": false, "note": "  "},
                "veto.falsified": {"triggered": false, "note": "无"}
            }
        })
        .to_string(),
    )
}

#[test]
fn score_with_a_ledger_prints_suggestions_and_changes_nothing() {
    let a = assessment("2026.3", "score");
    let (code, stdout, stderr) = out(&bin(&[
        "score",
        &a,
        "--ledger",
        LEDGER,
        "--as-of",
        "2026-04-01",
        "--json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v[0]["item"], "tech.notified");
    assert_eq!(v[0]["answer"], json!({"count": 3}));
    assert_eq!(v[1]["item"], "tech.vulns");
    assert_eq!(v[1]["answer"], json!({"count": 2}));
    assert_eq!(
        v[1]["reason"],
        "整改台账中2026年度内有关部门通报的 3 项中,截至 2026年4月1日 未在期限内完成整改并反馈的 2 项(未写明期限的按两周计)"
    );
    // On 03-10 only R3 is late: its deadline (03-05) passed before it was rectified and fed back.
    let (_, stdout, _) = out(&bin(&[
        "score",
        &a,
        "--ledger",
        LEDGER,
        "--as-of",
        "2026-03-10",
        "--json",
    ]));
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (
            v[0]["answer"]["count"].as_u64(),
            v[1]["answer"]["count"].as_u64()
        ),
        (Some(3), Some(1))
    );
    let (code, stdout, _) = out(&bin(&[
        "score",
        &a,
        "--ledger",
        LEDGER,
        "--as-of",
        "2026-04-01",
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(
            "建议 tech.notified(被有关部门通报的重大漏洞和风险隐患(每项扣 1 分)):3 项"
        ),
        "{stdout}"
    );
}

#[test]
fn next_resets_every_answer_and_keeps_notes_and_evidence_names() {
    // An assessment of the previous rubric version starts the next period under the current one.
    for version in ["2026.2", "2026.3"] {
        let a = assessment(version, "next");
        let (code, stdout, stderr) = out(&bin(&["next", &a, "--period", "2027年度"]));
        assert_eq!(code, 0, "{stderr}");
        let v: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            v,
            json!({
                "schema": "cyberduty.assessment/1",
                "rubric": {"id": "cyberduty.default", "version": "2026.3"},
                "unit": {"name": "某市某局", "code": "91350100M000100Y43"},
                "period": "2027",
                "answers": {},
                "carried": {"from_period": "2026", "answers": {
                    "org.roles": {"note": "已发文", "evidence": [{"name": "分工文件.pdf"}]},
                    "veto.falsified": {"note": "无"}
                }}
            })
        );
    }
    // The new file validates and scores as unanswered everywhere.
    let (_, stdout, _) = out(&bin(&[
        "next",
        &assessment("2026.3", "next2"),
        "--period",
        "2027",
    ]));
    let next = tmp("next.json", stdout);
    let (code, stdout, _) = out(&bin(&["score", &next, "--json"]));
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (r["complete"].as_bool(), r["total"].as_f64()),
        (Some(false), Some(0.0))
    );
}

#[test]
fn next_refuses_a_period_that_does_not_follow() {
    let a = assessment("2026.3", "refuse");
    let (code, _, stderr) = out(&bin(&["next", &a, "--period", "2026-H2"]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_FIELD_RANGE]")
            && stderr.contains("下一考核期 2026年下半年 应在本考核期 2026年度 结束之后开始"),
        "{stderr}"
    );
    let (code, _, stderr) = out(&bin(&["next", &a, "--period", "明年"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("不是年度"), "{stderr}");
    let (code, _, stderr) = out(&bin(&["next", &a]));
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn next_ledger_drops_closed_entries_and_keeps_open_ones_as_they_are() {
    let mut l: Value = serde_json::from_str(&std::fs::read_to_string(LEDGER).unwrap()).unwrap();
    l["entries"].as_array_mut().unwrap().push(json!({
        "id": "R4", "notified_by": "cac", "notified_on": "2026-01-05", "deadline": "2026-01-20",
        "problem": "旧问题", "status": "fed_back", "rectified_on": "2026-01-10", "fed_back_on": "2026-01-12"
    }));
    let path = tmp("ledger4.json", l.to_string());
    let target =
        std::env::temp_dir().join(format!("cyberduty-next-ledger-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&target);
    let t = target.to_string_lossy().into_owned();
    let (code, stdout, stderr) = out(&bin(&["next-ledger", &path, "-o", &t]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "已结转整改台账:保留未办结事项 3 项,已反馈的 1 项不再结转"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    let kept: Vec<(&str, &str)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kept,
        [
            ("R1", "in_progress"),
            ("R2", "in_progress"),
            ("R3", "rectified")
        ]
    );
    // Never over an existing file without --force.
    let (code, _, _) = out(&bin(&["next-ledger", &path, "-o", &t]));
    assert_eq!(code, 1);
    let _ = std::fs::remove_file(&target);
}

#[test]
fn export_with_a_ledger_then_aggregate_shows_the_overdue_count() {
    let a = assessment("2026.3", "export");
    let dir = std::env::temp_dir().join(format!("cyberduty-export-ledger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("e.json").to_string_lossy().into_owned();
    let (code, _, stderr) = out(&bin(&[
        "export",
        &a,
        "--ledger",
        LEDGER,
        "--generated-at",
        "2026-04-10T00:00:00Z",
        "-o",
        &file,
        "--force",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["schema"], "cyberduty.export/2");
    let (code, stdout, _) = out(&bin(&["aggregate", &file, "--json"]));
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(r["units"][0]["overdue"], 2);
    let (_, stdout, _) = out(&bin(&["aggregate", &file]));
    assert!(stdout.contains("逾期整改 2 项"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

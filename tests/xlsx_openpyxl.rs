//! The XLSX files the core writes, opened by a real third-party reader (Python openpyxl, installed
//! by scripts/setup.sh into ~/.cache/cyberduty/venv), and the template round trip: written by
//! `cyberduty template --xlsx`, filled with openpyxl as an inspector would, read back by
//! `cyberduty import` and scored to the same total as the equivalent JSON assessment.
//! Without openpyxl these tests fail: they never skip.

mod common;
use common::cli::{bin, out};
use common::exports::{unit, Scratch};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn python() -> PathBuf {
    // The same places scripts/setup.sh installs to.
    let venv = std::env::var_os("CYBERDUTY_VENV").map_or_else(
        || {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
                .join(".cache/cyberduty/venv")
        },
        PathBuf::from,
    );
    let p = std::env::var_os("CYBERDUTY_PYTHON").map_or(venv.join("bin/python"), PathBuf::from);
    let ok = Command::new(&p)
        .args(["-c", "import openpyxl"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "openpyxl is needed (a real third-party XLSX reader): run scripts/setup.sh, which installs \
         it into ~/.cache/cyberduty/venv, or set CYBERDUTY_PYTHON to a python with openpyxl ({})",
        p.display()
    );
    p
}

fn py(args: &[&str]) -> String {
    let o = Command::new(python())
        .args(args)
        .output()
        .expect("python runs");
    let (code, stdout, stderr) = out(&o);
    assert_eq!(code, 0, "python {args:?}: {stderr}");
    stdout
}

fn s(p: PathBuf) -> String {
    p.to_string_lossy().into_owned()
}

fn score(path: &str) -> (String, String) {
    let (code, stdout, stderr) = out(&bin(&["score", path, "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    (
        v["total"].to_string(),
        v["grade"].as_str().unwrap().to_string(),
    )
}

const FILL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xlsx/fill.py");
const RUBRIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/default.json");

#[test]
fn template_filled_with_openpyxl_imports_and_scores_like_the_json() {
    let dir = Scratch::new("xlsx-roundtrip");
    let template = s(dir.path().join("自评表.xlsx"));
    let (code, _, stderr) = out(&bin(&["template", "--xlsx", "-o", &template]));
    assert_eq!(code, 0, "{stderr}");

    // What an inspector sees: the sheets, the frozen header, the filter and the lists.
    let seen = py(&["-c", &format!(
        "import openpyxl; wb = openpyxl.load_workbook({template:?}); ws = wb['自评表']\n\
         dv = ws.data_validations.dataValidation\n\
         print(wb.sheetnames, wb['选项'].sheet_state, ws.freeze_panes, ws.auto_filter.ref, len(dv))\n\
         print(ws['A11'].value, ws['H11'].value, ws['A12'].value, ws['E12'].value, ws['E12'].number_format)\n\
         print(dv[0].sqref, dv[0].formula1, dv[1].sqref, dv[1].formula1)\n\
         print(ws.column_dimensions['N'].width)"
    )]);
    assert_eq!(
        seen,
        "['自评表', '选项'] hidden A12 A11:N70 21\n\
         编号 答案 org.roles 2.0 0.00\n\
         B6 \"中央和国家机关,省级,地市级,县级,乡镇级\" H13 '选项'!$B$1:$D$1\n\
         50.0\n"
    );

    let filled = s(dir.path().join("填好的自评表.xlsx"));
    let expected = s(dir.path().join("expected.json"));
    py(&[FILL, RUBRIC, &template, &filled, &expected, "good"]);
    let imported = s(dir.path().join("assessment.json"));
    let (code, _, stderr) = out(&bin(&["import", &filled, "-o", &imported]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let read =
        |p: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
    assert_eq!(read(&imported), read(&expected));
    assert_eq!(score(&imported), ("60.41".to_string(), "合格".to_string()));
    assert_eq!(score(&imported), score(&expected));
}

#[test]
fn every_mistake_is_reported_by_row_and_column() {
    let dir = Scratch::new("xlsx-mistakes");
    let template = s(dir.path().join("t.xlsx"));
    assert_eq!(out(&bin(&["template", "--xlsx", "-o", &template])).0, 0);
    let bad = s(dir.path().join("bad.xlsx"));
    py(&[FILL, RUBRIC, &template, &bad, "-", "bad"]);
    let target = s(dir.path().join("a.json"));
    let (code, stdout, stderr) = out(&bin(&["import", &bad, "-o", &target]));
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(!std::path::Path::new(&target).exists());
    let lines: Vec<String> = stderr
        .lines()
        .map(|l| l.strip_prefix(&format!("{bad}: ")).unwrap_or(l).to_string())
        .collect();
    let sheet = "工作表“自评表”";
    assert_eq!(
        lines,
        [
            format!("[E_XLSX_CELL] {sheet}第 6 行 B 列:行政层级“市级”无效,应为 中央和国家机关、省级、地市级、县级、乡镇级 之一"),
            format!("[E_XLSX_CELL] {sheet}第 12 行 H 列:“也许”无效,应为“是”或“否”"),
            format!("[E_XLSX_CELL] {sheet}第 13 行 H 列:“研究过”不是此项的档次,应为下拉列表中的一项:“本年度研究 2 次及以上”、“本年度研究 1 次”、“本年度未研究”"),
            format!("[E_XLSX_CELL] {sheet}第 14 行 H 列:填写了“说明”但没有填写答案(或不适用原因)"),
            format!("[E_ANSWER_NA_NOT_ALLOWED] {sheet}第 16 行 J 列:此项不允许填写“不适用”"),
            format!("[E_XLSX_CELL] {sheet}第 17 行 I 列:“五”不是整数,总数应填写大于 0 的整数"),
            format!("[E_ANSWER_RANGE] {sheet}第 24 行 H 列:达标数 9 大于总数 4"),
            format!("[E_XLSX_CELL] {sheet}第 39 行 H 列:“1.5”不是整数,发生次数应填写不小于 0 的整数"),
            format!("[E_XLSX_TEMPLATE] {sheet}第 40 行 O 列:此列不属于自评表模板,内容不会被读取,请移到“说明”列"),
            "共 9 处问题,未生成自评表;请修改后重新导入".to_string(),
        ]
    );
}

#[test]
fn aggregation_workbook_opens_in_openpyxl_with_the_reports_figures() {
    let dir = Scratch::new("xlsx-aggregate");
    let rubric = dir.write(
        "rubric.json",
        common::exports::rubric().to_string().as_bytes(),
    );
    for n in 1..=5u64 {
        let (_, sealed) = unit(n, "2026", "2026-01-20T02:00:00Z");
        dir.write(&format!("in/{n}.json"), sealed.text.as_bytes());
    }
    dir.write("in/broken.json", b"{");
    let book = s(dir.path().join("汇总.xlsx"));
    let input = s(dir.path().join("in"));
    let rubric = s(rubric);
    let (code, stdout, stderr) = out(&bin(&[
        "aggregate",
        &input,
        "--rubric",
        &rubric,
        "--json",
        "--xlsx",
        &book,
    ]));
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let seen = py(&["-c", &format!(
        "import openpyxl, json; wb = openpyxl.load_workbook({book:?})\n\
         print(json.dumps([[ws.title, ws.freeze_panes, ws.auto_filter.ref, ws.max_row, ws.max_column] for ws in wb], ensure_ascii=False))\n\
         r = wb['排名']; print(json.dumps([[c.value for c in row] for row in r.iter_rows(max_col=9)], ensure_ascii=False))\n\
         f = wb['文件核验']; print(json.dumps([[f.cell(i, c).value for c in (2, 4, 5)] for i in range(2, f.max_row + 1)], ensure_ascii=False))\n\
         d = wb['各单位明细']; print(json.dumps([d.cell(1, c).value for c in range(7, d.max_column + 1)], ensure_ascii=False))"
    )]);
    let lines: Vec<Value> = seen
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!([
            ["排名", "A2", "A1:Q6", 6, 17],
            ["共性薄弱指标", "A2", "A1:H5", 5, 8],
            ["文件核验", "A2", "A1:L7", 7, 12],
            ["各单位明细", "A2", "A1:J6", 6, 10]
        ])
    );
    // The ranking sheet holds the report's figures, totals as numbers.
    let units = report["units"].as_array().unwrap();
    for (i, u) in units.iter().enumerate() {
        let row = &lines[1][i + 1];
        assert_eq!(row[0], u["rank"]);
        assert_eq!(row[2], u["code"]);
        assert_eq!(row[4], u["total"]);
        assert_eq!(row[5], u["grade"]);
    }
    // Every file, with its status and code.
    let files: Vec<Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| serde_json::json!([f["path"], cyberduty_status(&f["status"]), f["code"]]))
        .collect();
    assert_eq!(lines[2], Value::Array(files));
    assert_eq!(
        lines[3],
        serde_json::json!([
            "org.a\n明确第一责任人(20.00 分)",
            "org.b\n专题会议(30.00 分)",
            "tech.c\n安全员覆盖率(25.00 分)",
            "tech.d\n通报问题未整改(25.00 分)"
        ])
    );
}

fn cyberduty_status(s: &Value) -> &'static str {
    match s.as_str().unwrap() {
        "accepted" => "接收",
        "rejected" => "退回",
        _ => "重复",
    }
}

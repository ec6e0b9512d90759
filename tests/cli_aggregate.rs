//! `cyberduty export` and `cyberduty aggregate` as a cadre department runs them: a folder of
//! generated exports with broken, tampered, foreign and duplicate files mixed in; exit codes, the
//! `--json` fields, the CSV's BOM and header, and the text report.

mod common;
use common::cli::bin_raw as bin;
use common::exports::*;
use cyberduty::domain::json::MAX_INPUT_BYTES;
use serde_json::{json, Value};

const AT: &str = "2026-01-20T02:00:00Z";

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8 output")
}

fn s(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A department's inbox: 60 units in region folders, plus the problem files, plus things that are
/// not read from a folder (a .txt, a hidden macOS `._` file). Returns (scratch, rubric path,
/// expected (file name → code), the accepted units' totals).
fn inbox() -> (Scratch, String, Vec<(String, &'static str)>, Vec<i64>) {
    let dir = Scratch::new("cli-aggregate");
    let r = rubric();
    let rubric_path = s(&dir.write("rubric.json", r.to_string().as_bytes()));
    let mut expect = Vec::new();
    let mut totals = Vec::new();
    for n in 1..=60u64 {
        let (a, sealed) = unit(n, "2026", AT);
        let name = format!("inbox/region{}/{}", n % 4, sealed.file_name);
        dir.write(&name, sealed.text.as_bytes());
        expect.push((name, if a.complete() { "OK" } else { "W_INCOMPLETE" }));
        totals.push(a.total());
    }
    let (_, base) = unit(100, "2026", AT);
    let good = value(&base.text);
    let mut v = good.clone();
    v["assessment"]["answers"]["org.a"] =
        json!({"met": !good["assessment"]["answers"]["org.a"]["met"].as_bool().unwrap()});
    dir.write("inbox/bad/edited.json", v.to_string().as_bytes());
    expect.push(("inbox/bad/edited.json".into(), "E_EXPORT_DIGEST"));
    dir.write("inbox/bad/edited-resigned.json", resign(&mut v).as_bytes());
    expect.push((
        "inbox/bad/edited-resigned.json".into(),
        "E_EXPORT_SCORE_MISMATCH",
    ));
    dir.write("inbox/bad/truncated.json", &base.text.as_bytes()[..1000]);
    expect.push(("inbox/bad/truncated.json".into(), "E_JSON_SYNTAX"));
    dir.write("inbox/bad/报送说明.json", "请于月底前报送".as_bytes());
    expect.push(("inbox/bad/报送说明.json".into(), "E_JSON_SYNTAX"));
    let f = foreign_rubric();
    let foreign = seal(
        &f,
        &assessment(&f, 101, "2026", Answers::draw(101).json()),
        &[],
        AT,
    );
    dir.write("inbox/bad/foreign.json", foreign.text.as_bytes());
    expect.push(("inbox/bad/foreign.json".into(), "E_EXPORT_FOREIGN_RUBRIC"));
    let mut v = good.clone();
    v["schema"] = json!("cyberduty.export/3");
    dir.write("inbox/bad/future.json", v.to_string().as_bytes());
    expect.push(("inbox/bad/future.json".into(), "E_SCHEMA_FUTURE"));
    // An older export of unit 1: duplicate of the one in region1.
    let (_, old) = unit(1, "2026", "2025-12-31T23:59:59Z");
    dir.write("inbox/resent/unit1-old.JSON", old.text.as_bytes());
    expect.push(("inbox/resent/unit1-old.JSON".into(), "E_EXPORT_DUPLICATE"));
    // Too big: a sparse file, refused before reading.
    let big = dir.write("inbox/bad/huge.json", b"");
    std::fs::File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(MAX_INPUT_BYTES as u64 + 1)
        .unwrap();
    expect.push(("inbox/bad/huge.json".into(), "E_INPUT_TOO_LARGE"));
    // Not read from a folder.
    dir.write("inbox/readme.txt", b"not an export");
    dir.write("inbox/region1/._unit.json", b"\0\x05\x16\x07");
    expect.sort();
    (dir, rubric_path, expect, totals)
}

fn json_out(args: &[&str]) -> (i32, Value) {
    let (code, out, err) = bin(args);
    assert!(!err.contains("panicked"), "{err}");
    (
        code,
        serde_json::from_slice(&out).expect("--json prints JSON"),
    )
}

#[test]
fn aggregate_json_has_every_file_once_with_its_code_and_the_statistics() {
    let (dir, rubric, expect, totals) = inbox();
    let inbox = s(&dir.path().join("inbox"));
    let (code, v) = json_out(&["aggregate", "--rubric", &rubric, &inbox, "--json"]);
    assert_eq!(code, 0);
    let mut got: Vec<(String, String)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            let rel = p
                .strip_prefix(&s(dir.path()))
                .unwrap()
                .trim_start_matches(['/', '\\']);
            (
                rel.replace('\\', "/"),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let expected: Vec<(String, String)> = expect
        .iter()
        .map(|(p, c)| (p.clone(), c.to_string()))
        .collect();
    assert_eq!(got, expected);
    for f in v["files"].as_array().unwrap() {
        for key in ["path", "status", "code", "message"] {
            assert!(f.get(key).is_some(), "{key}");
        }
    }

    assert_eq!(v["units"].as_array().unwrap().len(), 60);
    let u = &v["units"][0];
    for key in [
        "rank", "name", "code", "period", "total", "grade", "vetoed", "complete",
    ] {
        assert!(u.get(key).is_some(), "{key}");
    }
    let mut sorted = totals.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let got: Vec<(bool, i64)> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["vetoed"].as_bool().unwrap(),
                (u["total"].as_f64().unwrap() * 100.0).round() as i64,
            )
        })
        .collect();
    let mut got_totals: Vec<i64> = got.iter().map(|(_, t)| *t).collect();
    got_totals.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(got_totals, sorted);
    // Vetoed units after every unit without a veto, each part by total.
    let mut order = got.clone();
    order.sort_by_key(|&(vetoed, t)| (vetoed, std::cmp::Reverse(t)));
    assert_eq!(got, order);
    assert!(got.iter().any(|(v, _)| *v));
    let n = totals.len() as i64;
    let mean = (2 * totals.iter().sum::<i64>() + n) / (2 * n);
    let summary = &v["summary"];
    assert_eq!(summary["count"], json!(60));
    assert_eq!(
        (summary["mean"].as_f64().unwrap() * 100.0).round() as i64,
        mean
    );
    assert_eq!(summary["max"].as_f64().unwrap(), sorted[0] as f64 / 100.0);
    assert_eq!(
        summary["files"],
        json!({"accepted": 60, "rejected": 7, "duplicate": 1})
    );
    assert_eq!(v["items"].as_array().unwrap().len(), 4);
}

#[test]
fn aggregate_csv_opens_in_excel() {
    let (dir, rubric, _, _) = inbox();
    let inbox = s(&dir.path().join("inbox"));
    let (code, out, _) = bin(&["aggregate", "--rubric", &rubric, &inbox, "--csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let t = text(&out[3..]);
    let mut lines = t.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "排名,单位名称,统一社会信用代码,考核期,总分,等次,一票否决,作答完整,核对码,签名密钥,发送单位,较上期变化,备注,逾期整改项数"
    );
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(first.len(), 14);
    assert_eq!(first[0], "1");
    assert_eq!(t.matches("\r\n").count(), 61);
}

#[test]
fn aggregate_text_report_in_chinese() {
    let (dir, rubric, _, _) = inbox();
    let inbox = s(&dir.path().join("inbox"));
    let (code, out, _) = bin(&["aggregate", "--rubric", &rubric, &inbox]);
    assert_eq!(code, 0);
    let t = text(&out);
    for part in [
        "一、文件检查结果",
        "二、排名",
        "三、统计",
        "四、共性薄弱指标",
        "标准差(总体)",
    ] {
        assert!(t.contains(part), "{part}\n{t}");
    }
    assert!(
        t.contains("[退回]") && t.contains("E_EXPORT_DIGEST") && t.contains("[重复]"),
        "{t}"
    );
    assert!(t.contains("文件共 68 个:接收 60,退回 7,重复 1"), "{t}");
}

#[test]
fn aggregate_with_previous_period_shows_changes() {
    let dir = Scratch::new("cli-previous");
    let r = rubric();
    let rubric_path = s(&dir.write("rubric.json", r.to_string().as_bytes()));
    for n in 1..=5u64 {
        let (_, now) = unit(n, "2026", AT);
        dir.write(&format!("2026/{n}.json"), now.text.as_bytes());
        let then = seal(
            &r,
            &assessment(&r, n, "2025", Answers::draw(n + 77).json()),
            &[],
            "2025-01-01T00:00:00Z",
        );
        dir.write(&format!("2025/{n}.json"), then.text.as_bytes());
    }
    let (code, v) = json_out(&[
        "aggregate",
        "--rubric",
        &rubric_path,
        "--previous",
        &s(&dir.path().join("2025")),
        &s(&dir.path().join("2026")),
        "--json",
    ]);
    assert_eq!(code, 0);
    for u in v["units"].as_array().unwrap() {
        let n: u64 = u["code"].as_str().unwrap()[8..17].parse().unwrap();
        let expected = Answers::draw(n).total() - Answers::draw(n + 77).total();
        assert_eq!(
            (u["change"]["delta"].as_f64().unwrap() * 100.0).round() as i64,
            expected
        );
        assert_eq!(u["change"]["previous_period"], "2025");
    }
    assert_eq!(v["files"].as_array().unwrap().len(), 10);
    let (_, out, _) = bin(&[
        "aggregate",
        "--rubric",
        &rubric_path,
        "--previous",
        &s(&dir.path().join("2025")),
        &s(&dir.path().join("2026")),
        "--csv",
    ]);
    let t = text(&out[3..]);
    let delta = Answers::draw(1).total() - Answers::draw(78).total();
    let shown = if delta > 0 {
        format!("+{}.{:02}", delta / 100, delta % 100)
    } else {
        format!("-{}.{:02}", -delta / 100, -delta % 100)
    };
    assert!(t.contains(&format!(",{shown},,\r\n")) || delta == 0, "{t}");
}

#[test]
fn aggregate_exit_codes() {
    let dir = Scratch::new("cli-exit");
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    dir.write("empty/readme.txt", b"no exports here");
    // Nothing to read at all: 1, with the reason on stderr.
    let (code, _, err) = bin(&["aggregate", &s(&empty)]);
    assert_eq!(code, 1);
    assert!(err.contains("没有读到任何上报文件"), "{err}");
    let (code, v) = json_out(&["aggregate", &s(&dir.path().join("missing.json")), "--json"]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][0]["code"], "E_FILE_UNREADABLE");
    // An invalid reference rubric: 1.
    let mut bad = rubric();
    bad["total"] = json!(1);
    let bad_path = s(&dir.write("bad-rubric.json", bad.to_string().as_bytes()));
    let (_, sealed) = unit(1, "2026", AT);
    let one = s(&dir.write("one.json", sealed.text.as_bytes()));
    let (code, _, err) = bin(&["aggregate", "--rubric", &bad_path, &one]);
    assert_eq!(code, 1);
    assert!(err.contains("E_RUBRIC_POINTS_SUM"), "{err}");
    // Only rejected files is still a processed batch: 0 (the default rubric makes it foreign).
    let (code, v) = json_out(&["aggregate", &one, "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["files"][0]["code"], "E_EXPORT_FOREIGN_RUBRIC");
    // Usage errors: 2.
    assert_eq!(bin(&["aggregate"]).0, 2);
    assert_eq!(bin(&["aggregate", &one, "--json", "--csv"]).0, 2);
    assert_eq!(bin(&["aggregate", &one, "--previous"]).0, 2);
    assert_eq!(bin(&["aggregate", &one, "--nope"]).0, 2);
}

#[test]
fn export_writes_a_sealed_file_and_refuses_to_overwrite() {
    let dir = Scratch::new("cli-export");
    let r = rubric();
    let rubric_path = s(&dir.write("rubric.json", r.to_string().as_bytes()));
    let a = assessment(&r, 42, "2026", Answers::draw(42).json());
    let a_path = s(&dir.write("自评表.json", a.to_string().as_bytes()));
    let incident = s(&dir.write("incident.json", secret_leak().to_string().as_bytes()));
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();

    let args = [
        "export",
        &a_path,
        "--rubric",
        &rubric_path,
        "--incident",
        &incident,
        "-o",
        &s(&out_dir),
        "--generated-at",
        AT,
    ];
    let (code, out, err) = bin(&args);
    assert_eq!(code, 0, "{err}");
    let expected = seal(&r, &a, &[secret_leak()], AT);
    let written = out_dir.join(&expected.file_name);
    assert_eq!(std::fs::read_to_string(&written).unwrap(), expected.text);
    let t = text(&out);
    assert!(t.contains(&expected.file_name), "{t}");
    assert!(
        t.contains(&format!("核对码:{}", expected.check_code)),
        "{t}"
    );
    assert!(
        t.contains("否决项 veto.art8:由事件研判自动判定为触发"),
        "{t}"
    );

    // The same again: the file exists and is kept.
    let (code, _, err) = bin(&args);
    assert_eq!(code, 1);
    assert!(err.contains("--force"), "{err}");
    let (code, _, _) = bin(&[&args[..], &["--force"]].concat());
    assert_eq!(code, 0);

    // To a named file, and `validate` accepts it (and refuses it once edited).
    let named = s(&dir.path().join("上报.json"));
    let (code, _, _) = bin(&["export", &a_path, "--rubric", &rubric_path, "-o", &named]);
    assert_eq!(code, 0);
    let (code, out, err) = bin(&["validate", &named, "--rubric", &rubric_path]);
    assert_eq!(code, 0, "{err}");
    assert!(text(&out).contains("上报文件有效"));
    let edited = std::fs::read_to_string(&named).unwrap().replacen(
        "\"assessor\": \"考核组\"",
        "\"assessor\": \"他人\"",
        1,
    );
    std::fs::write(&named, edited).unwrap();
    let (code, _, err) = bin(&["validate", &named]);
    assert_eq!(code, 1);
    assert!(err.contains("[E_EXPORT_DIGEST]"), "{err}");

    // Input errors: 1; usage errors: 2.
    let (code, _, err) = bin(&["export", &a_path, "-o", &s(&out_dir)]);
    assert_eq!(code, 1);
    assert!(err.contains("E_ASSESSMENT_RUBRIC_MISMATCH"), "{err}");
    let (code, _, err) = bin(&[
        "export",
        &a_path,
        "--rubric",
        &rubric_path,
        "--generated-at",
        "now",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("E_TIMESTAMP"), "{err}");
    assert_eq!(bin(&["export"]).0, 2);
    assert_eq!(bin(&["export", &a_path, &a_path]).0, 2);
}

#[test]
fn help_documents_the_commands_and_the_size_limit() {
    let (code, out, _) = bin(&["--help"]);
    assert_eq!(code, 0);
    let t = text(&out);
    assert!(t.contains("cyberduty export 自评表"), "{t}");
    assert!(t.contains("cyberduty aggregate"), "{t}");
    assert!(
        t.contains(&format!("最大 {} MiB", MAX_INPUT_BYTES / 1024 / 1024)),
        "{t}"
    );
}

/// Issue 10: a released file whose unit code fails the GB 32100 check still opens, and says so; the
/// same unit sent twice with its code typed two ways is one ranked unit.
#[test]
fn unit_codes_are_checked_and_older_files_still_open() {
    let released = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/released/v0.1.0/export-01-no-incidents.cyberduty.json"
    );
    let (exit, out, _) = bin(&["validate", released]);
    assert_eq!(exit, 0);
    assert!(
        text(&out).contains(
            "注意 [W_UNIT_CODE]:统一社会信用代码应为 18 位,「9111000000000007X」为 17 位"
        ),
        "{}",
        text(&out)
    );

    let dir = Scratch::new("cli-unit-codes");
    let r = rubric();
    let rubric_path = s(&dir.write("rubric.json", r.to_string().as_bytes()));
    let (_, sealed) = unit(3, "2026", "2026-01-01T00:00:00Z");
    let mut v = value(&sealed.text);
    // The same unit as an older version would have written it: lower case, a stray space, 2026年度.
    let typed = format!(" {}", code(3).to_lowercase());
    v["assessment"]["unit"]["code"] = json!(typed);
    v["assessment"]["period"] = json!("2026年度");
    v["generated_at"] = json!("2026-02-01T00:00:00Z");
    rescore(&mut v);
    v["score"]["unit"]["code"] = json!(typed);
    v["score"]["period"] = json!("2026年度");
    dir.write("in/a.json", sealed.text.as_bytes());
    dir.write("in/b.json", resign(&mut v).as_bytes());
    let (code_, out, _) = bin(&[
        "aggregate",
        "--rubric",
        &rubric_path,
        &s(&dir.path().join("in")),
        "--json",
    ]);
    assert_eq!(code_, 0);
    let v: Value = serde_json::from_slice(&out).unwrap();
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(
        (units[0]["code"].as_str(), units[0]["period"].as_str()),
        (Some(code(3).as_str()), Some("2026"))
    );
    let codes: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E_EXPORT_DUPLICATE"), "{codes:?}");
}

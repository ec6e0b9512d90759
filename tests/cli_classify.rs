//! `cyberduty classify` and `validate` on incident files, as a user runs them: exit codes 0/1/2,
//! the Chinese report, the JSON contract and error codes on stderr.

mod common;
use common::cli::{bin, out, tmp};

/// A file of an incident vector (tests/vectors/incident/<case>/).
fn vector(case: &str, file: &str) -> String {
    common::vectors::arg("incident", case, file)
}

const DEFACED: &str = "01-prefecture-portal-defaced";

#[test]
fn text_report_shows_each_situation_accountability_grade_and_deadline() {
    let (code, stdout, stderr) = out(&bin(&["classify", &vector(DEFACED, "incident.json")]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    for fragment in [
        "网络安全事件研判 — 某市政府门户网站被篡改\n",
        "单位:某市人民政府办公室(地市级)  类别:网络攻击事件/网页篡改  涉事对象:党政机关门户网站\n",
        "  (一) 符合\n",
        "  (二) 符合\n",
        "  (三) 不符合\n",
        "  (七) 不符合\n",
        "      · 依据:涉事对象为党政机关门户网站;单位层级为地市级,属于地市级以上;遭受了网络攻击;没有及时组织处置;瘫痪 7.5 小时,达到 6 小时以上。\n",
        "二、责任追究(第八条、第九条):应当追究\n",
        "  逐级倒查:当事人 → 网络安全负责人 → 主要负责人\n",
        "  综合协调或监管部门负责人:待定\n",
        "  集体责任:主要领导责任 — 领导班子主要负责人、主管网络安全的领导班子成员;重要领导责任 — 参与相关工作决策的领导班子其他成员\n",
        "  实施问责:有管理权限的党组织;",
        "  个人责任:当事人、主管网络安全的领导班子成员(直接责任人)、领导班子主要负责人(第一责任人)\n",
        "  从轻或不予追究(第十一条):不适用从轻或不予追究\n",
        "三、事件分级:重大(决定分级的门槛取自征求意见稿)\n",
        "四、事件报告:须报告\n",
        "  首报时限:4 小时;报告用时:4 小时 25 分钟;是否按时:迟报\n",
        "从发现(2026年3月1日 10:05)到报告(2026年3月1日 06:30(UTC))",
        "所用政策:网络安全事件分级标准、第八条用语的本工具解释与报告时限(cn-incident-2025,随本工具发布)\n",
        "30 日内报送总结报告",
    ] {
        assert!(stdout.contains(fragment), "missing {fragment:?} in:\n{stdout}");
    }
}

#[test]
fn text_report_lists_missing_facts_and_undetermined_verdicts() {
    let (code, stdout, _) = out(&bin(&[
        "classify",
        &vector("08-nothing-known", "incident.json"),
    ]));
    assert_eq!(code, 0);
    for fragment in [
        "网络安全事件研判 — 刚收到线索,事实尚未查明\n",
        "单位:未填写  类别:未填写  涉事对象:未填写\n",
        "  (一) 待定\n",
        "      待补充事实:涉事对象类型、是否被攻击篡改、违法有害信息是否大面积扩散、是否及时报告、是否及时组织处置\n",
        "      待补充事实:是否经有权机关认定发生其他严重危害网络安全行为\n",
        "二、责任追究(第八条、第九条):待定\n",
        "三、事件分级:至少一般\n",
        "四、事件报告:待定\n",
        "  首报时限:待定;报告用时:未知;是否按时:—\n",
    ] {
        assert!(stdout.contains(fragment), "missing {fragment:?} in:\n{stdout}");
    }
}

#[test]
fn text_report_for_an_incident_needing_no_report() {
    let (code, stdout, _) = out(&bin(&[
        "classify",
        &vector("09-minor-incident-general", "incident.json"),
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("二、责任追究(第八条、第九条):不予追究\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("逐级倒查:"), "{stdout}");
    assert!(stdout.contains("三、事件分级:一般\n"), "{stdout}");
    assert!(
        stdout.contains("四、事件报告:无须报告\n  报告用时:5 小时 30 分钟\n"),
        "{stdout}"
    );
}

#[test]
fn on_time_at_exactly_the_cii_deadline_across_offsets() {
    let (code, stdout, _) = out(&bin(&[
        "classify",
        &vector("05-cii-attack-major-loss-on-time", "incident.json"),
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("  首报时限:1 小时;报告用时:1 小时;是否按时:按时\n"),
        "{stdout}"
    );
    // One minute later is late.
    let text = std::fs::read_to_string(vector("05-cii-attack-major-loss-on-time", "incident.json"))
        .expect("read vector")
        .replace("2026-07-14T20:00:00Z", "2026-07-14T20:01:00Z");
    let (code, stdout, _) = out(&bin(&["classify", &tmp("late.json", &text)]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("  首报时限:1 小时;报告用时:1 小时 1 分钟;是否按时:迟报\n"),
        "{stdout}"
    );
}

#[test]
fn json_output_is_the_golden_vector() {
    for name in [DEFACED, "08-nothing-known", "11-cii-outage-scope-unknown"] {
        let (code, stdout, stderr) = out(&bin(&[
            "classify",
            &vector(name, "incident.json"),
            "--json",
        ]));
        assert_eq!(code, 0, "{stderr}");
        let got: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
        let want: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(vector(name, "expected.json")).expect("expected"),
        )
        .expect("expected is JSON");
        assert_eq!(got, want, "{name}");
        assert_eq!(got["schema"], "cyberduty.classification/1");
    }
    // The flag may come first.
    let (code, stdout, _) = out(&bin(&[
        "classify",
        "--json",
        &vector(DEFACED, "incident.json"),
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("{\n  \"schema\": \"cyberduty.classification/1\","),
        "{stdout}"
    );
}

#[test]
fn invalid_incidents_exit_1_with_code_and_path() {
    let cases = [
        (
            "ts.json",
            r#"{"schema":"cyberduty.incident/1","timeline":{"discovered_at":"2026-03-01T10:00:00+08:00","reported_at":"2026-02-30T10:00:00+08:00"}}"#,
            "[E_TIMESTAMP] $.timeline.reported_at:时间 “2026-02-30T10:00:00+08:00” 无效:2026 年 2 月只有 28 天,没有 30 日",
        ),
        (
            "order.json",
            r#"{"schema":"cyberduty.incident/1","timeline":{"discovered_at":"2026-03-01T10:00:00+08:00","reported_at":"2026-03-01T01:59:00Z"}}"#,
            "[E_TIMELINE_ORDER] $.timeline.reported_at:",
        ),
        (
            "future.json",
            r#"{"schema":"cyberduty.incident/2"}"#,
            "[E_SCHEMA_FUTURE] $.schema:",
        ),
        (
            "target.json",
            r#"{"schema":"cyberduty.incident/1","target":"website"}"#,
            "[E_FIELD_RANGE] $.target:未知的攻击对象类型 “website”",
        ),
        (
            "count.json",
            r#"{"schema":"cyberduty.incident/1","facts":{"reposts":-3}}"#,
            "[E_FIELD_RANGE] $.facts.reposts:应为非负整数,实际是负数 -3",
        ),
        (
            "fraction.json",
            r#"{"schema":"cyberduty.incident/1","facts":{"views":10.5}}"#,
            "[E_FIELD_TYPE] $.facts.views:应为非负整数,实际是小数 10.5",
        ),
        (
            "type.json",
            r#"{"schema":"cyberduty.incident/1","facts":{"tampered":"是"}}"#,
            "[E_FIELD_TYPE] $.facts.tampered:",
        ),
        (
            "category.json",
            r#"{"schema":"cyberduty.incident/1","category":"网页篡改"}"#,
            "[E_FIELD_RANGE] $.category:事件类别 “网页篡改” 不符合 GB/T 20986-2023",
        ),
        (
            "other.json",
            r#"{"schema":"cyberduty.assessment/1"}"#,
            "[E_SCHEMA_UNKNOWN] $.schema:",
        ),
    ];
    for (name, text, want) in cases {
        let path = tmp(name, text);
        let (code, stdout, stderr) = out(&bin(&["classify", &path]));
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: {stdout}");
        assert!(
            stderr.contains(&format!("{path}: {want}")),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        // --json changes nothing for errors.
        let (code, stdout, _) = out(&bin(&["classify", &path, "--json"]));
        assert_eq!((code, stdout.as_str()), (1, ""), "{name}");
    }
    let (code, _, stderr) = out(&bin(&["classify", "/nonexistent/incident.json"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_FILE_UNREADABLE]"), "{stderr}");
    let (code, _, stderr) = out(&bin(&["classify", &tmp("empty.json", "")]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_INPUT_EMPTY]"), "{stderr}");
}

/// Issue 10, item 2: a region's policy file, `--policy FILE`: its interpretations decide; a bad
/// policy file is named (not the incident).
#[test]
fn policy_file_replaces_the_shipped_interpretations() {
    let leak = vector("04-personal-info-leak-major", "incident.json");
    let (code, stdout, _) = out(&bin(&["classify", &leak]));
    assert_eq!(code, 0);
    assert!(stdout.contains("  (三) 待定\n"), "{stdout}");
    assert!(
        stdout.contains("当前政策未启用解释,须由人工认定"),
        "{stdout}"
    );
    let on = std::fs::read_to_string("data/grading-2025.json")
        .expect("policy")
        .replace("\"enabled\": false", "\"enabled\": true")
        .replace("\"id\": \"cn-incident-2025\"", "\"id\": \"region-x\"");
    let policy = tmp("region-policy.json", &on);
    let (code, stdout, stderr) = out(&bin(&["classify", &leak, "--policy", &policy]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("  (三) 符合\n"), "{stdout}");
    assert!(
        stdout.contains("按本工具解释:个人信息泄露 10,000,000 人以上视为「大面积个人信息泄露」"),
        "{stdout}"
    );
    assert!(stdout.contains("(region-x)\n"), "{stdout}");
    assert!(stdout.contains("  本工具解释「大面积个人信息泄露」:个人信息泄露 10,000,000 人以上视为「大面积个人信息泄露」(本次研判用到)\n"), "{stdout}");
    let (code, stdout, _) = out(&bin(&["classify", &leak, "--policy", &policy, "--json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["policy"]["id"], "region-x");
    assert_eq!(
        v["triggers"][2]["interpretations"][0],
        "personal_info_large_scale"
    );
    // A broken policy file: exit 1, its own name and the error.
    let bad = tmp("bad-policy.json", r#"{"schema":"cyberduty.policy/9"}"#);
    let (code, stdout, stderr) = out(&bin(&["classify", &leak, "--policy", &bad]));
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.contains(&format!("{bad}: [E_SCHEMA_FUTURE]")),
        "{stderr}"
    );
    let (code, _, stderr) = out(&bin(&["classify", &leak, "--policy", "/nonexistent.json"]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("/nonexistent.json: [E_FILE_UNREADABLE]"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let one = vector(DEFACED, "incident.json");
    for args in [
        vec!["classify"],
        vec!["classify", one.as_str(), one.as_str()],
        vec!["classify", one.as_str(), "--xml"],
        vec!["classify", one.as_str(), "--json=yes"],
        vec!["classify", "-j", one.as_str()],
    ] {
        let (code, stdout, stderr) = out(&bin(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(
            stderr.contains("运行 cyberduty --help 查看用法"),
            "{args:?}: {stderr}"
        );
    }
    let (_, _, stderr) = out(&bin(&["classify"]));
    assert!(
        stderr.contains("classify 需要且只需要一个事件文件"),
        "{stderr}"
    );
}

#[test]
fn validate_checks_incidents_and_refuses_unknown_kinds() {
    let (code, stdout, _) = out(&bin(&["validate", &vector(DEFACED, "incident.json")]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("事件文件有效(某市政府门户网站被篡改,已填写 23 项事实)"),
        "{stdout}"
    );
    let (code, stdout, _) = out(&bin(&[
        "validate",
        &vector("08-nothing-known", "incident.json"),
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("事件文件有效(刚收到线索,事实尚未查明,已填写 0 项事实)"),
        "{stdout}"
    );

    let bad = tmp(
        "bad-validate.json",
        r#"{"schema":"cyberduty.incident/1","unit":{"level":"city"}}"#,
    );
    let (code, _, stderr) = out(&bin(&["validate", &bad]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_FIELD_RANGE] $.unit.level:"), "{stderr}");

    let unknown = tmp("unknown-kind.json", r#"{"schema":"cyberduty.minutes/1"}"#);
    let (code, _, stderr) = out(&bin(&["validate", &unknown]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("[E_SCHEMA_UNKNOWN] $.schema:未知文件类型 “cyberduty.minutes/1”"),
        "{stderr}"
    );
    let future = tmp(
        "future-validate.json",
        r#"{"schema":"cyberduty.incident/9"}"#,
    );
    let (code, _, stderr) = out(&bin(&["validate", &future]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_SCHEMA_FUTURE] $.schema:"), "{stderr}");
    let none = tmp("no-schema.json", r#"{"title":"x"}"#);
    let (code, _, stderr) = out(&bin(&["validate", &none]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_SCHEMA_MISSING] $.schema:"), "{stderr}");
    let array = tmp("array.json", "[1, 2]");
    let (code, _, stderr) = out(&bin(&["validate", &array]));
    assert_eq!(code, 1);
    assert!(stderr.contains("[E_FIELD_TYPE]"), "{stderr}");
}

/// A file of a proposal vector (tests/vectors/proposal/<case>/).
fn proposal(case: &str) -> String {
    common::vectors::arg("proposal", case, "incident.json")
}

#[test]
fn report_forms_have_due_times_and_statuses_against_as_of() {
    let case = "15-report-forms-summary-overdue";
    let as_of = "2026-04-10T09:00:00+08:00";
    let (code, stdout, stderr) = out(&bin(&[
        "classify",
        &vector(case, "incident.json"),
        "--as-of",
        as_of,
    ]));
    assert_eq!(code, 0, "{stderr}");
    for fragment in [
        "  报告清单(截至 2026年4月10日 09:00):\n",
        "  - 首报:已报送 — 应于 2026年3月1日 14:05 前报送(发现后 4 小时内);已于 2026年3月1日 13:00 报送\n",
        "  - 续报:已报送 — 无固定时限:",
        "  - 事件处置总结报告:已逾期 — 应于 2026年3月31日 17:10 前报送(处置结束后 30 日内)\n",
        "      · 截至 2026年4月10日 09:00,已超过报送时限仍未报送。\n",
        "  - 向公安机关报案:待报送 — 涉嫌违法犯罪的,及时向公安机关报告(无固定时限)\n",
    ] {
        assert!(stdout.contains(fragment), "missing {fragment:?} in:\n{stdout}");
    }
    // The JSON is the golden vector's (its as_of.txt says the same now).
    let (code, json, _) = out(&bin(&[
        "classify",
        &vector(case, "incident.json"),
        "--as-of",
        as_of,
        "--json",
    ]));
    assert_eq!(code, 0);
    let got: serde_json::Value = serde_json::from_str(&json).unwrap();
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(vector(case, "expected.json")).unwrap())
            .unwrap();
    assert_eq!(got, want);
    // Without --as-of nothing is overdue: the summary report is "due by".
    let (_, stdout, _) = out(&bin(&["classify", &vector(case, "incident.json")]));
    assert!(stdout.contains("  - 事件处置总结报告:待报送 — 应于 2026年3月31日 17:10 前报送"));
    assert!(!stdout.contains("已逾期"));
}

#[test]
fn bad_reports_and_as_of_are_refused_with_codes() {
    let base = r#"{"schema":"cyberduty.incident/1","timeline":{"discovered_at":"2026-03-01T10:00:00+08:00","resolved_at":"2026-03-02T10:00:00+08:00"},"#;
    for (reports, code, text) in [
        (
            r#""reports":[{"kind":"first","at":"2026-03-01T09:00:00+08:00"}]}"#,
            "[E_REPORT_ORDER] $.reports[0].at",
            "首报的报送时间 2026-03-01T09:00:00+08:00 早于事件发现时间",
        ),
        (
            r#""reports":[{"kind":"summary","at":"2026-03-02T09:00:00+08:00"}]}"#,
            "[E_REPORT_ORDER] $.reports[0].at",
            "总结报告应在处置结束后报送",
        ),
        (
            r#""reports":[{"kind":"interim","at":"2026-03-02T09:00:00+08:00"}]}"#,
            "[E_FIELD_RANGE] $.reports[0].kind",
            "未知的报告种类 “interim”",
        ),
        (
            r#""people":[{"name":"张三","role":"boss"}]}"#,
            "[E_FIELD_RANGE] $.people[0].role",
            "未知的人员角色 “boss”",
        ),
    ] {
        let f = tmp("bad-report.json", format!("{base}{reports}"));
        let (c, _, stderr) = out(&bin(&["classify", &f]));
        assert_eq!(c, 1, "{stderr}");
        assert!(stderr.contains(code), "{stderr}");
        assert!(stderr.contains(text), "{stderr}");
    }
    let (c, _, stderr) = out(&bin(&[
        "classify",
        &vector(DEFACED, "incident.json"),
        "--as-of",
        "tomorrow",
    ]));
    assert_eq!(c, 1);
    assert!(stderr.contains("--as-of: [E_FIELD_TYPE]"), "{stderr}");
}

#[test]
fn propose_drafts_the_proposal_as_text_and_json() {
    let case = "01-portal-defaced-named-people";
    let (code, stdout, stderr) = out(&bin(&["propose", &proposal(case)]));
    assert_eq!(code, 0, "{stderr}");
    for fragment in [
        "关于对某市人民政府办公室“某市政府门户网站被篡改”事件有关责任人员进行问责的建议(草稿)\n",
        "【本建议书是本工具依据所填事实生成的草稿,不是问责决定。",
        "对某市人民政府办公室领导班子有管理权限的党委(党组)、纪委(纪检组):\n",
        "  第八条第(一)项:党政机关门户网站",
        "  逐级倒查:当事人 → 网络安全负责人 → 主要负责人 → 综合协调或监管部门负责人\n",
        "  - 张三(市政府秘书长,领导班子主要负责人):应当追究;第一责任人;集体责任中承担主要领导责任\n",
        "  - 李四(市政府副秘书长,主管网络安全的领导班子成员):应当追究;直接责任人;集体责任中承担主要领导责任\n",
        "  - 王五(办公室副主任,领导班子其他成员):应当追究;参与相关工作决策;集体责任中承担重要领导责任\n",
        "  - 赵六(办公室副主任,领导班子其他成员):不予追究;未参与相关工作决策\n",
        "  - 孙八(网站运维工程师,当事人):应当追究;直接责任(对本人行为负责)\n",
        "  - 周九(市委网信办网络安全科科长,综合协调或监管部门负责人):应当追究;协调监管不力的责任(第八条)\n",
        "四、从轻或不予追究:不适用从轻或不予追究\n",
        "网络安全和信息化委员会办公室(网信办)(盖章)\n年  月  日\n",
    ] {
        assert!(stdout.contains(fragment), "missing {fragment:?} in:\n{stdout}");
    }
    let (code, json, _) = out(&bin(&["propose", &proposal(case), "--json"]));
    assert_eq!(code, 0);
    let got: serde_json::Value = serde_json::from_str(&json).unwrap();
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::vectors::arg("proposal", case, "expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(got, want);
    assert_eq!(got["schema"], "cyberduty.proposal/1");
}

#[test]
fn propose_refuses_when_no_situation_is_met() {
    for (case, why) in [
        ("03-not-met-refused", "七种情形均不符合"),
        ("04-undetermined-refused", "尚无一种情形已经符合;请先查明:"),
    ] {
        let (code, stdout, stderr) = out(&bin(&["propose", &proposal(case), "--json"]));
        assert_eq!(code, 1, "{case}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("[E_PROPOSAL_NOT_MET] "), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
    }
    let (code, _, stderr) = out(&bin(&["propose"]));
    assert_eq!(code, 2, "{stderr}");
}

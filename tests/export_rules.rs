//! Issue 10's rules for exports and aggregation: the period is a date range that attached incidents
//! must fall in; the reporting veto is set from the incidents; unit codes are normalised and checked;
//! vetoed units rank last; the default rubric's sources and the emergency-plan table.

mod common;
use common::exports::*;
use cyberduty::domain::aggregate::{self, FileStatus, Input};
use cyberduty::domain::assessment::Assessment;
use cyberduty::domain::export::{self, Decision};
use cyberduty::domain::json::Json;
use cyberduty::domain::rubric::{Auto, Rubric};
use cyberduty::domain::score;
use cyberduty::Code;
use serde_json::{json, Value};

const AT: &str = "2026-12-20T08:00:00Z";

fn try_seal(
    rubric: &Value,
    assessment: &Value,
    incidents: &[Value],
) -> cyberduty::Result<export::Sealed> {
    let incidents: Vec<Json> = incidents.iter().map(doc).collect();
    export::seal(Some(&doc(rubric)), &doc(assessment), &incidents, AT, "test")
}

fn dated(occurred: Option<&str>, discovered: Option<&str>) -> Value {
    let mut i = quiet_incident();
    let mut t = json!({});
    if let Some(o) = occurred {
        t["occurred_at"] = json!(o);
    }
    if let Some(d) = discovered {
        t["discovered_at"] = json!(d);
    }
    i["timeline"] = t;
    i
}

#[test]
fn the_period_is_normalised_and_incidents_outside_it_are_refused() {
    let r = rubric();
    let a = assessment(&r, 7, " ２０２６年度 ", Answers::draw(7).json());
    let s = try_seal(&r, &a, &[]).unwrap();
    assert_eq!(value(&s.text)["assessment"]["period"], "2026");
    assert!(
        s.file_name.starts_with("911100000000000074_2026_"),
        "{}",
        s.file_name
    );

    // Occurred on 31 December 2025 (as written, +08:00), discovered in 2026: the occurrence counts.
    let late_2025 = dated(
        Some("2025-12-31T23:30:00+08:00"),
        Some("2026-01-01T00:30:00+08:00"),
    );
    let e = try_seal(&r, &a, &[quiet_incident(), late_2025]).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::ExportIncidentPeriod, "$.incidents[1]")
    );
    assert_eq!(
        e.message,
        "第 2 个事件「门户网站短时访问缓慢」发生于 2025年12月31日(按发生时间,未填写时按发现时间),不在考核期 2026年度(2026年1月1日 至 2026年12月31日)内;请只附本考核期的事件,或核对考核期和事件时间"
    );
    // No occurrence time: the discovery date counts. The result says what was checked.
    let ok = try_seal(
        &r,
        &a,
        &[
            dated(None, Some("2026-01-01T00:30:00+08:00")),
            quiet_incident(),
        ],
    )
    .unwrap();
    assert_eq!(
        ok.period_check.message,
        "考核期 2026年度(2026年1月1日 至 2026年12月31日):已按发生时间(未填写时按发现时间)核对 1 个事件;1 个事件未填写发生或发现时间,未能核对"
    );
    // A quarter is three months.
    let q1 = assessment(&r, 7, "2026年第一季度", Answers::draw(7).json());
    let e = try_seal(&r, &q1, &[dated(Some("2026-04-01T09:00:00+08:00"), None)]).unwrap_err();
    assert_eq!(e.code, Code::ExportIncidentPeriod);
    assert!(
        e.message
            .contains("2026年第一季度(2026年1月1日 至 2026年3月31日)"),
        "{}",
        e.message
    );

    // Live scoring reports the same without failing, so the page can show it while the unit types.
    let rubric = Rubric::from_json(&doc(&r)).unwrap();
    let read = |a: &Value| Assessment::from_json(&doc(a), &rubric).unwrap();
    let live = export::live(
        &rubric,
        &read(&q1),
        &[doc(&dated(Some("2026-04-01T09:00:00+08:00"), None))],
    )
    .unwrap();
    assert_eq!(live.period_check.key.as_deref(), Some("2026-Q1"));
    assert_eq!(
        live.period_check.error.map(|e| e.code),
        Some(Code::ExportIncidentPeriod)
    );

    // An older free-text period still seals; the output says the dates were not checked.
    let free = assessment(&r, 7, "第二批", Answers::draw(7).json());
    let live = export::live(&rubric, &read(&free), &[doc(&late_2025_incident())]).unwrap();
    assert!(!live.period_check.checked);
    assert!(
        live.period_check.message.contains("「第二批」不是年度"),
        "{}",
        live.period_check.message
    );
}

fn late_2025_incident() -> Value {
    dated(Some("2025-12-31T23:30:00+08:00"), None)
}

#[test]
fn opening_rechecks_incident_dates() {
    let r = rubric();
    let a = assessment(&r, 8, "2026", Answers::draw(8).json());
    let s = try_seal(&r, &a, &[dated(Some("2026-03-01T09:00:00+08:00"), None)]).unwrap();
    let mut v = value(&s.text);
    v["incidents"][0]["incident"]["timeline"]["occurred_at"] = json!("2025-03-01T09:00:00+08:00");
    let text = resign(&mut v);
    let e = export::open_bytes(text.as_bytes(), None).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (Code::ExportIncidentPeriod, "$.incidents[0]")
    );
    assert!(e.message.contains("2025年3月1日"), "{}", e.message);
    let batch = aggregate::aggregate(
        Some(&doc(&r)),
        vec![Input::bytes("x.json", text.into_bytes())],
        vec![],
    )
    .unwrap();
    assert_eq!(
        (batch.files[0].status, batch.files[0].code),
        (FileStatus::Rejected, "E_EXPORT_INCIDENT_PERIOD")
    );
}

/// A 较大 incident of a central unit reported 121 minutes after discovery (limit 120).
fn late_report(reported_in_time: Value) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/incident/10-central-unit-late-report/incident.json"
    );
    let mut i: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    i["title"] = json!("数据泄露");
    i["facts"]["reported_in_time"] = reported_in_time;
    i
}

fn default_rubric() -> Value {
    serde_json::from_str(cyberduty::domain::rubric::DEFAULT_JSON).unwrap()
}

#[test]
fn a_late_report_of_a_larger_incident_triggers_the_reporting_veto() {
    let r = default_rubric();
    let base = assessment(&r, 9, "2026", json!({}));
    let s = try_seal(&r, &base, &[late_report(Value::Null)]).unwrap();
    let conceal = s
        .auto_vetoes
        .iter()
        .find(|v| v.veto == "veto.conceal")
        .unwrap();
    assert_eq!(
        (conceal.decision, conceal.triggered),
        (Decision::SetTriggered, Some(true))
    );
    assert_eq!(
        conceal.message,
        "由事件研判自动判定为触发:第 1 个事件「数据泄露」为较大事件,从发现到报告用时 121 分钟,超过 2 小时时限,属迟报"
    );
    assert!(s.score.vetoed);
    assert_eq!(s.score.grade, "不合格");

    // An explicit "not triggered" is replaced, and says so.
    let mut answered = base.clone();
    answered["answers"]["veto.conceal"] = json!({"triggered": false});
    let s2 = try_seal(&r, &answered, &[late_report(Value::Null)]).unwrap();
    let conceal = s2
        .auto_vetoes
        .iter()
        .find(|v| v.veto == "veto.conceal")
        .unwrap();
    assert_eq!(conceal.decision, Decision::OverrodeClear);
    assert!(conceal.message.ends_with("(自评表原填写为未触发)"));

    // The unit's claim contradicting its own timeline: neither wins, the unit must decide.
    let s3 = try_seal(&r, &base, &[late_report(json!(true))]).unwrap();
    let conceal = s3
        .auto_vetoes
        .iter()
        .find(|v| v.veto == "veto.conceal")
        .unwrap();
    assert_eq!(
        (conceal.decision, conceal.triggered),
        (Decision::LeftUnanswered, None)
    );
    assert!(
        conceal.message.contains("迟报、漏报、瞒报情形尚待认定"),
        "{}",
        conceal.message
    );

    // A quiet incident rules it out.
    let s4 = try_seal(&r, &base, &[quiet_incident()]).unwrap();
    let conceal = s4
        .auto_vetoes
        .iter()
        .find(|v| v.veto == "veto.conceal")
        .unwrap();
    assert_eq!(
        (conceal.decision, conceal.triggered),
        (Decision::SetClear, Some(false))
    );

    // Concealment at any grade.
    let mut hidden = quiet_incident();
    hidden["facts"]["concealed"] = json!(true);
    let s5 = try_seal(&r, &base, &[hidden]).unwrap();
    let conceal = s5
        .auto_vetoes
        .iter()
        .find(|v| v.veto == "veto.conceal")
        .unwrap();
    assert!(
        conceal.message.contains("封锁、瞒报事件情况"),
        "{}",
        conceal.message
    );

    // Opening (and so aggregation) rejects a file whose veto was edited back to "not triggered".
    let mut v = value(&s.text);
    v["assessment"]["answers"]["veto.conceal"] = json!({"triggered": false});
    rescore(&mut v);
    let text = resign(&mut v);
    let e = export::open_bytes(text.as_bytes(), None).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (
            Code::ExportAutoVeto,
            "$.assessment.answers[\"veto.conceal\"]"
        )
    );
    assert!(e.message.contains("属迟报"), "{}", e.message);
}

#[test]
fn one_unit_typed_three_ways_is_one_unit() {
    let r = rubric();
    let with_code = |code: &str, period: &str| {
        let mut a = assessment(&r, 5, period, Answers::draw(5).json());
        a["unit"]["code"] = json!(code);
        a
    };
    // New files: the code is checked and normalised when sealing.
    let e = try_seal(&r, &with_code("11330100002491234X ", "2026"), &[]).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::UnitCode, "$.unit.code"));
    assert!(e.message.contains("应为 0,现为 X"), "{}", e.message);
    assert_eq!(
        try_seal(&r, &with_code("abc / 测试", "2026"), &[])
            .unwrap_err()
            .code,
        Code::UnitCode
    );
    let sealed = try_seal(&r, &with_code(" 113301000024912340", "２０２６"), &[]).unwrap();
    assert_eq!(
        value(&sealed.text)["assessment"]["unit"]["code"],
        "113301000024912340"
    );

    // Files as an older version wrote them (code and period as typed): aggregation normalises both.
    let older = |code: &str, period: &str, at: &str| {
        let mut v = value(&sealed.text);
        v["assessment"]["unit"]["code"] = json!(code);
        v["assessment"]["period"] = json!(period);
        v["generated_at"] = json!(at);
        rescore(&mut v);
        // The score echoes the unit and period as the file wrote them.
        v["score"]["unit"]["code"] = json!(code);
        v["score"]["period"] = json!(period);
        resign(&mut v).into_bytes()
    };
    let inputs = vec![
        Input::bytes(
            "a.json",
            older("91350100M000100Y43 ", "2026", "2026-01-01T00:00:00Z"),
        ),
        Input::bytes(
            "b.json",
            older("91350100m000100y43", "2026年度", "2026-01-02T00:00:00Z"),
        ),
        Input::bytes(
            "c.json",
            older(
                "９１３５０１００Ｍ０００１００Ｙ４３",
                "２０２６",
                "2026-01-03T00:00:00Z",
            ),
        ),
        Input::bytes(
            "d.json",
            older("11330100002491234X", "2026", "2026-01-03T00:00:00Z"),
        ),
    ];
    let a = aggregate::aggregate(Some(&doc(&r)), inputs, vec![]).unwrap();
    let outcome: Vec<(FileStatus, &str)> = a.files.iter().map(|f| (f.status, f.code)).collect();
    assert_eq!(
        outcome,
        vec![
            (FileStatus::Duplicate, "E_EXPORT_DUPLICATE"),
            (FileStatus::Duplicate, "E_EXPORT_DUPLICATE"),
            (FileStatus::Accepted, "OK"),
            // A code failing the check (sealed before the check existed): accepted, said so.
            (FileStatus::Accepted, "W_UNIT_CODE"),
        ]
    );
    assert!(
        a.files[3].message.contains("应为 0,现为 X"),
        "{}",
        a.files[3].message
    );
    assert_eq!(a.files[3].warnings[0].code, Code::UnitCodeUnchecked);
    let units: Vec<(&str, &str)> = a
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.period.as_str()))
        .collect();
    assert_eq!(units.len(), 2);
    assert!(units.contains(&("91350100M000100Y43", "2026")));
    assert!(units.contains(&("11330100002491234X", "2026")));
}

#[test]
fn released_exports_keep_opening_under_their_own_rubric() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/released/v0.1.0/export-default-rubric.cyberduty.json"
    );
    let bytes = std::fs::read(path).unwrap();
    let v = value(std::str::from_utf8(&bytes).unwrap());
    let opened = export::verify(&bytes, None).unwrap();
    assert_eq!(opened.rubric.version, "2026.1");
    assert_eq!(opened.identity.warnings[0].code, Code::UnitCodeUnchecked);
    let a = aggregate::aggregate(
        Some(&doc(&v["rubric"])),
        vec![Input::bytes("old.json", bytes)],
        vec![],
    )
    .unwrap();
    assert_eq!(
        (a.files[0].status, a.files[0].code),
        (FileStatus::Accepted, "W_UNIT_CODE")
    );
    assert_eq!(a.units.len(), 1);
}

#[test]
fn vetoed_units_rank_after_every_unit_without_one() {
    let r = rubric();
    let full = json!({
        "org.a": {"met": true}, "org.b": {"level": 0},
        "tech.c": {"numerator": 10, "denominator": 10}, "tech.d": {"count": 0},
        "veto.art8": {"triggered": false}, "veto.fake": {"triggered": true}
    });
    let mut low = full.clone();
    low["veto.fake"] = json!({"triggered": false});
    low["org.b"] = json!({"level": 2});
    low["org.a"] = json!({"met": false});
    let inputs = vec![
        Input::bytes(
            "vetoed.json",
            seal(&r, &assessment(&r, 1, "2026", full), &[], AT)
                .text
                .into_bytes(),
        ),
        Input::bytes(
            "clear.json",
            seal(&r, &assessment(&r, 2, "2026", low), &[], AT)
                .text
                .into_bytes(),
        ),
    ];
    let a = aggregate::aggregate(Some(&doc(&r)), inputs, vec![]).unwrap();
    let rows: Vec<(usize, i64, bool, &str)> = a
        .units
        .iter()
        .map(|u| (u.rank, u.total.0, u.vetoed, u.remark.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (1, 5000, false, ""),
            (2, 10000, true, "一票否决(弄虚作假),排在未被否决的单位之后"),
        ]
    );
    let csv = aggregate::csv(&a);
    assert!(
        csv.contains("\r\n2,第1单位,91110000000000001H,2026,100.00,不合格,是,是,2341 7598 bf7f e9d6,未签名,未核验发送单位,,\"一票否决(弄虚作假),排在未被否决的单位之后\",\r\n"),
        "{csv}"
    );
}

#[test]
fn the_default_rubric_cites_its_sources() {
    let r = Rubric::default_rubric();
    assert_eq!(r.version, "2026.3");
    let conceal = r.vetoes.iter().find(|v| v.id == "veto.conceal").unwrap();
    assert_eq!(conceal.auto, Some(Auto::Reporting));
    let basis = conceal.basis.as_deref().unwrap();
    assert!(
        basis.contains("《国家网络安全事件报告管理办法》(2025)")
            && basis.contains("迟报、漏报、谎报、瞒报")
    );
    assert!(
        basis.contains("地方考核实践") && !basis.contains("第八条"),
        "{basis}"
    );
    let items: Vec<_> = r.items().map(|(_, i)| i).chain(r.bonus.iter()).collect();
    for id in [
        "data.pi_disclosure",
        "edu.awareness",
        "bonus.exercise",
        "mlps.testing",
    ] {
        let item = items.iter().find(|i| i.id == id).unwrap();
        assert!(
            item.basis.as_deref().unwrap().contains("本细则的建议"),
            "{id}"
        );
    }
    // emergency.plan: 2 of 3 points from 40 % coverage (not 0.6 × 3), nothing below 40 %.
    let earned = |level: u64| {
        let a = json!({
            "schema": "cyberduty.assessment/1",
            "rubric": {"id": r.id, "version": r.version},
            "answers": {"emergency.plan": {"level": level}}
        });
        let report = score::score_documents(None, &doc(&a)).unwrap();
        report
            .items
            .iter()
            .find(|i| i.id == "emergency.plan")
            .unwrap()
            .earned
            .0
    };
    assert_eq!(
        [earned(0), earned(1), earned(2), earned(3)],
        [300, 200, 0, 0]
    );
}

/// A region's policy reaches the seal: with the interpretations switched on, the 2,000,000-person
/// leak meets Art. 8(三) and the automatic veto is triggered; under the shipped policy (off) it is
/// undetermined and the veto is left to the unit. The file records which policy classified it.
#[test]
fn a_regions_policy_classifies_the_attached_incidents_when_sealing() {
    use cyberduty::domain::export;
    use cyberduty::domain::incident::Policy;
    use cyberduty::domain::json;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| json::parse(&std::fs::read(format!("{root}/{p}")).unwrap()).unwrap();
    let on = std::fs::read_to_string(format!("{root}/data/grading-2025.json"))
        .unwrap()
        .replace("\"enabled\": false", "\"enabled\": true");
    let policy = Policy::from_json(&json::parse(on.as_bytes()).unwrap()).unwrap();
    let v = "tests/vectors/export/02-article8-met";
    let rubric = Rubric::from_json(&read(&format!("{v}/rubric.json"))).unwrap();
    let mut a = Assessment::from_json(&read(&format!("{v}/assessment.json")), &rubric).unwrap();
    a.answers.remove("veto.art8");
    let leak = read("tests/vectors/incident/04-personal-info-leak-major/incident.json");
    let mut leak_2026 = leak.clone();
    if let json::Json::Obj(fields) = &mut leak_2026 {
        for (k, val) in fields.iter_mut() {
            if k == "timeline" {
                *val = json::parse(br#"{"occurred_at":"2026-03-01T09:00:00+08:00","discovered_at":"2026-03-01T09:30:00+08:00"}"#).unwrap();
            }
        }
    }
    let incidents = [leak_2026];
    let shipped = export::live(&rubric, &a, &incidents).unwrap();
    let regional = export::live_under(&rubric, &a, &incidents, &policy).unwrap();
    let decision = |l: &export::Live| {
        let v = &l.auto_vetoes[0];
        (
            v.triggered,
            l.classifications[0].triggers[2].status.name_zh(),
        )
    };
    assert_eq!(decision(&shipped), (None, "待定"));
    assert_eq!(decision(&regional), (Some(true), "符合"));
    let sealed = export::seal_under(
        &rubric,
        &a,
        &incidents,
        None,
        &policy,
        "2026-06-01T00:00:00Z",
        "test",
    )
    .unwrap();
    assert!(sealed.text.contains(&format!("\"id\": \"{}\"", policy.id)));
    assert_eq!(sealed.auto_vetoes[0].triggered, Some(true));
}

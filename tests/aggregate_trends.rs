//! Trends across periods (issue 12, item 4): several previous periods, each unit's totals, dimension
//! and item attainment per period, the items lost in two or more periods running (连续失分), the
//! batch's mean dimension attainment per period, and the same in CSV and the workbook.

mod common;
use common::exports::*;
use cyberduty::domain::aggregate::{self, Batch, Input};
use cyberduty::domain::exact::Cents;
use cyberduty::domain::rubric::Rubric;
use serde_json::{json, Value};

/// Answers on the small rubric: org.a met?, org.b level, tech.c 10/10, tech.d count.
fn answers(a: bool, b: u64, d: u64) -> Value {
    json!({
        "org.a": {"met": a}, "org.b": {"level": b},
        "tech.c": {"numerator": 10, "denominator": 10}, "tech.d": {"count": d},
        "veto.art8": {"triggered": false}, "veto.fake": {"triggered": false},
        "bonus.x": {"met": false}, "bonus.y": {"met": false}
    })
}

fn file(n: u64, period: &str, a: Value) -> Input {
    let r = rubric();
    let s = seal(
        &r,
        &assessment(&r, n, period, a),
        &[],
        &format!("{period}-12-20T00:00:00Z"),
    );
    Input::bytes(format!("{n}-{period}.json"), s.text.into_bytes())
}

fn batch() -> Batch {
    let mut b = Batch::with_rubric(Rubric::from_json(&doc(&rubric())).unwrap());
    // Unit 1: every period. org.a lost 2025 and 2026; org.b half in 2026; tech.d lost 2024–2025.
    b.add(file(1, "2026", answers(false, 1, 0)));
    // Unit 2: 2024 and 2026 only — its org.a losses are not "running" (2025 is missing).
    b.add(file(2, "2026", answers(false, 0, 0)));
    b.add_previous(file(1, "2025", answers(false, 0, 1)));
    b.add_previous(file(1, "2024", answers(true, 0, 1)));
    b.add_previous(file(2, "2024", answers(false, 0, 0)));
    b
}

#[test]
fn runs_of_lost_items_and_attainment_per_period() {
    let a = batch().finish();
    let t = a.trends.as_ref().expect("trends with previous periods");
    assert_eq!(t.periods, ["2024", "2025", "2026"]);
    let runs: Vec<(&str, &str, Vec<&str>, bool)> = t
        .lost_running
        .iter()
        .map(|l| {
            (
                l.code.as_str(),
                l.item.as_str(),
                l.periods.iter().map(String::as_str).collect(),
                l.ongoing,
            )
        })
        .collect();
    let c1 = code(1);
    assert_eq!(
        runs,
        vec![
            (c1.as_str(), "org.a", vec!["2025", "2026"], true),
            (c1.as_str(), "tech.d", vec!["2024", "2025"], false),
        ]
    );
    // Unit 2 ranks first (80 vs 65); unit 1's totals per period.
    assert_eq!(t.units[0].code, code(2));
    let u = &t.units[1];
    assert_eq!(u.code, c1);
    assert_eq!(
        u.totals,
        [Some(Cents(9800)), Some(Cents(7800)), Some(Cents(6500))]
    );
    let org_b = u.items.iter().find(|i| i.id == "org.b").unwrap();
    assert_eq!(
        org_b.values,
        [Some(Cents(10000)), Some(Cents(10000)), Some(Cents(5000))]
    );
    let tech_d = u.items.iter().find(|i| i.id == "tech.d").unwrap();
    assert_eq!(
        tech_d.values,
        [Some(Cents(9200)), Some(Cents(9200)), Some(Cents(10000))]
    );
    assert_eq!(
        t.units[0].totals,
        [Some(Cents(8000)), None, Some(Cents(8000))]
    );
    // Mean org attainment: 2024 (100 + 60) / 2, 2025 60 (unit 1 only), 2026 (30 + 60) / 2.
    let org = &t.dimensions[0];
    assert_eq!(org.id, "org");
    assert_eq!(
        org.values,
        [Some(Cents(8000)), Some(Cents(6000)), Some(Cents(4500))]
    );
}

#[test]
fn trends_in_csv_and_the_workbook_and_absent_without_previous_periods() {
    let (a, book) = batch().finish_with_xlsx();
    let csv = aggregate::trends_csv(&a);
    let mut lines = csv.trim_start_matches('\u{FEFF}').split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "统一社会信用代码,单位名称,类别,编号,名称,2024,2025,2026,连续失分期数"
    );
    let c1 = code(1);
    assert_eq!(
        lines.next().unwrap(),
        format!("{},第2单位,总分,,总分,80.00,,80.00,", code(2))
    );
    assert!(
        csv.contains(&format!(
            "\r\n{c1},第1单位,总分,,总分,98.00,78.00,65.00,\r\n"
        )),
        "{csv}"
    );
    assert!(
        csv.contains(&format!(
            "{c1},第1单位,指标得分率(%),org.a,明确第一责任人,100.00,0.00,0.00,2\r\n"
        )),
        "{csv}"
    );
    assert!(
        csv.contains(&format!(
            "{},第2单位,指标得分率(%),org.a,明确第一责任人,0.00,,0.00,\r\n",
            code(2)
        )),
        "{csv}"
    );
    let mut wb = cyberduty::domain::xlsx::read::Book::open(&book).unwrap();
    let cells = wb.cells("历年趋势").unwrap().expect("a 历年趋势 sheet");
    let at = |row: usize, col: usize| {
        cells
            .iter()
            .find(|c| c.row == row && c.col == col)
            .map(|c| format!("{:?}", c.value))
    };
    // Row 2 (rows from 1, columns from 0): unit 2's 总分 row; 2024 in column F, a number.
    assert_eq!(at(2, 5).as_deref(), Some("Number(\"80.00\")"));

    let mut plain = Batch::with_rubric(Rubric::from_json(&doc(&rubric())).unwrap());
    plain.add(file(1, "2026", answers(true, 0, 0)));
    let a = plain.finish();
    assert!(a.trends.is_none());
    assert!(serde_json::to_value(&a).unwrap().get("trends").is_none());
    assert_eq!(
        aggregate::trends_csv(&a),
        "\u{FEFF}统一社会信用代码,单位名称,类别,编号,名称,连续失分期数\r\n"
    );
}

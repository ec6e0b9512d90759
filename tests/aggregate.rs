//! Aggregation (issue 5) over a generated batch: 300 valid exports with pseudo-random answers plus
//! truncated, tampered, re-signed, foreign, duplicate, broken, future and inconsistent files. Each
//! outcome and code is asserted, and the ranking and statistics are checked against figures worked
//! out here from the drawn answers in integer arithmetic.

mod common;
use common::exports::*;
use cyberduty::domain::aggregate::{self, Aggregate, FileStatus, Input, Role};
use cyberduty::domain::json::MAX_INPUT_BYTES;
use cyberduty::{Code, Error};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const UNITS: u64 = 300;
const AT: &str = "2026-01-20T02:00:00Z";

struct Case {
    inputs: Vec<Input>,
    /// Expected (status, code, JSON path) per input name.
    expect: BTreeMap<String, (FileStatus, &'static str, &'static str)>,
    /// The units that must be ranked, with their answers.
    valid: BTreeMap<String, Answers>,
}

impl Case {
    fn add(
        &mut self,
        name: &str,
        bytes: Vec<u8>,
        outcome: (FileStatus, &'static str, &'static str),
    ) {
        self.inputs.push(Input::bytes(name, bytes));
        assert!(
            self.expect.insert(name.to_string(), outcome).is_none(),
            "{name}"
        );
    }
}

fn ok() -> (FileStatus, &'static str, &'static str) {
    (FileStatus::Accepted, "OK", "")
}

fn accepted(a: &Answers) -> (FileStatus, &'static str, &'static str) {
    if a.complete() {
        ok()
    } else {
        (FileStatus::Accepted, "W_INCOMPLETE", "")
    }
}

fn rejected(code: Code, at: &'static str) -> (FileStatus, &'static str, &'static str) {
    (FileStatus::Rejected, code.as_str(), at)
}

/// The batch, in a shuffled but fixed order.
fn batch() -> Case {
    let mut c = Case {
        inputs: Vec::new(),
        expect: BTreeMap::new(),
        valid: BTreeMap::new(),
    };
    let r = rubric();
    for n in 1..=UNITS {
        let (a, s) = unit(n, "2026", AT);
        let name = format!("units/{:03}/{}", n % 17, s.file_name);
        c.add(&name, s.text.into_bytes(), accepted(&a));
        c.valid.insert(code(n), a);
    }

    // Unit 1001: an older export and a newer one; only the newer counts.
    let (old_a, old) = unit(1001, "2026", "2026-01-10T00:00:00Z");
    let mut newer_answers = old_a;
    newer_answers.a_met = !old_a.a_met;
    let newer = seal(
        &r,
        &assessment(&r, 1001, "2026", newer_answers.json()),
        &[],
        AT,
    );
    c.add(
        "dup/old.json",
        old.text.into_bytes(),
        (FileStatus::Duplicate, "E_EXPORT_DUPLICATE", ""),
    );
    c.add(
        "dup/new.json",
        newer.text.into_bytes(),
        accepted(&newer_answers),
    );
    c.valid.insert(code(1001), newer_answers);
    // Unit 1002: the same file twice; equal times, the smaller path is kept.
    let (a, s) = unit(1002, "2026", AT);
    c.add(
        "dup/b-copy.json",
        s.text.clone().into_bytes(),
        (FileStatus::Duplicate, "E_EXPORT_DUPLICATE", ""),
    );
    c.add("dup/a.json", s.text.into_bytes(), accepted(&a));
    c.valid.insert(code(1002), a);
    // Unit 1003 in another period is another row, not a duplicate.
    let (a, s) = unit(1003, "2026", AT);
    let (_, s25) = unit(1003, "2025", AT);
    c.add("periods/2026.json", s.text.into_bytes(), accepted(&a));
    c.add("periods/2025.json", s25.text.into_bytes(), accepted(&a));
    c.valid.insert(code(1003), a);

    let (a2000, base) = unit(2000, "2026", AT);
    let good = value(&base.text);
    let flipped = json!({"met": !a2000.a_met});
    // Truncated in transit.
    c.add(
        "bad/truncated.json",
        base.text.as_bytes()[..base.text.len() / 2].to_vec(),
        rejected(Code::JsonSyntax, ""),
    );
    // Total edited and re-signed.
    let mut v = good.clone();
    v["score"]["total"] = json!((a2000.total() + 1) as f64 / 100.0);
    c.add(
        "bad/total-resigned.json",
        resign(&mut v).into_bytes(),
        rejected(Code::ExportScoreMismatch, "$.score.total"),
    );
    // An answer edited, not re-signed.
    let mut v = good.clone();
    v["assessment"]["answers"]["org.a"] = flipped.clone();
    c.add(
        "bad/answer-edited.json",
        v.to_string().into_bytes(),
        rejected(Code::ExportDigest, "$.digest"),
    );
    // An answer edited and re-signed: the stored score no longer follows from the answers.
    let mut v = good.clone();
    v["assessment"]["answers"]["org.a"] = flipped;
    c.add(
        "bad/answer-resigned.json",
        resign(&mut v).into_bytes(),
        rejected(Code::ExportScoreMismatch, "$.score.total"),
    );
    // Built on another rubric (same id and version, one more bonus point allowed).
    let f = foreign_rubric();
    let foreign = seal(
        &f,
        &assessment(&f, 2001, "2026", Answers::draw(2001).json()),
        &[],
        AT,
    );
    c.add(
        "bad/foreign.json",
        foreign.text.into_bytes(),
        rejected(Code::ExportForeignRubric, "$.rubric"),
    );
    // Not JSON at all.
    c.add(
        "bad/notes.json",
        "各单位报送材料清单(见附件)".as_bytes().to_vec(),
        rejected(Code::JsonSyntax, ""),
    );
    c.add(
        "bad/scan.json",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        rejected(Code::InputEncoding, ""),
    );
    c.add("bad/empty.json", Vec::new(), rejected(Code::InputEmpty, ""));
    // A future version of the format.
    let mut v = good.clone();
    v["schema"] = json!("cyberduty.export/3");
    c.add(
        "bad/future.json",
        v.to_string().into_bytes(),
        rejected(Code::SchemaFuture, "$.schema"),
    );
    // An assessment sent instead of an export.
    let a = assessment(&r, 2002, "2026", Answers::draw(2002).json());
    c.add(
        "bad/assessment.json",
        a.to_string().into_bytes(),
        rejected(Code::SchemaUnknown, "$.schema"),
    );
    // A met Article 8 situation with the veto cleared, re-scored and re-signed.
    let leak = seal(
        &r,
        &assessment(&r, 2003, "2026", Answers::draw(2003).json()),
        &[secret_leak()],
        AT,
    );
    let mut v = value(&leak.text);
    v["assessment"]["answers"]["veto.art8"] = json!({"triggered": false});
    rescore(&mut v);
    c.add(
        "bad/art8.json",
        resign(&mut v).into_bytes(),
        rejected(Code::ExportArticle8, "$.assessment.answers[\"veto.art8\"]"),
    );
    // The same unit with its veto honestly triggered is accepted, vetoed.
    let honest = seal(
        &r,
        &assessment(&r, 2004, "2026", Answers::draw(2004).json()),
        &[secret_leak()],
        AT,
    );
    let mut a2004 = Answers::draw(2004);
    a2004.fake = true; // vetoed, for the expected grade (the Article 8 veto here)
    c.add(
        "art8/honest.json",
        honest.text.into_bytes(),
        accepted(&a2004),
    );
    c.valid.insert(code(2004), a2004);
    // Over the size limit: refused before parsing.
    let mut big = vec![b' '; MAX_INPUT_BYTES + 1];
    big[0] = b'{';
    c.add("bad/huge.json", big, rejected(Code::InputTooLarge, ""));
    // Unreadable (the CLI passes its read errors through).
    c.inputs.push(Input::failed(
        "bad/locked.json",
        Error::new(Code::FileUnreadable, "$", "无法读取文件:没有读取权限"),
    ));
    c.expect
        .insert("bad/locked.json".into(), rejected(Code::FileUnreadable, ""));

    // A fixed shuffle, so order never decides anything by accident.
    let mut seed = 7u64;
    for i in (1..c.inputs.len()).rev() {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        c.inputs.swap(i, (seed >> 33) as usize % (i + 1));
    }
    c
}

/// The batch is built once and aggregated once (without previous inputs) for all the tests.
fn shared() -> &'static (Case, Aggregate) {
    static SHARED: OnceLock<(Case, Aggregate)> = OnceLock::new();
    SHARED.get_or_init(|| {
        let c = batch();
        let a = run(&c, vec![]);
        (c, a)
    })
}

fn run(c: &Case, previous: Vec<Input>) -> Aggregate {
    aggregate::aggregate(Some(&doc(&rubric())), c.inputs.clone(), previous)
        .expect("reference valid")
}

#[test]
fn every_file_gets_exactly_one_outcome_with_the_right_code() {
    let (c, a) = shared();
    let names: Vec<String> = c.inputs.iter().map(|i| i.name.clone()).collect();
    let got: Vec<&str> = a.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(got, names, "one outcome per input, in input order");
    for f in &a.files {
        let (status, code, at) = c.expect[&f.path];
        assert_eq!(
            (f.status, f.code, f.at.as_str(), f.role),
            (status, code, at, Role::Current),
            "{}: {}",
            f.path,
            f.message
        );
        assert!(!f.message.is_empty());
        assert_eq!(
            f.unit.is_some(),
            status != FileStatus::Rejected,
            "{}",
            f.path
        );
    }
    let dup = a.files.iter().find(|f| f.path == "dup/old.json").unwrap();
    assert!(dup.message.contains("dup/new.json"), "{}", dup.message);
    let copy = a
        .files
        .iter()
        .find(|f| f.path == "dup/b-copy.json")
        .unwrap();
    assert!(
        copy.message.contains("dup/a.json") && copy.message.contains("内容相同"),
        "{}",
        copy.message
    );

    let count = |s: FileStatus| c.expect.values().filter(|e| e.0 == s).count();
    let f = a.summary.files;
    assert_eq!(
        (f.accepted, f.rejected, f.duplicate),
        (
            count(FileStatus::Accepted),
            count(FileStatus::Rejected),
            count(FileStatus::Duplicate)
        )
    );
    assert_eq!(f.duplicate, 2);
    assert_eq!(f.rejected, 13);
}

#[test]
fn ranking_and_statistics_match_independent_figures() {
    let (c, a) = shared();

    // Expected rows: every valid unit in 2026, plus unit 1003's 2025 row. Order: units without a
    // veto first, then by grade (highest first), then total (highest first); ties share a rank.
    let grade_index = |g: &str| {
        ["优秀", "良好", "合格", "不合格"]
            .iter()
            .position(|x| *x == g)
    };
    let mut rows: Vec<(i64, String, String, &'static str, bool, bool)> = c
        .valid
        .iter()
        .map(|(code, ans)| {
            (
                ans.total(),
                code.clone(),
                "2026".to_string(),
                ans.grade(),
                ans.complete(),
                ans.fake,
            )
        })
        .collect();
    let a1003 = Answers::draw(1003);
    rows.push((
        a1003.total(),
        code(1003),
        "2025".into(),
        a1003.grade(),
        a1003.complete(),
        a1003.fake,
    ));
    let key = |r: &(i64, String, String, &'static str, bool, bool)| {
        (r.5, grade_index(r.3), std::cmp::Reverse(r.0))
    };
    rows.sort_by(|x, y| key(x).cmp(&key(y)).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    assert_eq!(a.units.len(), rows.len());
    assert_eq!(a.summary.count, UNITS as usize + 5);
    // The batch holds vetoed units with more points than some unit without a veto.
    let lowest_clear = rows.iter().filter(|r| !r.5).map(|r| r.0).min().unwrap();
    assert!(rows.iter().any(|r| r.5 && r.0 > lowest_clear));

    let mut prev_key = None;
    let mut rank = 0;
    for (i, (u, row)) in a.units.iter().zip(&rows).enumerate() {
        let (total, code, period, grade, complete, vetoed) = row;
        if prev_key != Some(key(row)) {
            rank = i + 1;
        }
        prev_key = Some(key(row));
        assert_eq!(
            (
                u.rank,
                u.total.0,
                &u.code,
                &u.period,
                u.grade.as_str(),
                u.complete,
                u.vetoed
            ),
            (rank, *total, code, period, *grade, *complete, *vetoed),
            "row {i}"
        );
        assert_eq!(
            u.remark.starts_with("一票否决(") && u.remark.contains("),排在未被否决的单位之后"),
            *vetoed,
            "row {i}: {}",
            u.remark
        );
    }
    // Ties exist in this batch and share a rank.
    assert!(a.units.windows(2).any(|w| w[0].rank == w[1].rank));

    // Statistics from the totals, in plain integer arithmetic.
    let mut totals: Vec<i64> = rows.iter().map(|r| r.0).collect();
    totals.sort_unstable();
    let n = totals.len() as i64;
    let sum: i64 = totals.iter().sum();
    let mean = (2 * sum + n) / (2 * n);
    let median = if n % 2 == 1 {
        totals[n as usize / 2]
    } else {
        let s = totals[n as usize / 2 - 1] + totals[n as usize / 2];
        (s + 1) / 2
    };
    let sq: i128 = totals.iter().map(|&t| i128::from(t) * i128::from(t)).sum();
    let spread = (i128::from(n) * sq - i128::from(sum) * i128::from(sum)) as u128;
    // σ rounded half up: the largest k with (2k − 1)² n² ≤ 4·spread.
    let nn = n as u128;
    let mut sd = isqrt(spread) / nn;
    while (2 * (sd + 1) - 1).pow(2) * nn * nn <= 4 * spread {
        sd += 1;
    }
    while sd > 0 && (2 * sd - 1).pow(2) * nn * nn > 4 * spread {
        sd -= 1;
    }
    let s = &a.summary;
    assert_eq!(
        (
            s.mean.unwrap().0,
            s.median.unwrap().0,
            s.min.unwrap().0,
            s.max.unwrap().0,
            s.std_dev_population.unwrap().0
        ),
        (mean, median, totals[0], totals[n as usize - 1], sd as i64)
    );
    // Cross-check σ against floating point, loosely.
    let m = sum as f64 / n as f64;
    let var = totals.iter().map(|&t| (t as f64 - m).powi(2)).sum::<f64>() / n as f64;
    assert!((var.sqrt() - sd as f64).abs() <= 0.5 + 1e-9);

    // Grade distribution and vetoes.
    for g in &s.grades {
        let expected = rows.iter().filter(|r| r.3 == g.name).count();
        assert_eq!(g.count, expected, "{}", g.name);
    }
    assert_eq!(s.grades.iter().map(|g| g.count).sum::<usize>(), rows.len());
    let mut vetoed: Vec<String> = c
        .valid
        .iter()
        .filter(|(_, a)| a.fake)
        .map(|(k, _)| k.clone())
        .collect();
    if a1003.fake {
        vetoed.push(code(1003));
    }
    vetoed.sort();
    let mut got: Vec<String> = s.vetoed.iter().map(|v| v.code.clone()).collect();
    got.sort();
    assert_eq!(got, vetoed);
    let v2004 = s.vetoed.iter().find(|v| v.code == code(2004)).unwrap();
    assert!(v2004.vetoes.contains(&"发生第八条情形".to_string()));
    assert_eq!(s.incomplete, rows.iter().filter(|r| !r.4).count());
    assert_eq!(s.periods, ["2025", "2026"]);

    // Per-dimension mean attainment: the mean of each unit's rounded percentage, rounded once.
    let mut all: Vec<Answers> = c.valid.values().copied().collect();
    all.push(a1003);
    for (i, d) in s.dimensions.iter().enumerate() {
        let values: Vec<i64> = all.iter().map(|x| x.attainment()[i]).collect();
        let n = values.len() as i64;
        let expected = (2 * values.iter().sum::<i64>() + n) / (2 * n);
        assert_eq!(
            (d.mean_attainment.unwrap().0, d.units),
            (expected, all.len()),
            "{}",
            d.id
        );
    }
}

#[test]
fn weakest_items_come_first_with_counts_and_mean_loss() {
    let (c, a) = shared();
    let mut all: Vec<Answers> = c.valid.values().copied().collect();
    all.push(Answers::draw(1003));
    let n = all.len() as i64;
    // (id, units lost, Σ lost share × 100 × denominator, denominator, applicable)
    let mean = |num: i64, den: i64| (2 * num + den) / (2 * den);
    let a_lost = all.iter().filter(|x| !x.a_met).count() as i64;
    let b_lost = all.iter().filter(|x| x.b_level > 0).count() as i64;
    let b_share: i64 = all.iter().map(|x| [0, 50, 100][x.b_level as usize]).sum();
    let c_app: Vec<u64> = all.iter().filter_map(|x| x.c).collect();
    let c_lost = c_app.iter().filter(|&&k| k < 10).count() as i64;
    let c_share: i64 = c_app.iter().map(|&k| (10 - k as i64) * 10).sum();
    let d_share: i64 = all
        .iter()
        .map(|x| x.d.map_or(100, |d| (2 * d as i64 * 100).min(2500) / 25))
        .sum();
    let d_lost = all.iter().filter(|x| x.d != Some(0)).count() as i64;
    let mut expected = vec![
        ("org.a", a_lost, mean(a_lost * 100 * 100, n), n),
        ("org.b", b_lost, mean(b_share * 100, n), n),
        (
            "tech.c",
            c_lost,
            mean(c_share * 100, c_app.len() as i64),
            c_app.len() as i64,
        ),
        ("tech.d", d_lost, mean(d_share * 100, n), n),
    ];
    expected.sort_by(|x, y| y.2.cmp(&x.2).then(y.1.cmp(&x.1)));
    let got: Vec<(&str, i64, i64, i64)> = a
        .items
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                i.units_lost as i64,
                i.mean_lost_percent.unwrap().0,
                i.applicable as i64,
            )
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn previous_period_gives_each_units_change() {
    let (c, _) = shared();
    let r = rubric();
    // Units 1–10 had other answers last year; unit 3 sent two files (the later one counts); unit 4
    // was scored on last year's different rubric (still used for the change).
    let mut previous = Vec::new();
    let mut last_year = BTreeMap::new();
    for n in 1..=10u64 {
        let a = Answers::draw(n + 5000);
        let s = seal(
            &r,
            &assessment(&r, n, "2025", a.json()),
            &[],
            "2025-01-20T00:00:00Z",
        );
        previous.push(Input::bytes(format!("2025/{n}.json"), s.text.into_bytes()));
        last_year.insert(code(n), a.total());
    }
    let later = Answers::draw(9999);
    let s = seal(
        &r,
        &assessment(&r, 3, "2025", later.json()),
        &[],
        "2025-02-01T00:00:00Z",
    );
    previous.push(Input::bytes("2025/3-corrected.json", s.text.into_bytes()));
    last_year.insert(code(3), later.total());
    let f = foreign_rubric();
    let old = Answers::draw(4242);
    let s = seal(
        &f,
        &assessment(&f, 4, "2025b", old.json()),
        &[],
        "2025-03-01T00:00:00Z",
    );
    previous.push(Input::bytes("2025/4-old-rubric.json", s.text.into_bytes()));
    last_year.insert(code(4), old.total());
    previous.push(Input::bytes("2025/broken.json", b"{".to_vec()));

    let a = run(c, previous);
    for u in &a.units {
        match last_year.get(&u.code) {
            Some(prev) => {
                let ch = u.change.as_ref().expect("has previous");
                assert_eq!(
                    (ch.previous_total.0, ch.delta.0),
                    (*prev, u.total.0 - prev),
                    "{}",
                    u.code
                );
                assert_eq!(ch.same_rubric, u.code != code(4));
                assert_eq!(
                    ch.previous_period,
                    if u.code == code(4) { "2025b" } else { "2025" }
                );
            }
            None => assert!(u.change.is_none(), "{}", u.code),
        }
    }
    let prev: Vec<_> = a
        .files
        .iter()
        .filter(|f| f.role == Role::Previous)
        .collect();
    assert_eq!(prev.len(), 13);
    for f in prev {
        let expected = match f.path.as_str() {
            "2025/broken.json" => (FileStatus::Rejected, "E_JSON_SYNTAX"),
            "2025/3.json" => (FileStatus::Duplicate, "E_EXPORT_DUPLICATE"),
            // "2025b" is free text: accepted, but its incidents' dates could not be checked.
            "2025/4-old-rubric.json" => (FileStatus::Accepted, "W_PERIOD_UNCHECKED"),
            _ => (FileStatus::Accepted, "OK"),
        };
        let code = if f.code == "W_INCOMPLETE" {
            "OK"
        } else {
            f.code
        };
        assert_eq!((f.status, code), expected, "{}", f.path);
    }
    let ch = a.summary.changes.unwrap();
    assert_eq!(ch.improved + ch.declined + ch.unchanged, 10);
    assert_eq!(ch.without_previous, a.units.len() - 10);
    // Every input, current and previous, appears once.
    assert_eq!(a.files.len(), c.inputs.len() + 13);
}

#[test]
fn an_empty_batch_and_an_invalid_reference() {
    let a = aggregate::aggregate(None, vec![], vec![]).unwrap();
    assert_eq!(a.summary.count, 0);
    assert!(a.summary.mean.is_none() && a.summary.std_dev_population.is_none());
    assert_eq!(
        a.reference.id,
        cyberduty::domain::rubric::Rubric::default_rubric().id
    );
    let mut bad = rubric();
    bad["total"] = json!(99);
    let e = aggregate::aggregate(Some(&doc(&bad)), vec![], vec![]).unwrap_err();
    assert_eq!(e.code, Code::RubricPointsSum);
    // Against the default reference, the small rubric's exports are foreign.
    let (_, s) = unit(1, "2026", AT);
    let a = aggregate::aggregate(
        None,
        vec![Input::bytes("x.json", s.text.into_bytes())],
        vec![],
    )
    .unwrap();
    assert_eq!(a.files[0].code, "E_EXPORT_FOREIGN_RUBRIC");
}

#[test]
fn the_output_shape_and_the_csv() {
    let r = rubric();
    let mut inputs = Vec::new();
    for (n, name) in [
        (1u64, "=HYPERLINK(\"http://x\")"),
        (2, "某县委办, \"网信\"科"),
    ] {
        let mut a = assessment(&r, n, "2026", Answers::draw(n).json());
        a["unit"]["name"] = json!(name);
        let s = seal(&r, &a, &[], AT);
        inputs.push(Input::bytes(format!("{n}.json"), s.text.into_bytes()));
    }
    let a = aggregate::aggregate(Some(&doc(&r)), inputs, vec![]).unwrap();
    let v: Value = serde_json::to_value(&a).unwrap();
    assert_eq!(v["schema"], "cyberduty.aggregate/1");
    for key in ["reference", "files", "units", "summary", "items"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let u = &v["units"][0];
    for key in [
        "rank", "name", "code", "period", "total", "grade", "vetoed", "complete", "change",
    ] {
        assert!(u.get(key).is_some(), "{key}");
    }
    for key in ["path", "status", "code", "message"] {
        assert!(v["files"][0].get(key).is_some(), "{key}");
    }
    for key in [
        "count",
        "mean",
        "median",
        "min",
        "max",
        "std_dev_population",
        "grades",
        "vetoed",
        "dimensions",
    ] {
        assert!(v["summary"].get(key).is_some(), "{key}");
    }

    let csv = aggregate::csv(&a);
    assert!(csv.starts_with(
        "\u{FEFF}排名,单位名称,统一社会信用代码,考核期,总分,等次,一票否决,作答完整,核对码,签名密钥,发送单位,较上期变化,备注,逾期整改项数\r\n"
    ));
    assert_eq!(csv.matches("\r\n").count(), 3);
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    assert!(csv.contains(",\"某县委办, \"\"网信\"\"科\","), "{csv}");
    let t1 = Answers::draw(1).total();
    assert!(
        csv.contains(&format!(",{}.{:02},", t1 / 100, t1 % 100)),
        "{csv}"
    );
}

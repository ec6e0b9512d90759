//! Native aggregation benchmark (`make bench`): N generated exports on the default rubric, checked
//! and aggregated in process, against a parse-only baseline (serde_json reading the same bytes into
//! a `Value`) measured in the same run. Prints one JSON object of figures on stdout.
//!
//! BENCH_UNITS (default 10000) sets N; BENCH_DIR (default target/bench/exports) keeps the generated
//! files between runs, so the CLI can be timed over the same folder.

use cyberduty::domain::aggregate::{self, Input};
use cyberduty::domain::export;
use cyberduty::domain::json;
use cyberduty::domain::rubric::{Method, Rubric};
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::time::Instant;

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

/// A unit code of the right shape (18 characters), unique per unit.
fn unit_code(n: usize) -> String {
    let first17 = format!("11{:015}", n);
    let check = cyberduty::domain::unit_code::check_char(&first17).expect("17 code characters");
    format!("{first17}{check}")
}

fn answers(rubric: &Rubric, seed: &mut u64) -> Value {
    let mut m = Map::new();
    for (_, item) in rubric.items() {
        let r = lcg(seed);
        let a = match &item.method {
            Method::Check => json!({"met": r % 5 != 0}),
            Method::Levels { levels } => json!({"level": (r as usize) % levels.len()}),
            Method::Ratio => json!({"numerator": r % 11, "denominator": 10 + (r % 7) + (r % 11)}),
            Method::Deduct { .. } => json!({"count": r % 4}),
        };
        m.insert(item.id.clone(), a);
    }
    for v in &rubric.vetoes {
        m.insert(v.id.clone(), json!({"triggered": lcg(seed) % 50 == 0}));
    }
    for b in &rubric.bonus {
        if let Method::Check = b.method {
            m.insert(b.id.clone(), json!({"met": lcg(seed) % 3 == 0}));
        }
    }
    Value::Object(m)
}

fn generate(dir: &PathBuf, n: usize) {
    let marker = dir.join(format!(".complete-{n}-{}", cyberduty::VERSION));
    if marker.exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let rubric = Rubric::default_rubric();
    let mut seed = 42u64;
    for i in 0..n {
        let a = json!({"schema": "cyberduty.assessment/1",
            "rubric": {"id": rubric.id, "version": rubric.version},
            "unit": {"name": format!("第{i}号单位"), "code": unit_code(i), "level": "county", "region": "某省"},
            "period": "2026", "assessor": "考核组", "answers": answers(&rubric, &mut seed)});
        let doc = json::parse_str(&a.to_string()).unwrap();
        let sealed =
            export::seal(None, &doc, &[], "2026-12-01T08:00:00Z", cyberduty::VERSION).unwrap();
        std::fs::write(dir.join(&sealed.file_name), sealed.text).unwrap();
    }
    std::fs::write(marker, "").unwrap();
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Native latency of what the page calls on every edit: reading an assessment of the default
/// rubric and scoring it (`Session.score` minus the JS boundary), and classifying the first incident
/// vector (`classify`). Median and p99 in µs over 2,000 calls: the floor the wasm works against.
fn latency() -> Value {
    let rubric = Rubric::default_rubric();
    let mut seed = 7u64;
    let a = json!({"schema": "cyberduty.assessment/1",
        "rubric": {"id": rubric.id, "version": rubric.version},
        "unit": {"name": "基准测试单位", "level": "county"}, "period": "2026",
        "answers": answers(&rubric, &mut seed)});
    let doc = json::parse_str(&a.to_string()).unwrap();
    let incident = json::parse(
        &std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/vectors/incident/01-prefecture-portal-defaced/incident.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let time = |f: &dyn Fn()| {
        for _ in 0..200 {
            f();
        }
        let mut xs: Vec<f64> = (0..2000)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        xs.sort_by(|a, b| a.total_cmp(b));
        json!({"median_us": xs[xs.len() / 2], "p99_us": xs[xs.len() * 99 / 100]})
    };
    json!({
        "score": time(&|| {
            let x = cyberduty::domain::assessment::Assessment::from_json(&doc, &rubric).unwrap();
            std::hint::black_box(cyberduty::domain::score::score(&rubric, &x).unwrap());
        }),
        "classify": time(&|| {
            std::hint::black_box(cyberduty::domain::incident::classify_document(&incident).unwrap());
        }),
    })
}

fn main() {
    let n: usize = std::env::var("BENCH_UNITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::var_os("BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/exports"));
    let t = Instant::now();
    generate(&dir, n);
    let generate_s = t.elapsed().as_secs_f64();

    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let runs = 3;
    let mut parse = Vec::new();
    let mut agg = Vec::new();
    let mut accepted = 0;
    for _ in 0..runs {
        let t = Instant::now();
        for (_, b) in &files {
            let v: Value = serde_json::from_slice(b).unwrap();
            std::hint::black_box(v);
        }
        parse.push(t.elapsed().as_secs_f64());

        let inputs: Vec<Input> = files
            .iter()
            .map(|(p, b)| Input::bytes(p.clone(), b.clone()))
            .collect();
        let t = Instant::now();
        let a = aggregate::aggregate(None, inputs, Vec::new()).unwrap();
        agg.push(t.elapsed().as_secs_f64());
        accepted = a.summary.count;
    }
    let (parse_s, agg_s) = (median(parse), median(agg));
    let mb = bytes as f64 / 1e6;
    let out = json!({
        "files": files.len(), "accepted": accepted, "bytes": bytes, "generate_s": generate_s,
        "parse_only_s": parse_s, "aggregate_s": agg_s,
        "parse_only_files_per_s": files.len() as f64 / parse_s, "parse_only_mb_per_s": mb / parse_s,
        "aggregate_files_per_s": files.len() as f64 / agg_s, "aggregate_mb_per_s": mb / agg_s,
        "ratio": agg_s / parse_s, "runs": runs, "dir": dir.to_string_lossy(),
        "latency": latency(),
    });
    println!("{out}");
}

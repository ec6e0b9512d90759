//! Builders for the export and aggregation tests: units with deterministic pseudo-random answers on
//! the small test rubric, their expected totals worked out here in plain integer arithmetic (not by
//! the scorer), sealing, tampering and re-signing, and scratch folders.
#![allow(dead_code)]

use cyberduty::domain::digest;
use cyberduty::domain::export::{self, Sealed};
use cyberduty::domain::json::Json;
use cyberduty::domain::score;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

pub use super::doc;

/// The 100-point rubric of tests/common/mod.rs (org.a check 20, org.b levels 30 (1/0.5/0), tech.c ratio 25
/// N/A allowed, tech.d deduct 25 per 2; vetoes veto.art8 (auto article8) and veto.fake; bonus.x 3
/// and bonus.y 4, cap 5).
pub fn rubric() -> Value {
    super::small_rubric()
}

/// The same rubric as another department might issue it: one bonus point more allowed. Same id and
/// version, so only the digest tells them apart.
pub fn foreign_rubric() -> Value {
    let mut r = rubric();
    r["bonus_cap"] = json!(6);
    r
}

/// A unit's answers, drawn from a small LCG seeded by `n`, in the shape of `rubric()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answers {
    pub a_met: bool,
    /// Level index 0 (full), 1 (half), 2 (none).
    pub b_level: u64,
    /// Numerator out of 10, or None for 不适用.
    pub c: Option<u64>,
    /// Deductions (2 points each, at most 25). None leaves the item unanswered.
    pub d: Option<u64>,
    pub fake: bool,
    pub x: bool,
    pub y: bool,
}

impl Answers {
    pub fn draw(n: u64) -> Answers {
        let mut s = n
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let mut next = |m: u64| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 33) % m
        };
        Answers {
            a_met: next(4) != 0,
            b_level: next(3),
            c: match next(6) {
                0 => None,
                _ => Some(next(11)),
            },
            d: match next(25) {
                0 => None,
                _ => Some(next(15)),
            },
            fake: next(40) == 0,
            x: next(3) == 0,
            y: next(4) == 0,
        }
    }

    pub fn json(&self) -> Value {
        let mut a = json!({
            "org.a": {"met": self.a_met},
            "org.b": {"level": self.b_level},
            "veto.art8": {"triggered": false},
            "veto.fake": {"triggered": self.fake},
            "bonus.x": {"met": self.x},
            "bonus.y": {"met": self.y}
        });
        a["tech.c"] = match self.c {
            Some(n) => json!({"numerator": n, "denominator": 10}),
            None => json!({"na": "本单位无下属部门"}),
        };
        if let Some(d) = self.d {
            a["tech.d"] = json!({"count": d});
        }
        a
    }

    /// Earned and applicable points in tenths of a point, per dimension (org, tech).
    pub fn tenths(&self) -> [(i64, i64); 2] {
        let org = i64::from(self.a_met) * 200 + [300, 150, 0][self.b_level as usize];
        let (c_earned, c_applicable) = match self.c {
            Some(n) => (25 * n as i64, 250),
            None => (0, 0),
        };
        let d_earned = self.d.map_or(0, |d| (250 - 20 * d as i64).max(0));
        [(org, 500), (c_earned + d_earned, c_applicable + 250)]
    }

    /// The total in hundredths: 100 × earned / applicable + min(5, bonus), rounded half up.
    pub fn total(&self) -> i64 {
        let [(oe, oa), (te, ta)] = self.tenths();
        let (earned, applicable) = (oe + te, oa + ta);
        let bonus = (i64::from(self.x) * 300 + i64::from(self.y) * 400).min(500);
        let num = 10_000 * earned + bonus * applicable;
        (2 * num + applicable) / (2 * applicable)
    }

    pub fn complete(&self) -> bool {
        self.d.is_some()
    }

    pub fn grade(&self) -> &'static str {
        let t = self.total();
        if self.fake || t < 6000 {
            "不合格"
        } else if t >= 9000 {
            "优秀"
        } else if t >= 8000 {
            "良好"
        } else {
            "合格"
        }
    }

    /// Attainment percent in hundredths per dimension, as each unit's report rounds it.
    pub fn attainment(&self) -> [i64; 2] {
        self.tenths().map(|(e, a)| (2 * e * 10_000 + a) / (2 * a))
    }
}

pub fn code(n: u64) -> String {
    let first17 = format!("91110000{n:09}");
    let check = cyberduty::domain::unit_code::check_char(&first17).expect("17 code characters");
    format!("{first17}{check}")
}

pub fn assessment(rubric: &Value, n: u64, period: &str, answers: Value) -> Value {
    json!({
        "schema": "cyberduty.assessment/1",
        "rubric": {"id": rubric["id"], "version": rubric["version"]},
        "unit": {"name": format!("第{n}单位"), "code": code(n), "level": "county"},
        "period": period,
        "assessor": "考核组",
        "answers": answers
    })
}

pub fn seal(rubric: &Value, assessment: &Value, incidents: &[Value], at: &str) -> Sealed {
    let incidents: Vec<Json> = incidents.iter().map(doc).collect();
    export::seal(
        Some(&doc(rubric)),
        &doc(assessment),
        &incidents,
        at,
        cyberduty::VERSION,
    )
    .unwrap_or_else(|e| panic!("seals: {e}"))
}

/// Seal unit `n` with its drawn answers.
pub fn unit(n: u64, period: &str, at: &str) -> (Answers, Sealed) {
    let a = Answers::draw(n);
    let r = rubric();
    let s = seal(&r, &assessment(&r, n, period, a.json()), &[], at);
    (a, s)
}

pub fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("export is JSON")
}

/// Recompute the digest after an edit, as a forger with the format description would.
pub fn resign(v: &mut Value) -> String {
    v.as_object_mut().unwrap().remove("digest");
    let d = digest::sm3_canonical(&*v);
    v["digest"] = json!(d);
    serde_json::to_string_pretty(v).unwrap()
}

/// Replace the stored score by the one the scorer gives for the file's own rubric and answers.
pub fn rescore(v: &mut Value) {
    let report = score::score_documents(Some(&doc(&v["rubric"])), &doc(&v["assessment"]))
        .expect("edited export still scores");
    v["score"] = serde_json::to_value(report).unwrap();
}

/// An incident in which every Article 8 fact is known and nothing happened (both override flags
/// given as `false`).
pub fn quiet_incident() -> Value {
    let mut facts = super::quiet_facts();
    facts["personal_info_leak_large_scale"] = json!(false);
    facts["major_economic_loss"] = json!(false);
    json!({
        "schema": "cyberduty.incident/1",
        "title": "门户网站短时访问缓慢",
        "unit": {"name": "测试单位", "level": "county"},
        "target": "other",
        "facts": facts
    })
}

/// `quiet_incident()` with a state secret leaked: Article 8 (三) is met.
pub fn secret_leak() -> Value {
    let mut i = quiet_incident();
    i["title"] = json!("涉密文件泄露");
    i["facts"]["state_secret_leaked"] = json!(true);
    i
}

/// `quiet_incident()` with nothing known about concealment: Article 8 (五) is undetermined.
pub fn unclear_incident() -> Value {
    let mut i = quiet_incident();
    i["title"] = json!("情况不明的事件");
    i["facts"].as_object_mut().unwrap().remove("concealed");
    i
}

/// A scratch folder under the system temp dir, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p =
            std::env::temp_dir().join(format!("cyberduty-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Integer square root (floor), by bisection: independent of the library's BigInt root.
pub fn isqrt(n: u128) -> u128 {
    let (mut lo, mut hi) = (0u128, 1u128 << 64);
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if mid.checked_mul(mid).is_some_and(|m| m <= n) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

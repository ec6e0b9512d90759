//! The policy table (`cyberduty.policy/2`): grading thresholds of the 2025 《网络安全事件分级指南》
//! with the scope of each tier (which targets and unit levels it applies to), this tool's readings
//! and interpretations of Article 8's wording ([`super::interpret`]), and the reporting deadlines,
//! as data (`data/grading-2025.json`), each value with its source and whether it is final or a
//! draft. Rules elsewhere read numbers only from here. A `cyberduty.policy/1` file keeps opening:
//! its Article 8 lines become enabled interpretations, and scopes and readings come from the
//! shipped table (they are facts of the guide's text, not regional choices).

use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::Exact;
use crate::domain::incident::interpret::{self, Interpretation, Reading, Scope};
use crate::domain::incident::level::GradeLevel;
use crate::domain::json::{self, index_path, Json, Obj};
use serde::Serialize;
use std::sync::OnceLock;

pub const SCHEMA: &str = "cyberduty.policy";
pub const VERSION: u32 = 2;
pub const DEFAULT_JSON: &str = include_str!("../../../data/grading-2025.json");
/// The same table without insignificant white space (build.rs): what [`Policy::default_policy`]
/// parses, so the wasm carries 1 KB less.
const DEFAULT_COMPACT: &str = include_str!(concat!(env!("OUT_DIR"), "/grading-2025.json"));

#[cfg(test)]
#[test]
fn compact_default_is_the_same_document() {
    let parse = |text| json::parse_str(text).expect("valid JSON");
    assert_eq!(parse(DEFAULT_COMPACT), parse(DEFAULT_JSON));
    assert!(DEFAULT_COMPACT.len() < DEFAULT_JSON.len());
}

/// Whether a threshold is in a published final text or only in the 2023 draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    Final,
    Draft,
}

impl Provenance {
    pub fn name_zh(self) -> &'static str {
        match self {
            Provenance::Final => "正式文本",
            Provenance::Draft => "2023 年征求意见稿,正式文本可能不同",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierRule {
    /// Inclusive lower bound (「以上」 includes the number).
    pub min: Exact,
    pub status: Provenance,
    /// Which targets and unit levels this tier applies to.
    pub scope: Scope,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GradingRow {
    pub id: String,
    pub criterion: String,
    pub unit: String,
    /// 较大, 重大, 特别重大, in that order.
    pub tiers: [TierRule; 3],
    pub source: String,
}

impl GradingRow {
    /// The rule for a tier (`None` for 一般, which has no threshold).
    pub fn tier(&self, level: GradeLevel) -> Option<&TierRule> {
        match level {
            GradeLevel::General => None,
            GradeLevel::Larger => self.tiers.first(),
            GradeLevel::Major => self.tiers.get(1),
            GradeLevel::EspeciallyMajor => self.tiers.get(2),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualitativeRow {
    pub id: String,
    pub criterion: String,
    pub tiers: [String; 3],
    pub source: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub id: String,
    pub minutes: u64,
    pub reporter: String,
    pub reports_to: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportingRules {
    pub required_from: GradeLevel,
    pub status: Provenance,
    pub source: String,
    pub deadlines: Vec<Deadline>,
    pub summary_report_days: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub note: String,
    pub grading: Vec<GradingRow>,
    pub qualitative: Vec<QualitativeRow>,
    /// This tool's readings of Article 8's wording (one per id in [`interpret::READING_IDS`]).
    pub readings: Vec<Reading>,
    /// Interpretations of Article 8's vague terms, enabled or not.
    pub interpretations: Vec<Interpretation>,
    pub reporting: ReportingRules,
    /// The schema tag the file was written with.
    pub schema: String,
}

/// Row ids the classifier reads; the shipped table must have every one.
pub const GRADING_IDS: [&str; 10] = [
    "portal_outage",
    "cii_outage_full",
    "cii_outage_main_functions",
    "people_affected",
    "personal_info_leak",
    "spread_homepage",
    "spread_other_pages",
    "spread_reposts",
    "spread_views",
    "economic_loss",
];
pub const DEADLINE_IDS: [&str; 3] = ["cii", "central", "other"];

impl std::str::FromStr for Policy {
    type Err = Error;

    fn from_str(text: &str) -> Result<Policy> {
        Policy::from_json(&json::parse_str(text)?)
    }
}

impl Policy {
    /// The shipped table. It is checked by the test suite, so failure here is a build defect.
    pub fn default_policy() -> &'static Policy {
        static POLICY: OnceLock<Policy> = OnceLock::new();
        POLICY.get_or_init(|| {
            DEFAULT_COMPACT
                .parse::<Policy>()
                .expect("the shipped policy table validates")
        })
    }

    pub fn from_json(doc: &Json) -> Result<Policy> {
        let version = json::check_schema(doc, SCHEMA, VERSION)?;
        let (v1, v2): (&[&str], &[&str]) = (&["article8"], &["readings", "interpretations"]);
        let mut allowed = vec![
            "schema",
            "id",
            "title",
            "note",
            "grading",
            "qualitative",
            "reporting",
        ];
        allowed.extend_from_slice(if version == 1 { v1 } else { v2 });
        let o = json::object(doc, "$", &allowed)?;
        // A /1 file states no scopes or readings: they come from the shipped table.
        let shipped = (version == 1).then(Policy::default_policy);
        let mut grading = Vec::new();
        for (i, r) in o.req_arr("grading")?.iter().enumerate() {
            let path = index_path(&o.at("grading"), i);
            grading.push(read_grading_row(r, &path, shipped)?);
        }
        let mut qualitative = Vec::new();
        for (i, r) in o.opt_arr("qualitative")?.iter().enumerate() {
            let path = index_path(&o.at("qualitative"), i);
            let r = json::object(
                r,
                &path,
                &[
                    "id",
                    "criterion",
                    "especially_major",
                    "major",
                    "larger",
                    "source",
                    "note",
                ],
            )?;
            qualitative.push(QualitativeRow {
                id: r.req_text("id")?,
                criterion: r.req_text("criterion")?,
                tiers: [
                    r.req_text("larger")?,
                    r.req_text("major")?,
                    r.req_text("especially_major")?,
                ],
                source: r.req_text("source")?,
                note: r.req_text("note")?,
            });
        }
        let (readings, interpretations) = match shipped {
            Some(d) => (
                d.readings.clone(),
                interpret::from_article8_rows(o.req_arr("article8")?, &o.at("article8"))?,
            ),
            None => (
                interpret::read_readings(o.req_arr("readings")?, &o.at("readings"))?,
                interpret::read_interpretations(
                    o.opt_arr("interpretations")?,
                    &o.at("interpretations"),
                )?,
            ),
        };
        let reporting = read_reporting(o.req("reporting")?, &o.at("reporting"))?;
        let mut policy = Policy {
            id: o.req_text("id")?,
            title: o.req_text("title")?,
            note: o.req_text("note")?,
            grading,
            qualitative,
            readings,
            interpretations,
            reporting,
            schema: o.req_text("schema")?,
        };
        interpret::resolve_readings(&mut policy)?;
        policy.check_complete()?;
        Ok(policy)
    }

    fn check_complete(&self) -> Result<()> {
        let missing = |what: &str, id: &str| {
            Error::new(
                Code::FieldMissing,
                format!("$.{what}"),
                format!("政策表缺少 “{id}” 行"),
            )
        };
        for id in GRADING_IDS {
            if !self.grading.iter().any(|r| r.id == id) {
                return Err(missing("grading", id));
            }
        }
        for id in interpret::READING_IDS {
            if !self.readings.iter().any(|r| r.id == id) {
                return Err(missing("readings", id));
            }
        }
        for id in DEADLINE_IDS {
            if !self.reporting.deadlines.iter().any(|r| r.id == id) {
                return Err(missing("reporting.deadlines", id));
            }
        }
        Ok(())
    }

    pub fn grading_row(&self, id: &str) -> Option<&GradingRow> {
        self.grading.iter().find(|r| r.id == id)
    }

    pub fn reading(&self, id: &str) -> Option<&Reading> {
        self.readings.iter().find(|r| r.id == id)
    }

    /// The enabled interpretations that decide the yes/no fact `fact` (a key in `facts`).
    pub fn interpretations_of(&self, fact: &str) -> Vec<&Interpretation> {
        self.interpretations
            .iter()
            .filter(|i| i.enabled && i.fact == fact)
            .collect()
    }

    pub fn deadline(&self, id: &str) -> Option<&Deadline> {
        self.reporting.deadlines.iter().find(|r| r.id == id)
    }
}

pub(crate) fn non_negative(o: &Obj, key: &str) -> Result<Exact> {
    let n = json::number(o.req(key)?, &o.at(key))?;
    if n < Exact::from_integer(0.into()) {
        return Err(Error::new(Code::FieldRange, o.at(key), "门槛不能为负数"));
    }
    Ok(n)
}

pub(crate) fn provenance(o: &Obj) -> Result<Provenance> {
    match o.req_str("status")? {
        "final" => Ok(Provenance::Final),
        "draft" => Ok(Provenance::Draft),
        other => Err(Error::new(
            Code::FieldRange,
            o.at("status"),
            format!("status 应为 final 或 draft,实际是 “{other}”"),
        )),
    }
}

/// `fallback`: the shipped table's tier with the same row and level, for a /1 file (no scopes).
fn read_tier(v: &Json, path: &str, fallback: Option<&TierRule>) -> Result<TierRule> {
    let t = json::object(v, path, &["min", "status", "scope", "note"])?;
    let status = provenance(&t)?;
    let scope = match (fallback, t.opt("scope")) {
        (Some(f), _) => f.scope.clone(),
        (None, Some(s)) => interpret::read_scope(s, &t.at("scope"))?,
        (None, None) => Scope::any(status),
    };
    Ok(TierRule {
        min: non_negative(&t, "min")?,
        status,
        scope,
        note: t.opt_str("note")?,
    })
}

fn read_grading_row(v: &Json, path: &str, shipped: Option<&Policy>) -> Result<GradingRow> {
    let r = json::object(
        v,
        path,
        &[
            "id",
            "criterion",
            "unit",
            "especially_major",
            "major",
            "larger",
            "source",
        ],
    )?;
    let id = r.req_text("id")?;
    let fallback = |l: GradeLevel| {
        shipped
            .and_then(|p| p.grading_row(&id))
            .and_then(|row| row.tier(l))
    };
    let tiers = [
        read_tier(
            r.req("larger")?,
            &r.at("larger"),
            fallback(GradeLevel::Larger),
        )?,
        read_tier(r.req("major")?, &r.at("major"), fallback(GradeLevel::Major))?,
        read_tier(
            r.req("especially_major")?,
            &r.at("especially_major"),
            fallback(GradeLevel::EspeciallyMajor),
        )?,
    ];
    if !(tiers[0].min <= tiers[1].min && tiers[1].min <= tiers[2].min) {
        return Err(Error::new(
            Code::FieldRange,
            path,
            "门槛应满足 较大 ≤ 重大 ≤ 特别重大",
        ));
    }
    Ok(GradingRow {
        id,
        criterion: r.req_text("criterion")?,
        unit: r.req_text("unit")?,
        tiers,
        source: r.req_text("source")?,
    })
}

fn read_reporting(v: &Json, path: &str) -> Result<ReportingRules> {
    let o = json::object(
        v,
        path,
        &[
            "required_from",
            "status",
            "source",
            "deadlines",
            "summary_report_days",
        ],
    )?;
    let required_from = match o.req_str("required_from")? {
        "larger" => GradeLevel::Larger,
        "major" => GradeLevel::Major,
        "especially_major" => GradeLevel::EspeciallyMajor,
        other => {
            return Err(Error::new(
                Code::FieldRange,
                o.at("required_from"),
                format!("required_from 应为 larger、major 或 especially_major,实际是 “{other}”"),
            ))
        }
    };
    let mut deadlines = Vec::new();
    for (i, d) in o.req_arr("deadlines")?.iter().enumerate() {
        let p = index_path(&o.at("deadlines"), i);
        let d = json::object(d, &p, &["id", "minutes", "reporter", "reports_to"])?;
        deadlines.push(Deadline {
            id: d.req_text("id")?,
            minutes: json::count(d.req("minutes")?, &d.at("minutes"))?,
            reporter: d.req_text("reporter")?,
            reports_to: d.req_text("reports_to")?,
        });
    }
    Ok(ReportingRules {
        required_from,
        status: provenance(&o)?,
        source: o.req_text("source")?,
        deadlines,
        summary_report_days: json::count(
            o.req("summary_report_days")?,
            &o.at("summary_report_days"),
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exact::int;

    #[test]
    fn shipped_table_loads_with_the_facts_md_values() {
        let p = DEFAULT_JSON.parse::<Policy>().expect("valid");
        let row = |id: &str| p.grading_row(id).expect("row");
        let mins =
            |id: &str| -> Vec<Exact> { row(id).tiers.iter().map(|t| t.min.clone()).collect() };
        let st = |id: &str| -> Vec<Provenance> { row(id).tiers.iter().map(|t| t.status).collect() };
        use Provenance::{Draft as D, Final as F};
        let half = Exact::new(1.into(), 2.into());
        assert_eq!(mins("portal_outage"), vec![int(2), int(6), int(24)]);
        assert_eq!(mins("cii_outage_full"), vec![half.clone(), int(2), int(6)]);
        assert_eq!(
            mins("cii_outage_main_functions"),
            vec![int(2), int(6), int(24)]
        );
        assert_eq!(
            mins("people_affected"),
            vec![int(100_000), int(1_000_000), int(10_000_000)]
        );
        assert_eq!(
            mins("personal_info_leak"),
            vec![int(1_000_000), int(10_000_000), int(100_000_000)]
        );
        assert_eq!(st("personal_info_leak"), vec![F, F, F]);
        assert_eq!(mins("spread_homepage"), vec![half, int(2), int(6)]);
        assert_eq!(mins("spread_other_pages"), vec![int(2), int(12), int(24)]);
        assert_eq!(
            mins("spread_reposts"),
            vec![int(1000), int(10_000), int(100_000)]
        );
        assert_eq!(
            mins("spread_views"),
            vec![int(10_000), int(100_000), int(1_000_000)]
        );
        assert_eq!(
            mins("economic_loss"),
            vec![int(5_000_000), int(20_000_000), int(100_000_000)]
        );
        for id in GRADING_IDS.iter().filter(|id| **id != "personal_info_leak") {
            assert_eq!(st(id), vec![D, D, F], "{id}");
        }
        // Interpretations: each borrows the 重大 tier of its grading row, and all ship disabled.
        let it = |id: &str| {
            p.interpretations
                .iter()
                .find(|i| i.id == id)
                .expect("interpretation")
        };
        assert_eq!(it("personal_info_large_scale").min, int(10_000_000));
        assert_eq!(it("major_economic_loss").min, int(20_000_000));
        assert_eq!(it("wide_public_impact").min, int(1_000_000));
        assert_eq!(it("harmful_info_spread_widely_views").min, int(100_000));
        for i in &p.interpretations {
            let row = match i.measure {
                "personal_info_leaked_persons" => "personal_info_leak",
                "economic_loss_yuan" => "economic_loss",
                "people_affected" => "people_affected",
                _ => "spread_views",
            };
            assert_eq!(Some(&i.min), row_min(&p, row), "{}", i.id);
            assert!(!i.enabled, "{}", i.id);
        }
        assert_eq!(p.readings.len(), 1);
        let m = |id: &str| p.deadline(id).map(|d| d.minutes);
        assert_eq!(
            (m("cii"), m("central"), m("other")),
            (Some(60), Some(120), Some(240))
        );
        assert_eq!(p.reporting.summary_report_days, 30);
        assert_eq!(p.reporting.required_from, GradeLevel::Larger);
        assert_eq!(p.qualitative.len(), 1);
    }

    fn row_min<'a>(p: &'a Policy, id: &str) -> Option<&'a Exact> {
        p.grading_row(id)
            .and_then(|r| r.tier(GradeLevel::Major))
            .map(|t| &t.min)
    }

    #[test]
    fn tamper_rows_carry_their_scope() {
        use crate::domain::assessment::Level;
        let p = Policy::default_policy();
        let views = p.grading_row("spread_views").expect("row");
        let top = views.tier(GradeLevel::EspeciallyMajor).expect("tier");
        assert_eq!(top.scope.status, Provenance::Final);
        let entries = top.scope.applies_to.as_ref().expect("scoped");
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0].levels,
            Some(vec![Level::Central, Level::Provincial])
        );
        assert!(entries[2].very_large);
        let major = views.tier(GradeLevel::Major).expect("tier");
        assert_eq!(major.scope.status, Provenance::Draft);
        assert!(major.scope.applies_to.is_none());
        // The portal row's 重大 scope is the shared reading, resolved at load.
        let portal = p.grading_row("portal_outage").expect("row");
        let t = portal.tier(GradeLevel::Major).expect("tier");
        assert_eq!(
            t.scope.reading.as_deref(),
            Some("prefecture_and_above_sites")
        );
        assert_eq!(t.scope.applies_to.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn incomplete_tables_are_refused() {
        let broken = DEFAULT_JSON.replace("\"id\": \"economic_loss\"", "\"id\": \"loss\"");
        let e = broken.parse::<Policy>().err().map(|e| (e.code, e.path));
        assert_eq!(e, Some((Code::FieldMissing, "$.grading".to_string())));
        let broken = DEFAULT_JSON.replace("\"status\": \"draft\"", "\"status\": \"maybe\"");
        assert_eq!(
            broken.parse::<Policy>().err().map(|e| e.code),
            Some(Code::FieldRange)
        );
    }
}

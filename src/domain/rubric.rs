//! The rubric (`cyberduty.rubric/1`): what an Article 10 assessment checks and how many points each
//! thing is worth. It is data a cadre department authors; [`Rubric::from_json`] validates it into a
//! value scoring can trust (ids unique, points summing to the total, grades ordered).

use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::{self, Cents, Exact};
use crate::domain::json::{self, index_path, Json, Obj};
use serde::{Serialize, Serializer};
use std::collections::HashSet;
use std::sync::OnceLock;

pub use crate::domain::rectification::FromLedger;

pub const SCHEMA: &str = "cyberduty.rubric";
pub const VERSION: u32 = 1;
/// The tag this build writes.
pub const TAG: &str = "cyberduty.rubric/1";

/// The default rubric shipped with cyberduty (FACTS.md section 4; every item cites its basis).
pub const DEFAULT_JSON: &str = include_str!("../../rubrics/default.json");
/// Earlier versions of the default rubric whose answers read unchanged under this one (2026.3 only
/// added `from_ledger`): the page carries a draft kept under one of them over.
pub const DEFAULT_EARLIER_VERSIONS: [&str; 1] = ["2026.2"];
/// The same document without insignificant white space (build.rs): what [`Rubric::default_rubric`]
/// parses, so the wasm carries 11 KB less.
const DEFAULT_COMPACT: &str = include_str!(concat!(env!("OUT_DIR"), "/default-rubric.json"));

/// The default rubric's digest, as [`Rubric::digest`] computes it (a test checks it): the page
/// shows it on its first screen, and hashing the rubric at every start is work the build did.
const DEFAULT_DIGEST: &str = "sm3:e9faf6dd90b8181b174e7f89b8d06df29f963066bce710571f7e4cb46d63adce";

#[cfg(test)]
#[test]
fn default_digest_is_the_rubrics() {
    let hashed = digest::sm3_canonical(&Rubric::parse(DEFAULT_JSON).expect("valid"));
    assert_eq!(
        DEFAULT_DIGEST, hashed,
        "rubrics/default.json changed: write its digest into DEFAULT_DIGEST"
    );
    assert_eq!(Rubric::default_rubric().digest(), hashed);
}

#[cfg(test)]
#[test]
fn compact_default_is_the_same_document() {
    let parse = |text| json::parse_str(text).expect("valid JSON");
    assert_eq!(parse(DEFAULT_COMPACT), parse(DEFAULT_JSON));
    assert!(DEFAULT_COMPACT.len() < DEFAULT_JSON.len() * 3 / 4);
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rubric {
    pub schema: &'static str,
    pub id: String,
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub total: Cents,
    pub bonus_cap: Cents,
    pub grades: Vec<Grade>,
    pub dimensions: Vec<Dimension>,
    pub vetoes: Vec<Veto>,
    pub bonus: Vec<Item>,
    #[serde(skip)]
    digest: DigestCache,
}

/// The rubric's digest, computed on first use: hashing the canonical form of a large rubric costs
/// more than scoring with it, and a batch scores thousands of files with the same rubric.
#[derive(Debug, Clone, Default)]
struct DigestCache(OnceLock<String>);

impl PartialEq for DigestCache {
    fn eq(&self, _: &DigestCache) -> bool {
        true // a cache, not part of the rubric's value
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    pub name: String,
    pub min: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    pub points: Cents,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub na_allowed: bool,
    pub method: Method,
    /// What the 整改台账 fills in this (deduct) item as a suggestion the user confirms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_ledger: Option<FromLedger>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Method {
    /// Met or not: all points or none.
    Check,
    /// A choice among levels, each earning a share of the points.
    Levels { levels: Vec<Level> },
    /// Points × numerator / denominator (coverage of departments, systems …).
    Ratio,
    /// Points minus `per` for each occurrence, never below zero.
    Deduct { per: Cents },
}

/// One level of a levels item: its share of the item's points, given either as `ratio` (0‥1) or
/// as `points` (earned points, when the source table counts in points that no decimal ratio
/// states exactly: 2 of 3 points is 2/3). Written back the way it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub label: String,
    /// The share of the item's points, exact (points / item points when given as points).
    pub ratio: Exact,
    pub points: Option<Cents>,
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Level", 2)?;
        m.serialize_field("label", &self.label)?;
        match self.points {
            Some(p) => m.serialize_field("points", &p)?,
            None => m.serialize_field("ratio", &self.ratio.to_f64().unwrap_or(0.0))?,
        }
        m.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Veto {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// `article8` or `reporting`: the export sets this veto from the period's classified incidents
    /// (Article 8 situations; late, missing or concealed reports of incidents graded 较大 or above).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto: Option<Auto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Auto {
    Article8,
    Reporting,
}

impl Item {
    pub fn points_exact(&self) -> Exact {
        exact::from_cents(self.points.0)
    }
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

impl Veto {
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

impl Rubric {
    /// The default rubric. It is validated by the test suite, so failure here is a build defect.
    pub fn default_rubric() -> Rubric {
        static DEFAULT: OnceLock<Rubric> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                let r =
                    Rubric::parse(DEFAULT_COMPACT).expect("the shipped default rubric validates");
                // Hashed at build time (checked by a test), so every clone carries it.
                let _ = r.digest.0.set(DEFAULT_DIGEST.to_string());
                r
            })
            .clone()
    }

    /// The default rubric's document as shipped (compact): read as JSON it is, value for value and
    /// key for key, what serialising [`Rubric::default_rubric`] writes (tests/rubric.rs, tests/node),
    /// so a caller wanting it as JSON (the page, at load) is handed this, not a serialisation.
    pub fn default_document() -> &'static str {
        DEFAULT_COMPACT
    }

    /// The rubric a caller names, or the default rubric when it names none (`None`).
    pub fn from_json_or_default(doc: Option<&Json>) -> Result<Rubric> {
        doc.map_or_else(|| Ok(Rubric::default_rubric()), Rubric::from_json)
    }

    pub fn parse(text: &str) -> Result<Rubric> {
        Rubric::from_json(&json::parse_str(text)?)
    }

    pub fn from_json(doc: &Json) -> Result<Rubric> {
        json::check_schema(doc, SCHEMA, VERSION)?;
        let o = json::object(
            doc,
            "$",
            &[
                "schema",
                "id",
                "version",
                "title",
                "description",
                "total",
                "bonus_cap",
                "grades",
                "dimensions",
                "vetoes",
                "bonus",
            ],
        )?;
        let id = o.req_text("id")?;
        let version = o.req_text("version")?;
        let title = o.opt_str("title")?;
        let description = o.opt_str("description")?;
        let total = Cents(json::cents(o.req("total")?, &o.at("total"))?);
        if total.0 == 0 {
            return Err(Error::new(
                Code::FieldRange,
                o.at("total"),
                "总分必须大于 0",
            ));
        }
        let bonus_cap = match o.opt("bonus_cap") {
            Some(v) => Cents(json::cents(v, &o.at("bonus_cap"))?),
            None => Cents(0),
        };
        let grades = read_grades(&o)?;

        let mut ids = Ids::default();
        let mut dimensions = Vec::new();
        let dims = o.req_arr("dimensions")?;
        if dims.is_empty() {
            return Err(Error::new(
                Code::FieldEmpty,
                o.at("dimensions"),
                "至少需要一个考核维度",
            ));
        }
        for (i, d) in dims.iter().enumerate() {
            dimensions.push(read_dimension(
                d,
                &index_path(&o.at("dimensions"), i),
                &mut ids,
            )?);
        }
        let mut vetoes = Vec::new();
        for (i, v) in o.opt_arr("vetoes")?.iter().enumerate() {
            vetoes.push(read_veto(v, &index_path(&o.at("vetoes"), i), &mut ids)?);
        }
        let mut bonus = Vec::new();
        for (i, b) in o.opt_arr("bonus")?.iter().enumerate() {
            let path = index_path(&o.at("bonus"), i);
            let item = read_item(b, &path, &mut ids)?;
            if item.na_allowed {
                return Err(Error::new(
                    Code::FieldRange,
                    json::key_path(&path, "na_allowed"),
                    "加分项不能设为“不适用”",
                ));
            }
            bonus.push(item);
        }

        let sum: i64 = dimensions
            .iter()
            .flat_map(|d| &d.items)
            .map(|i| i.points.0)
            .sum();
        if sum != total.0 {
            return Err(Error::new(
                Code::RubricPointsSum,
                o.at("total"),
                format!(
                    "各指标分值合计 {} 分,与总分 {} 分不一致",
                    exact::trim2(sum),
                    exact::trim2(total.0)
                ),
            ));
        }
        Ok(Rubric {
            schema: TAG,
            id,
            version,
            title,
            description,
            total,
            bonus_cap,
            grades,
            dimensions,
            vetoes,
            bonus,
            digest: DigestCache::default(),
        })
    }

    pub fn items(&self) -> impl Iterator<Item = (&Dimension, &Item)> {
        self.dimensions
            .iter()
            .flat_map(|d| d.items.iter().map(move |i| (d, i)))
    }

    /// `sm3:<hex>` over the RFC 8785 canonical JSON of the rubric as validated (so white space, key
    /// order, `1` vs `1.0` and explicit nulls do not change it).
    pub fn digest(&self) -> String {
        self.digest
            .0
            .get_or_init(|| digest::sm3_canonical(self))
            .clone()
    }

    pub fn lowest_grade(&self) -> &Grade {
        self.grades.last().expect("validated rubrics have grades")
    }

    /// The first grade whose minimum the rounded total reaches.
    pub fn grade_for(&self, total: Cents) -> &Grade {
        self.grades
            .iter()
            .find(|g| g.min <= total)
            .unwrap_or_else(|| self.lowest_grade())
    }
}

#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn claim(&mut self, o: &Obj) -> Result<String> {
        let id = o.req_text("id")?;
        if id != id.trim() || id.chars().any(char::is_control) {
            return Err(Error::new(
                Code::FieldRange,
                o.at("id"),
                format!("编号 “{id}” 不能含首尾空格或控制字符"),
            ));
        }
        if !self.0.insert(id.clone()) {
            return Err(Error::new(
                Code::RubricDuplicateId,
                o.at("id"),
                format!("编号 “{id}” 重复(维度、指标、否决项和加分项的编号必须互不相同)"),
            ));
        }
        Ok(id)
    }
}

fn read_grades(o: &Obj) -> Result<Vec<Grade>> {
    let arr = o.req_arr("grades")?;
    if arr.is_empty() {
        return Err(Error::new(
            Code::RubricGrades,
            o.at("grades"),
            "至少需要一个等次",
        ));
    }
    let mut grades: Vec<Grade> = Vec::new();
    for (i, g) in arr.iter().enumerate() {
        let path = index_path(&o.at("grades"), i);
        let g = json::object(g, &path, &["name", "min"])?;
        let name = g.req_text("name")?;
        let min = Cents(json::cents(g.req("min")?, &g.at("min"))?);
        if grades.iter().any(|p| p.name == name) {
            return Err(Error::new(
                Code::RubricGrades,
                g.at("name"),
                format!("等次名称 “{name}” 重复"),
            ));
        }
        if let Some(prev) = grades.last() {
            if min >= prev.min {
                return Err(Error::new(
                    Code::RubricGrades,
                    g.at("min"),
                    format!(
                        "等次须按最低分从高到低排列:“{name}” 的 {} 分不低于上一等次 “{}” 的 {} 分",
                        exact::trim2(min.0),
                        prev.name,
                        exact::trim2(prev.min.0)
                    ),
                ));
            }
        }
        grades.push(Grade { name, min });
    }
    let last = grades.last().expect("non-empty");
    if last.min.0 != 0 {
        return Err(Error::new(
            Code::RubricGrades,
            index_path(&o.at("grades"), grades.len() - 1),
            format!("最后一个等次 “{}” 的最低分必须为 0", last.name),
        ));
    }
    Ok(grades)
}

fn read_dimension(v: &Json, path: &str, ids: &mut Ids) -> Result<Dimension> {
    let o = json::object(v, path, &["id", "title", "items"])?;
    let id = ids.claim(&o)?;
    let title = o.opt_str("title")?;
    let arr = o.req_arr("items")?;
    if arr.is_empty() {
        return Err(Error::new(
            Code::FieldEmpty,
            o.at("items"),
            "每个维度至少需要一个指标",
        ));
    }
    let mut items = Vec::new();
    for (i, it) in arr.iter().enumerate() {
        items.push(read_item(it, &index_path(&o.at("items"), i), ids)?);
    }
    Ok(Dimension { id, title, items })
}

fn read_item(v: &Json, path: &str, ids: &mut Ids) -> Result<Item> {
    let o = json::object(
        v,
        path,
        &[
            "id",
            "title",
            "basis",
            "guide",
            "points",
            "na_allowed",
            "method",
            "from_ledger",
        ],
    )?;
    let id = ids.claim(&o)?;
    let points = Cents(json::cents(o.req("points")?, &o.at("points"))?);
    if points.0 == 0 {
        return Err(Error::new(
            Code::FieldRange,
            o.at("points"),
            "分值必须大于 0",
        ));
    }
    Ok(Item {
        id,
        title: o.opt_str("title")?,
        basis: o.opt_str("basis")?,
        guide: o.opt_str("guide")?,
        points,
        na_allowed: o.opt_bool("na_allowed")?.unwrap_or(false),
        method: read_method(o.req("method")?, &o.at("method"), points)?,
        from_ledger: crate::domain::rectification::read_from_ledger(&o)?,
    })
    .and_then(|item| crate::domain::rectification::check_from_ledger(item, &o))
}

fn read_method(v: &Json, path: &str, points: Cents) -> Result<Method> {
    let kind = {
        let o = json::object(v, path, &["kind", "levels", "per"])?;
        o.req_str("kind")?.to_string()
    };
    match kind.as_str() {
        "check" | "ratio" => {
            json::object(v, path, &["kind"])?;
            Ok(if kind == "check" {
                Method::Check
            } else {
                Method::Ratio
            })
        }
        "levels" => {
            let o = json::object(v, path, &["kind", "levels"])?;
            let arr = o.req_arr("levels")?;
            if arr.len() < 2 {
                return Err(Error::new(
                    Code::RubricLevels,
                    o.at("levels"),
                    "分档评分至少需要两个档次",
                ));
            }
            let mut levels = Vec::new();
            for (i, l) in arr.iter().enumerate() {
                let lp = index_path(&o.at("levels"), i);
                let l = json::object(l, &lp, &["label", "ratio", "points"])?;
                let label = l.req_text("label")?;
                let (ratio, given) = match (l.opt("ratio"), l.opt("points")) {
                    (Some(_), Some(_)) | (None, None) => {
                        return Err(Error::new(
                            Code::FieldMissing,
                            &lp,
                            "每个档次应填写 ratio(得分比例)或 points(得分)二者之一",
                        ))
                    }
                    (Some(r), None) => (json::number(r, &l.at("ratio"))?, None),
                    (None, Some(p)) => {
                        let p = Cents(json::cents(p, &l.at("points"))?);
                        if p > points {
                            return Err(Error::new(
                                Code::FieldRange,
                                l.at("points"),
                                format!(
                                    "档次得分 {} 超过本项分值 {}",
                                    crate::domain::exact::fixed2(p.0),
                                    crate::domain::exact::fixed2(points.0)
                                ),
                            ));
                        }
                        (Exact::new(p.0.into(), points.0.into()), Some(p))
                    }
                };
                if ratio < Exact::zero() || ratio > Exact::one() {
                    return Err(Error::new(
                        Code::FieldRange,
                        l.at("ratio"),
                        format!("得分比例应在 0 到 1 之间,实际是 {}", exact::display(&ratio)),
                    ));
                }
                levels.push(Level {
                    label,
                    ratio,
                    points: given,
                });
            }
            Ok(Method::Levels { levels })
        }
        "deduct" => {
            let o = json::object(v, path, &["kind", "per"])?;
            let per = Cents(json::cents(o.req("per")?, &o.at("per"))?);
            if per.0 == 0 {
                return Err(Error::new(
                    Code::FieldRange,
                    o.at("per"),
                    "每项扣分必须大于 0",
                ));
            }
            Ok(Method::Deduct { per })
        }
        other => Err(Error::new(
            Code::FieldRange,
            json::key_path(path, "kind"),
            format!("未知的评分方法 “{other}”(应为 check、levels、ratio 或 deduct)"),
        )),
    }
}

fn read_veto(v: &Json, path: &str, ids: &mut Ids) -> Result<Veto> {
    let o = json::object(v, path, &["id", "title", "basis", "guide", "auto"])?;
    let id = ids.claim(&o)?;
    let auto = match o.opt_str("auto")?.as_deref() {
        None => None,
        Some("article8") => Some(Auto::Article8),
        Some("reporting") => Some(Auto::Reporting),
        Some(other) => {
            return Err(Error::new(
                Code::FieldRange,
                o.at("auto"),
                format!("未知的自动判定来源 “{other}”(应为 article8 或 reporting)"),
            ))
        }
    };
    Ok(Veto {
        id,
        title: o.opt_str("title")?,
        basis: o.opt_str("basis")?,
        guide: o.opt_str("guide")?,
        auto,
    })
}

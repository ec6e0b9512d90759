//! The incident document (`cyberduty.incident/1`): every fact optional, absent or `null` meaning
//! unknown; anything present must have the right type and range.

use crate::domain::assessment::Level;
use crate::domain::error::{Code, Error, Result};
use crate::domain::exact::{self, Exact};
use crate::domain::json::{self, Json, Obj};
use crate::domain::time::{self, Instant};
use serde::Serialize;

use super::record::{self, FiledReport, Person};

pub const SCHEMA: &str = "cyberduty.incident";
pub const VERSION: u32 = 1;

/// What was attacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    PartyGovPortal,
    KeyNewsSite,
    LargePlatform,
    Cii,
    Other,
}

impl Target {
    pub const ALL: [(&'static str, Target, &'static str); 5] = [
        (
            "party_gov_portal",
            Target::PartyGovPortal,
            "党政机关门户网站",
        ),
        ("key_news_site", Target::KeyNewsSite, "重点新闻网站"),
        ("large_platform", Target::LargePlatform, "大型网络平台"),
        ("cii", Target::Cii, "关键信息基础设施"),
        ("other", Target::Other, "其他网络或系统"),
    ];

    pub fn key(self) -> &'static str {
        Target::ALL
            .iter()
            .find(|(_, t, _)| *t == self)
            .map_or("", |(k, _, _)| *k)
    }

    pub fn name_zh(self) -> &'static str {
        Target::ALL
            .iter()
            .find(|(_, t, _)| *t == self)
            .map_or("", |(_, _, z)| *z)
    }
}

/// Whether the whole system or its main functions were down (CII grading differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutageScope {
    Full,
    MainFunctions,
}

impl OutageScope {
    pub fn key(self) -> &'static str {
        match self {
            OutageScope::Full => "full",
            OutageScope::MainFunctions => "main_functions",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            OutageScope::Full => "整体中断",
            OutageScope::MainFunctions => "主要功能中断",
        }
    }
}

/// The ten incident categories of GB/T 20986-2023 (names only: the standard's codes are not used).
pub const CATEGORIES: [&str; 10] = [
    "恶意程序事件",
    "网络攻击事件",
    "数据安全事件",
    "信息内容安全事件",
    "设备设施故障事件",
    "违规操作事件",
    "安全隐患事件",
    "异常行为事件",
    "不可抗力事件",
    "其他事件",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IncidentUnit {
    pub name: Option<String>,
    pub level: Option<Level>,
}

/// The facts; `None` is unknown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub attacked: Option<bool>,
    pub tampered: Option<bool>,
    pub harmful_info_spread_widely: Option<bool>,
    pub reported_in_time: Option<bool>,
    pub handled_in_time: Option<bool>,
    pub outage_hours: Option<Exact>,
    pub outage_scope: Option<OutageScope>,
    pub state_secret_leaked: Option<bool>,
    pub personal_info_leaked_persons: Option<u64>,
    pub personal_info_leak_large_scale: Option<bool>,
    pub basic_data_leaked_massively: Option<bool>,
    pub wide_public_impact: Option<bool>,
    pub people_affected: Option<u64>,
    pub economic_loss_yuan: Option<Exact>,
    pub major_economic_loss: Option<bool>,
    pub serious_social_impact: Option<bool>,
    pub spread_homepage_hours: Option<Exact>,
    pub spread_other_pages_hours: Option<Exact>,
    pub reposts: Option<u64>,
    pub views: Option<u64>,
    pub concealed: Option<bool>,
    pub refused_cooperation: Option<bool>,
    pub notified_risk_unrectified: Option<bool>,
    pub serious_consequence: Option<bool>,
    pub obstructed_security_organs: Option<bool>,
    pub refused_support_security_organs: Option<bool>,
    pub other_serious_harm: Option<bool>,
    pub supervision_inadequate: Option<bool>,
    pub very_large_platform: Option<bool>,
    pub protective_measures_taken: Option<bool>,
    pub handled_under_plan: Option<bool>,
    pub impact_effectively_reduced: Option<bool>,
    pub cause_identified: Option<bool>,
    pub crime_suspected: Option<bool>,
}

/// A timestamp as written, and the instant it denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub text: String,
    pub instant: Instant,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub occurred_at: Option<Timestamp>,
    pub discovered_at: Option<Timestamp>,
    pub reported_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incident {
    pub title: Option<String>,
    pub category: Option<String>,
    pub unit: IncidentUnit,
    pub target: Option<Target>,
    pub facts: Facts,
    pub timeline: Timeline,
    pub people: Vec<Person>,
    pub reports: Vec<FiledReport>,
}

/// Every key `facts` may hold.
pub const FACT_KEYS: [&str; 34] = [
    "attacked",
    "tampered",
    "harmful_info_spread_widely",
    "reported_in_time",
    "handled_in_time",
    "outage_hours",
    "outage_scope",
    "state_secret_leaked",
    "personal_info_leaked_persons",
    "personal_info_leak_large_scale",
    "basic_data_leaked_massively",
    "wide_public_impact",
    "people_affected",
    "economic_loss_yuan",
    "major_economic_loss",
    "serious_social_impact",
    "spread_homepage_hours",
    "spread_other_pages_hours",
    "reposts",
    "views",
    "concealed",
    "refused_cooperation",
    "notified_risk_unrectified",
    "serious_consequence",
    "obstructed_security_organs",
    "refused_support_security_organs",
    "other_serious_harm",
    "supervision_inadequate",
    "very_large_platform",
    "protective_measures_taken",
    "handled_under_plan",
    "impact_effectively_reduced",
    "cause_identified",
    "crime_suspected",
];

/// Chinese names of the input fields the classifier reads, for reasons and reports.
pub const FIELD_LABELS: [(&str, &str); 40] = [
    ("target", "涉事对象类型"),
    ("unit.level", "单位行政层级"),
    ("facts.attacked", "是否遭受网络攻击"),
    ("facts.tampered", "是否被攻击篡改"),
    (
        "facts.harmful_info_spread_widely",
        "违法有害信息是否大面积扩散",
    ),
    ("facts.reported_in_time", "是否及时报告"),
    ("facts.handled_in_time", "是否及时组织处置"),
    ("facts.outage_hours", "瘫痪、无法访问或中断运行的时长"),
    ("facts.outage_scope", "中断范围是整体还是主要功能"),
    ("facts.state_secret_leaked", "是否发生国家秘密泄露"),
    ("facts.personal_info_leaked_persons", "个人信息泄露人数"),
    (
        "facts.personal_info_leak_large_scale",
        "是否属于大面积个人信息泄露",
    ),
    (
        "facts.basic_data_leaked_massively",
        "是否大量泄露地理、人口、资源等国家基础数据",
    ),
    (
        "facts.wide_public_impact",
        "是否大面积影响人民群众工作、生活",
    ),
    ("facts.people_affected", "用水、用电、交通等受影响人数"),
    ("facts.economic_loss_yuan", "直接经济损失金额"),
    ("facts.major_economic_loss", "是否造成重大经济损失"),
    ("facts.serious_social_impact", "是否造成严重不良社会影响"),
    ("facts.spread_homepage_hours", "篡改内容在首页传播时长"),
    (
        "facts.spread_other_pages_hours",
        "篡改内容在其他页面传播时长",
    ),
    ("facts.reposts", "篡改内容转发量"),
    ("facts.views", "篡改内容浏览量或点击量"),
    ("facts.concealed", "是否封锁、瞒报事件情况"),
    (
        "facts.refused_cooperation",
        "是否拒不配合有关部门调查、处置",
    ),
    (
        "facts.notified_risk_unrectified",
        "有关部门通报的问题和风险隐患是否未及时整改",
    ),
    ("facts.serious_consequence", "是否造成严重后果"),
    (
        "facts.obstructed_security_organs",
        "是否阻碍公安机关、国家安全机关依法工作",
    ),
    (
        "facts.refused_support_security_organs",
        "是否拒不向公安机关、国家安全机关提供支持和保障",
    ),
    (
        "facts.other_serious_harm",
        "是否经有权机关认定发生其他严重危害网络安全行为",
    ),
    ("facts.supervision_inadequate", "是否协调监管不力"),
    ("facts.very_large_platform", "是否为超大型网络平台"),
    (
        "facts.protective_measures_taken",
        "事发前是否已采取合理、必要的安全防护措施",
    ),
    ("facts.handled_under_plan", "是否按照应急预案处置"),
    ("facts.impact_effectively_reduced", "是否有效降低了事件影响"),
    ("facts.cause_identified", "事件原因是否已查明"),
    ("facts.crime_suspected", "是否涉嫌违法犯罪"),
    ("timeline.occurred_at", "发生时间"),
    ("timeline.discovered_at", "发现时间"),
    ("timeline.reported_at", "报告时间"),
    ("timeline.resolved_at", "处置完毕时间"),
];

/// `facts.<key>` as a static path (`facts` itself for a key that is not a fact).
pub fn fact_path(key: &str) -> &'static str {
    FIELD_LABELS
        .iter()
        .find(|(f, _)| f.strip_prefix("facts.") == Some(key))
        .map_or("facts", |(f, _)| *f)
}

/// The Chinese name of an input field such as `facts.tampered` (the field itself if unknown).
pub fn field_label(field: &str) -> &str {
    FIELD_LABELS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(field, |(_, l)| *l)
}

impl Facts {
    /// How many facts are known (not absent or `null`).
    pub fn known(&self) -> usize {
        let bools = [
            self.attacked,
            self.tampered,
            self.harmful_info_spread_widely,
            self.reported_in_time,
            self.handled_in_time,
            self.state_secret_leaked,
            self.personal_info_leak_large_scale,
            self.basic_data_leaked_massively,
            self.wide_public_impact,
            self.major_economic_loss,
            self.serious_social_impact,
            self.concealed,
            self.refused_cooperation,
            self.notified_risk_unrectified,
            self.serious_consequence,
            self.obstructed_security_organs,
            self.refused_support_security_organs,
            self.other_serious_harm,
            self.supervision_inadequate,
            self.very_large_platform,
            self.protective_measures_taken,
            self.handled_under_plan,
            self.impact_effectively_reduced,
            self.cause_identified,
            self.crime_suspected,
        ];
        let amounts = [
            &self.outage_hours,
            &self.economic_loss_yuan,
            &self.spread_homepage_hours,
            &self.spread_other_pages_hours,
        ];
        let counts = [
            self.personal_info_leaked_persons,
            self.people_affected,
            self.reposts,
            self.views,
        ];
        bools.iter().filter(|b| b.is_some()).count()
            + amounts.iter().filter(|a| a.is_some()).count()
            + counts.iter().filter(|c| c.is_some()).count()
            + usize::from(self.outage_scope.is_some())
    }
}

impl std::str::FromStr for Incident {
    type Err = Error;

    fn from_str(text: &str) -> Result<Incident> {
        Incident::from_json(&json::parse_str(text)?)
    }
}

impl Incident {
    /// Known facts, counting `target` and `unit.level` too.
    pub fn facts_known(&self) -> usize {
        self.facts.known()
            + usize::from(self.target.is_some())
            + usize::from(self.unit.level.is_some())
    }

    /// Read and check an incident: wrong types, unknown keys or enum values, negative or
    /// fractional counts, bad timestamps and impossible timelines are errors, never guesses.
    pub fn from_json(doc: &Json) -> Result<Incident> {
        json::check_schema(doc, SCHEMA, VERSION)?;
        let o = json::object(
            doc,
            "$",
            &[
                "schema", "title", "category", "unit", "target", "facts", "timeline", "people",
                "reports",
            ],
        )?;
        let category = o.opt_str("category")?;
        if let Some(c) = &category {
            check_category(c, &o.at("category"))?;
        }
        // Paths ("$.facts.views") are written only for an error: reading an incident wrote ~20.
        let unit = match o.opt("unit") {
            Some(u) => {
                let u = json::object_under(u, "$", "unit", &["name", "level"])?;
                IncidentUnit {
                    name: u.opt_str("name")?,
                    level: u.opt_with("level", Level::parse)?,
                }
            }
            None => IncidentUnit::default(),
        };
        let target = o.opt_with("target", read_target)?;
        let facts = match o.opt("facts") {
            Some(f) => read_facts(&json::object_under(f, "$", "facts", &FACT_KEYS)?)?,
            None => Facts::default(),
        };
        let mut timeline = match o.opt("timeline") {
            Some(t) => read_timeline(&json::object_under(
                t,
                "$",
                "timeline",
                &["occurred_at", "discovered_at", "reported_at", "resolved_at"],
            )?)?,
            None => Timeline::default(),
        };
        let reports = record::read_reports(&o, &mut timeline)?;
        Ok(Incident {
            title: o.opt_str("title")?,
            category,
            unit,
            target,
            facts,
            timeline,
            people: record::read_people(&o)?,
            reports,
        })
    }
}

fn check_category(c: &str, path: &str) -> Result<()> {
    let (main, sub) = match c.split_once('/') {
        Some((m, s)) => (m, Some(s)),
        None => (c, None),
    };
    let sub_ok = sub.is_none_or(|s| !s.trim().is_empty() && !s.contains('/'));
    if CATEGORIES.contains(&main) && sub_ok {
        return Ok(());
    }
    Err(Error::new(
        Code::FieldRange,
        path,
        format!(
            "事件类别 “{c}” 不符合 GB/T 20986-2023:应为“大类”或“大类/子类”,大类为 {} 之一",
            CATEGORIES.join("、")
        ),
    ))
}

fn read_target(v: &Json, path: &str) -> Result<Target> {
    let s = json::string(v, path)?;
    Target::ALL
        .iter()
        .find(|(k, _, _)| *k == s)
        .map(|(_, t, _)| *t)
        .ok_or_else(|| {
            Error::new(
                Code::FieldRange,
                path,
                format!(
                    "未知的攻击对象类型 “{s}”(应为 party_gov_portal、key_news_site、large_platform、cii 或 other)"
                ),
            )
        })
}

fn read_scope(v: &Json, path: &str) -> Result<OutageScope> {
    match json::string(v, path)? {
        "full" => Ok(OutageScope::Full),
        "main_functions" => Ok(OutageScope::MainFunctions),
        s => Err(Error::new(
            Code::FieldRange,
            path,
            format!("未知的中断范围 “{s}”(应为 full 或 main_functions)"),
        )),
    }
}

/// A non-negative number (hours, yuan), exact.
fn amount(o: &Obj, key: &str) -> Result<Option<Exact>> {
    let Some(n) = o.opt_with(key, json::number)? else {
        return Ok(None);
    };
    if n < Exact::from_integer(0.into()) {
        return Err(Error::new(
            Code::FieldRange,
            o.at(key),
            format!("应为非负数,实际是负数 {}", exact::display(&n)),
        ));
    }
    Ok(Some(n))
}

fn count(o: &Obj, key: &str) -> Result<Option<u64>> {
    o.opt_with(key, json::count)
}

fn read_facts(o: &Obj) -> Result<Facts> {
    let b = |k: &str| o.opt_bool(k);
    Ok(Facts {
        attacked: b("attacked")?,
        tampered: b("tampered")?,
        harmful_info_spread_widely: b("harmful_info_spread_widely")?,
        reported_in_time: b("reported_in_time")?,
        handled_in_time: b("handled_in_time")?,
        outage_hours: amount(o, "outage_hours")?,
        outage_scope: o.opt_with("outage_scope", read_scope)?,
        state_secret_leaked: b("state_secret_leaked")?,
        personal_info_leaked_persons: count(o, "personal_info_leaked_persons")?,
        personal_info_leak_large_scale: b("personal_info_leak_large_scale")?,
        basic_data_leaked_massively: b("basic_data_leaked_massively")?,
        wide_public_impact: b("wide_public_impact")?,
        people_affected: count(o, "people_affected")?,
        economic_loss_yuan: amount(o, "economic_loss_yuan")?,
        major_economic_loss: b("major_economic_loss")?,
        serious_social_impact: b("serious_social_impact")?,
        spread_homepage_hours: amount(o, "spread_homepage_hours")?,
        spread_other_pages_hours: amount(o, "spread_other_pages_hours")?,
        reposts: count(o, "reposts")?,
        views: count(o, "views")?,
        concealed: b("concealed")?,
        refused_cooperation: b("refused_cooperation")?,
        notified_risk_unrectified: b("notified_risk_unrectified")?,
        serious_consequence: b("serious_consequence")?,
        obstructed_security_organs: b("obstructed_security_organs")?,
        refused_support_security_organs: b("refused_support_security_organs")?,
        other_serious_harm: b("other_serious_harm")?,
        supervision_inadequate: b("supervision_inadequate")?,
        very_large_platform: b("very_large_platform")?,
        protective_measures_taken: b("protective_measures_taken")?,
        handled_under_plan: b("handled_under_plan")?,
        impact_effectively_reduced: b("impact_effectively_reduced")?,
        cause_identified: b("cause_identified")?,
        crime_suspected: b("crime_suspected")?,
    })
}

fn timestamp(o: &Obj, key: &str) -> Result<Option<Timestamp>> {
    let Some(text) = o.opt_with(key, json::string)? else {
        return Ok(None);
    };
    let instant = time::parse(text).map_err(|m| Error::new(Code::Timestamp, o.at(key), m))?;
    Ok(Some(Timestamp {
        text: text.to_string(),
        instant,
    }))
}

fn read_timeline(o: &Obj) -> Result<Timeline> {
    let t = Timeline {
        occurred_at: timestamp(o, "occurred_at")?,
        discovered_at: timestamp(o, "discovered_at")?,
        reported_at: timestamp(o, "reported_at")?,
        resolved_at: timestamp(o, "resolved_at")?,
    };
    // (later field, its name, earlier field, its name): the later may not precede the earlier.
    let rules = [
        (
            &t.discovered_at,
            "discovered_at",
            "发现时间",
            &t.occurred_at,
            "发生时间",
        ),
        (
            &t.reported_at,
            "reported_at",
            "报告时间",
            &t.discovered_at,
            "发现时间",
        ),
        (
            &t.reported_at,
            "reported_at",
            "报告时间",
            &t.occurred_at,
            "发生时间",
        ),
        (
            &t.resolved_at,
            "resolved_at",
            "处置完成时间",
            &t.occurred_at,
            "发生时间",
        ),
    ];
    for (later, key, later_zh, earlier, earlier_zh) in rules {
        if let (Some(l), Some(e)) = (later, earlier) {
            if l.instant < e.instant {
                return Err(Error::new(
                    Code::TimelineOrder,
                    o.at(key),
                    format!(
                        "{later_zh} {} 早于{earlier_zh} {},时间顺序不可能",
                        l.text, e.text
                    ),
                ));
            }
        }
    }
    Ok(t)
}

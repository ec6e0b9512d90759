//! Every domain word the page shows, served from the modules that own it: the page renders from
//! this and keeps only layout, grouping and hints of its own (ARCHITECTURE.md, "one owner"). Nothing
//! here is a new word: each list is read from the constant its module decides with, so a label
//! changed there changes on the page too.

use crate::domain::aggregate::{self, FileStatus};
use crate::domain::assessment::{self, Level};
use crate::domain::export;
use crate::domain::incident::situations::{citation, ITEM_NUMERALS, ITEM_TEXTS};
use crate::domain::incident::{self, model, GradeLevel, OutageScope, Status, Target};
use crate::domain::json;
use crate::domain::rectification::{self, Notifier, State as LedgerState, Status as LedgerStatus};
use crate::domain::rubric;
use crate::domain::score::{self, Status as ItemStatus, VetoStatus};
use serde::Serialize;

mod incident_words;
use incident_words::{FACTS, FACT_GROUPS, SUBTYPES, TIMELINE};

/// What `vocabulary()` returns.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    /// The schema tag each document kind is written with.
    pub schemas: Schemas,
    pub unit_levels: Vec<Named>,
    pub targets: Vec<Named>,
    pub outage_scopes: Vec<Named>,
    /// GB/T 20986-2023 categories, then the sub-types the form suggests (`大类/子类`).
    pub categories: Vec<String>,
    pub facts: Vec<FactSpec>,
    /// The groups the incident form asks the facts in (every fact in one).
    pub fact_groups: Vec<FactGroup>,
    pub timeline: Vec<FieldSpec>,
    pub article8: Vec<Article8Item>,
    pub tristate: Vec<Named>,
    pub item_status: Vec<Named>,
    pub veto_status: Vec<Named>,
    /// What a triggered veto does to the grade.
    pub veto_rule: &'static str,
    pub incident_grades: Vec<Named>,
    /// What aggregation did with each file (接收 / 退回 / 重复).
    pub file_status: Vec<Named>,
    /// For each scoring method (and for vetoes), the fields an answer is made of.
    pub methods: Vec<MethodSpec>,
    pub na: NaSpec,
    /// The largest document the core reads, in bytes.
    pub max_input_bytes: u64,
    /// 整改台账: who notifies, the statuses a unit records, the states a review computes.
    pub ledger: LedgerWords,
    /// Unit keys, the roster and who sent a file (issue 11).
    pub signing: SigningWords,
    /// The people of a 问责建议书 and the report forms (issue 12).
    pub accountability: AccountabilityWords,
    /// What the page cites: the regulation, the basis of each printout, the incident result's headings.
    pub basis: BasisWords,
}

/// The regulation and articles each view rests on, in the core's words.
#[derive(Debug, Clone, Serialize)]
pub struct BasisWords {
    pub regulation: &'static str,
    /// The score report (Article 10's assessment).
    pub assessment: &'static str,
    /// The incident opinion (Articles 8 and 9, and the reporting measures).
    pub incident: &'static str,
    pub article8: &'static str,
    pub accountability: &'static str,
    pub leniency: &'static str,
}

const BASIS: BasisWords = BasisWords {
    regulation: responsibility_measures!(),
    assessment: concat!(responsibility_measures!(), "第十条"),
    incident: concat!(
        responsibility_measures!(),
        "第八条、第九条及",
        reporting_measures!()
    ),
    article8: "第八条七种情形",
    accountability: "责任追究(第八条、第九条)",
    leniency: "从轻或不予追究(报告管理办法第十一条)",
};

/// Roles of the people named for a 问责建议书, the kinds of report a unit files, and the statuses
/// of the report forms.
#[derive(Debug, Clone, Serialize)]
pub struct AccountabilityWords {
    pub proposal_schema: &'static str,
    pub roles: Vec<Named>,
    pub report_kinds: Vec<Named>,
    pub form_statuses: Vec<Named>,
    pub draft_notice: &'static str,
    /// Article 9's shares: 主要领导责任, 重要领导责任, 个人责任.
    pub principal_share: &'static str,
    pub important_share: &'static str,
    pub individual_share: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerWords {
    pub schema: String,
    pub notifiers: Vec<Named>,
    pub statuses: Vec<Named>,
    pub states: Vec<Named>,
    /// Entry fields in form order, with their labels.
    pub fields: Vec<Named>,
    /// Days before a deadline an open entry counts as 即将到期.
    pub due_soon_days: i64,
}

/// The words of signed exports and the roster.
#[derive(Debug, Clone, Serialize)]
pub struct SigningWords {
    pub key_schema: String,
    pub pubkey_schema: String,
    pub roster_schema: String,
    /// A roster vouched for the senders / no roster: 已按名单核验 / 未核验发送单位.
    pub senders_verified: &'static str,
    pub senders_unverified: &'static str,
    /// A roster unit with no accepted file: 未上报.
    pub missing: &'static str,
    /// A file with no signature: 未签名.
    pub unsigned: &'static str,
    /// The shortest passphrase accepted for a new key.
    pub min_passphrase_chars: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Schemas {
    pub rubric: &'static str,
    pub assessment: &'static str,
    pub score: &'static str,
    pub incident: String,
    pub classification: &'static str,
    pub export: String,
    pub aggregate: &'static str,
}

/// A key as it appears in documents, and its Chinese name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub key: String,
    pub name: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Three-valued: true, false, or unknown.
    Flag,
    /// A whole number (people, reposts …).
    Count,
    /// A decimal (hours, yuan).
    Number,
    /// One of `outage_scopes`.
    Scope,
}

/// One incident fact: its key in `facts`, its path, its kind and label.
#[derive(Debug, Clone, Serialize)]
pub struct FactSpec {
    pub key: &'static str,
    pub path: String,
    pub kind: FactKind,
    pub label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// What the classifier does when the fact is left unknown, where that is a rule worth saying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<&'static str>,
}

/// A group of the incident form: its title and its facts' keys, in the order asked.
#[derive(Debug, Clone, Serialize)]
pub struct FactGroup {
    pub title: &'static str,
    pub facts: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldSpec {
    pub key: &'static str,
    pub path: String,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Article8Item {
    pub item: u8,
    pub numeral: &'static str,
    pub citation: String,
    pub text: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct MethodSpec {
    /// `check`, `levels`, `ratio`, `deduct` (rubric methods) or `veto`.
    pub kind: &'static str,
    pub fields: Vec<AnswerField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Boolean,
    /// An index into the item's `levels`.
    Index,
    /// A non-negative whole number.
    Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerField {
    pub key: &'static str,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub true_label: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub false_label: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NaSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub reason_label: &'static str,
}

fn boolean(
    key: &'static str,
    label: &'static str,
    yes: &'static str,
    no: &'static str,
) -> AnswerField {
    AnswerField {
        key,
        kind: FieldType::Boolean,
        label,
        true_label: Some(yes),
        false_label: Some(no),
    }
}

fn plain(key: &'static str, kind: FieldType, label: &'static str) -> AnswerField {
    AnswerField {
        key,
        kind,
        label,
        true_label: None,
        false_label: None,
    }
}

fn methods() -> Vec<MethodSpec> {
    let m = |kind, fields| MethodSpec { kind, fields };
    vec![
        m(
            "check",
            vec![boolean("met", "是否落实", "已落实", "未落实")],
        ),
        m(
            "levels",
            vec![plain("level", FieldType::Index, "达到的档次")],
        ),
        m(
            "ratio",
            vec![
                plain("numerator", FieldType::Count, "达标数"),
                plain("denominator", FieldType::Count, "总数"),
            ],
        ),
        m("deduct", vec![plain("count", FieldType::Count, "发生次数")]),
        m(
            "veto",
            vec![boolean("triggered", "是否触发", "触发", "未触发")],
        ),
    ]
}

const ITEM_STATUSES: [ItemStatus; 5] = [
    ItemStatus::Met,
    ItemStatus::Partial,
    ItemStatus::Unmet,
    ItemStatus::Na,
    ItemStatus::Missing,
];
const VETO_STATUSES: [VetoStatus; 3] = [
    VetoStatus::Triggered,
    VetoStatus::Clear,
    VetoStatus::Missing,
];

/// How an item's status is written for people (page, CLI, printouts).
pub fn item_status_name(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Met => "满分",
        ItemStatus::Partial => "部分得分",
        ItemStatus::Unmet => "未得分",
        ItemStatus::Na => "不适用",
        ItemStatus::Missing => "未作答",
    }
}

/// How an aggregated file's outcome is written for people.
pub fn file_status_name(s: FileStatus) -> &'static str {
    match s {
        FileStatus::Accepted => "接收",
        FileStatus::Rejected => "退回",
        FileStatus::Duplicate => "重复",
    }
}

/// How a veto's status is written for people.
pub fn veto_status_name(s: VetoStatus) -> &'static str {
    match s {
        VetoStatus::Triggered => "已触发",
        VetoStatus::Clear => "未触发",
        VetoStatus::Missing => "未作答",
    }
}

/// The key an enum is written with in documents (its serde name): one spelling, the serializer's.
fn key_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The Chinese label of an incident field (`facts.tampered`), as the classifier's reasons write it.
fn label_of(path: &str, key: &'static str) -> &'static str {
    model::FIELD_LABELS
        .iter()
        .find(|(f, _)| *f == path)
        .map_or(key, |(_, l)| *l)
}

fn named<T: Copy>(all: &[(&'static str, T, &'static str)]) -> Vec<Named> {
    all.iter()
        .map(|(key, _, name)| Named {
            key: key.to_string(),
            name,
        })
        .collect()
}

/// The vocabulary of this build.
pub fn vocabulary() -> Vocabulary {
    let path = |parent: &str, key: &str| format!("{parent}.{key}");
    Vocabulary {
        schemas: Schemas {
            rubric: rubric::TAG,
            assessment: assessment::TAG,
            score: score::SCHEMA,
            incident: format!("{}/{}", model::SCHEMA, model::VERSION),
            classification: incident::OUTPUT_SCHEMA,
            export: format!("{}/{}", export::SCHEMA, export::VERSION),
            aggregate: aggregate::SCHEMA,
        },
        unit_levels: named(&Level::ALL),
        targets: named(&Target::ALL),
        outage_scopes: [OutageScope::Full, OutageScope::MainFunctions]
            .iter()
            .map(|s| Named {
                key: s.key().to_string(),
                name: s.name_zh(),
            })
            .collect(),
        categories: model::CATEGORIES
            .iter()
            .map(|c| c.to_string())
            .chain(SUBTYPES.iter().map(|(main, sub)| format!("{main}/{sub}")))
            .collect(),
        facts: FACTS
            .iter()
            .map(|&(key, kind, unit, hint)| {
                let path = path("facts", key);
                FactSpec {
                    key,
                    label: label_of(&path, key),
                    path,
                    kind,
                    unit,
                    hint,
                }
            })
            .collect(),
        fact_groups: FACT_GROUPS
            .iter()
            .map(|&(title, facts)| FactGroup {
                title,
                facts: facts.to_vec(),
            })
            .collect(),
        timeline: TIMELINE
            .iter()
            .map(|&key| {
                let path = path("timeline", key);
                FieldSpec {
                    key,
                    label: label_of(&path, key),
                    path,
                }
            })
            .collect(),
        article8: (1..=7u8)
            .map(|item| Article8Item {
                item,
                numeral: ITEM_NUMERALS[usize::from(item - 1)],
                citation: citation(u64::from(item)),
                text: ITEM_TEXTS[usize::from(item - 1)],
            })
            .collect(),
        tristate: [Status::Met, Status::NotMet, Status::Undetermined]
            .iter()
            .map(|s| Named {
                key: key_of(s),
                name: s.name_zh(),
            })
            .collect(),
        item_status: ITEM_STATUSES
            .iter()
            .map(|s| Named {
                key: key_of(s),
                name: item_status_name(*s),
            })
            .collect(),
        veto_status: VETO_STATUSES
            .iter()
            .map(|s| Named {
                key: key_of(s),
                name: veto_status_name(*s),
            })
            .collect(),
        basis: BASIS,
        veto_rule: crate::domain::score::VETO_RULE,
        incident_grades: [
            GradeLevel::EspeciallyMajor,
            GradeLevel::Major,
            GradeLevel::Larger,
            GradeLevel::General,
        ]
        .iter()
        .map(|g| Named {
            key: key_of(g),
            name: g.name_zh(),
        })
        .collect(),
        file_status: [
            FileStatus::Accepted,
            FileStatus::Rejected,
            FileStatus::Duplicate,
        ]
        .iter()
        .map(|s| Named {
            key: key_of(s),
            name: file_status_name(*s),
        })
        .collect(),
        methods: methods(),
        na: NaSpec {
            key: "na",
            label: "不适用",
            reason_label: "不适用的理由",
        },
        max_input_bytes: json::MAX_INPUT_BYTES as u64,
        ledger: LedgerWords {
            schema: format!("{}/{}", rectification::SCHEMA, rectification::VERSION),
            notifiers: Notifier::ALL
                .iter()
                .map(|n| Named {
                    key: n.key().into(),
                    name: n.name_zh(),
                })
                .collect(),
            statuses: LedgerStatus::ALL
                .iter()
                .map(|n| Named {
                    key: n.key().into(),
                    name: n.name_zh(),
                })
                .collect(),
            states: LedgerState::ALL
                .iter()
                .map(|n| Named {
                    key: n.key().into(),
                    name: n.name_zh(),
                })
                .collect(),
            fields: rectification::FIELD_LABELS
                .iter()
                .map(|(key, name)| Named {
                    key: key.to_string(),
                    name,
                })
                .collect(),
            due_soon_days: rectification::DUE_SOON_DAYS,
        },
        signing: SigningWords {
            key_schema: format!("{}/1", crate::domain::sign::keyfile::SCHEMA),
            pubkey_schema: format!("{}/1", crate::domain::sign::pubkey::SCHEMA),
            roster_schema: format!("{}/1", crate::domain::roster::SCHEMA),
            senders_verified: aggregate::sender_words(true),
            senders_unverified: aggregate::sender_words(false),
            missing: aggregate::MISSING,
            unsigned: aggregate::UNSIGNED,
            min_passphrase_chars: crate::domain::sign::keyfile::MIN_PASSPHRASE_CHARS,
        },
        accountability: AccountabilityWords {
            proposal_schema: incident::proposal::SCHEMA,
            roles: named(&incident::record::Role::ALL),
            report_kinds: named(&incident::record::ReportKind::ALL),
            form_statuses: named(&incident::forms::FormStatus::ALL),
            draft_notice: incident::proposal::DRAFT_NOTICE,
            principal_share: incident::accountability::PRINCIPAL_SHARE,
            important_share: incident::accountability::IMPORTANT_SHARE,
            individual_share: incident::accountability::INDIVIDUAL_SHARE,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_once_in_the_parsers_order_with_a_label() {
        let keys: Vec<&str> = FACTS.iter().map(|f| f.0).collect();
        assert_eq!(keys, model::FACT_KEYS);
        for f in vocabulary().facts {
            assert_ne!(f.label, f.path, "no label for {}", f.path);
        }
        for t in vocabulary().timeline {
            assert_ne!(t.label, t.path, "no label for {}", t.path);
        }
    }

    #[test]
    fn fact_kinds_agree_with_the_incident_parser() {
        let schema = vocabulary().schemas.incident;
        for f in vocabulary().facts {
            let (good, bad) = match f.kind {
                FactKind::Flag => ("true", "1"),
                FactKind::Count => ("3", "1.5"),
                FactKind::Number => ("1.5", "true"),
                FactKind::Scope => ("\"full\"", "\"partly\""),
            };
            let doc = |v: &str| format!(r#"{{"schema":"{schema}","facts":{{"{}":{v}}}}}"#, f.key);
            assert!(
                doc(good).parse::<model::Incident>().is_ok(),
                "{} {good}",
                f.key
            );
            assert!(
                doc(bad).parse::<model::Incident>().is_err(),
                "{} {bad}",
                f.key
            );
        }
    }

    #[test]
    fn the_basis_of_each_view_names_the_regulation_once() {
        let b = vocabulary().basis;
        assert_eq!(b.regulation, "《党委(党组)网络安全工作责任制实施办法》");
        assert_eq!(
            b.assessment,
            "《党委(党组)网络安全工作责任制实施办法》第十条"
        );
        assert_eq!(
            b.incident,
            "《党委(党组)网络安全工作责任制实施办法》第八条、第九条及《国家网络安全事件报告管理办法》"
        );
        assert_eq!(b.article8, "第八条七种情形");
    }

    #[test]
    fn article8_items_cite_the_regulation() {
        let a8 = vocabulary().article8;
        assert_eq!(a8.len(), 7);
        assert_eq!(a8[2].citation, "第八条第(三)项");
        assert_eq!(a8[6].text, "发生其他严重危害网络安全行为");
    }

    #[test]
    fn every_suggested_category_is_accepted() {
        let schema = vocabulary().schemas.incident;
        for c in vocabulary().categories {
            let doc = format!(r#"{{"schema":"{schema}","category":"{c}"}}"#);
            assert!(doc.parse::<model::Incident>().is_ok(), "{c}");
        }
    }
}

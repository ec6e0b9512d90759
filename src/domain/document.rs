//! What kind of cyberduty document a file is, decided once from its `schema` tag: the CLI's
//! `validate` and the page's 打开 both ask here rather than guessing from error codes.

use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::{aggregate, assessment, export, incident, rubric, score};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Rubric,
    Assessment,
    Incident,
    Export,
    Score,
    Classification,
    Aggregate,
    Policy,
    Key,
    Pubkey,
    Roster,
    Rectification,
}

/// A document's kind, its tag as written, and the kind's Chinese name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identified {
    pub kind: Kind,
    pub schema: String,
    pub name: &'static str,
}

impl Kind {
    const ALL: [Kind; 12] = [
        Kind::Rubric,
        Kind::Assessment,
        Kind::Incident,
        Kind::Export,
        Kind::Score,
        Kind::Classification,
        Kind::Aggregate,
        Kind::Policy,
        Kind::Key,
        Kind::Pubkey,
        Kind::Roster,
        Kind::Rectification,
    ];

    /// The tag without its version, e.g. `cyberduty.rubric`.
    pub fn schema(self) -> &'static str {
        fn base(tag: &'static str) -> &'static str {
            json::split_tag(tag).0
        }
        match self {
            Kind::Rubric => rubric::SCHEMA,
            Kind::Assessment => assessment::SCHEMA,
            Kind::Incident => incident::model::SCHEMA,
            Kind::Export => export::SCHEMA,
            Kind::Score => base(score::SCHEMA),
            Kind::Classification => base(incident::OUTPUT_SCHEMA),
            Kind::Aggregate => base(aggregate::SCHEMA),
            Kind::Policy => incident::policy::SCHEMA,
            Kind::Key => crate::domain::sign::keyfile::SCHEMA,
            Kind::Pubkey => crate::domain::sign::pubkey::SCHEMA,
            Kind::Roster => crate::domain::roster::SCHEMA,
            Kind::Rectification => crate::domain::rectification::SCHEMA,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Kind::Rubric => "考核细则",
            Kind::Assessment => "自评表",
            Kind::Incident => "事件文件",
            Kind::Export => "上报文件",
            Kind::Score => "得分报告",
            Kind::Classification => "事件研判结果",
            Kind::Aggregate => "汇总结果",
            Kind::Policy => "事件分级政策",
            Kind::Key => "单位密钥文件",
            Kind::Pubkey => "单位公钥",
            Kind::Roster => "考核单位名单",
            Kind::Rectification => "整改台账",
        }
    }
}

/// Identify a document by its `schema` tag (the version is checked by the kind's own reader).
pub fn kind_of(doc: &Json) -> Result<Identified> {
    if !matches!(doc, Json::Obj(_)) {
        // check_schema's type error for a non-object: the words every reader uses.
        return Err(json::check_schema(doc, "", 0).expect_err("not an object"));
    }
    let Some(tag) = doc.schema() else {
        return Err(Error::new(
            Code::SchemaMissing,
            "$.schema",
            "缺少 “schema” 标记,无法判断文件类型(例如事件文件应为 “cyberduty.incident/1”)",
        ));
    };
    let base = json::split_tag(tag).0;
    Kind::ALL
        .iter()
        .find(|k| k.schema() == base)
        .map(|&kind| Identified {
            kind,
            schema: tag.to_string(),
            name: kind.name_zh(),
        })
        .ok_or_else(|| {
            Error::new(
                Code::SchemaUnknown,
                "$.schema",
                format!("未知文件类型 “{tag}”,本程序无法检查此类文件"),
            )
        })
}

/// The error for a document of a known kind where another was expected (e.g. an incident file
/// opened as an assessment): says what the file is and what was wanted.
pub fn wrong_kind(found: &Identified, wanted: &str) -> Error {
    Error::new(
        Code::SchemaUnknown,
        "$.schema",
        format!("这是{}(“{}”),不是{wanted}", found.name, found.schema),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Result<Kind> {
        kind_of(&json::parse_str(text).unwrap()).map(|i| i.kind)
    }

    #[test]
    fn every_kind_from_its_tag() {
        for k in Kind::ALL {
            assert_eq!(kind(&format!(r#"{{"schema":"{}/1"}}"#, k.schema())), Ok(k));
        }
        assert_eq!(kind(r#"{"schema":"cyberduty.export/9"}"#), Ok(Kind::Export));
    }

    #[test]
    fn unknown_missing_and_not_an_object() {
        assert_eq!(
            kind(r#"{"schema":"other/1"}"#).unwrap_err().code,
            Code::SchemaUnknown
        );
        assert_eq!(kind(r#"{"a":1}"#).unwrap_err().code, Code::SchemaMissing);
        assert_eq!(kind("[1]").unwrap_err().code, Code::FieldType);
    }
}

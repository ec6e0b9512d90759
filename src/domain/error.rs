//! One error type for every input the core reads. The CLI and the wasm binding only render it, so a
//! code means the same thing everywhere and can be matched by scripts and tests.

use serde::Serialize;
use std::fmt;

/// Stable error codes. Never renumber or reuse one: scripts and the bad-input catalogue match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Code {
    /// The input exceeds the documented size limit and was not parsed.
    #[serde(rename = "E_INPUT_TOO_LARGE")]
    InputTooLarge,
    /// Not UTF-8 (UTF-16, GBK, binary …).
    #[serde(rename = "E_INPUT_ENCODING")]
    InputEncoding,
    /// Empty input.
    #[serde(rename = "E_INPUT_EMPTY")]
    InputEmpty,
    /// Not well-formed JSON.
    #[serde(rename = "E_JSON_SYNTAX")]
    JsonSyntax,
    /// A number JSON can write but we cannot hold exactly (1e400 …).
    #[serde(rename = "E_JSON_NUMBER")]
    JsonNumber,
    /// Nested deeper than the parser allows.
    #[serde(rename = "E_JSON_DEPTH")]
    JsonDepth,
    /// The same key twice in one object.
    #[serde(rename = "E_JSON_DUPLICATE_KEY")]
    JsonDuplicateKey,
    /// No `schema` tag.
    #[serde(rename = "E_SCHEMA_MISSING")]
    SchemaMissing,
    /// A `schema` tag of another kind of document than the one expected.
    #[serde(rename = "E_SCHEMA_UNKNOWN")]
    SchemaUnknown,
    /// A newer version of a known schema than this build understands.
    #[serde(rename = "E_SCHEMA_FUTURE")]
    SchemaFuture,
    /// A required field is absent.
    #[serde(rename = "E_FIELD_MISSING")]
    FieldMissing,
    /// A field this schema does not define (usually a typo).
    #[serde(rename = "E_FIELD_UNKNOWN")]
    FieldUnknown,
    /// A field of the wrong JSON type.
    #[serde(rename = "E_FIELD_TYPE")]
    FieldType,
    /// A value outside its allowed range or set.
    #[serde(rename = "E_FIELD_RANGE")]
    FieldRange,
    /// Points or another decimal with more decimals than allowed.
    #[serde(rename = "E_FIELD_PRECISION")]
    FieldPrecision,
    /// A text field that must not be empty is empty.
    #[serde(rename = "E_FIELD_EMPTY")]
    FieldEmpty,
    /// An id used twice across items, vetoes and bonus.
    #[serde(rename = "E_RUBRIC_DUPLICATE_ID")]
    RubricDuplicateId,
    /// Item points do not add up to the rubric's total.
    #[serde(rename = "E_RUBRIC_POINTS_SUM")]
    RubricPointsSum,
    /// Grade bands out of order, duplicated, or not ending at 0.
    #[serde(rename = "E_RUBRIC_GRADES")]
    RubricGrades,
    /// A levels method with fewer than two levels.
    #[serde(rename = "E_RUBRIC_LEVELS")]
    RubricLevels,
    /// The assessment was made for another rubric (id or version).
    #[serde(rename = "E_ASSESSMENT_RUBRIC_MISMATCH")]
    AssessmentRubricMismatch,
    /// An answer for an id the rubric does not have.
    #[serde(rename = "E_ANSWER_UNKNOWN_ID")]
    AnswerUnknownId,
    /// An answer of the wrong shape for its item's method.
    #[serde(rename = "E_ANSWER_SHAPE")]
    AnswerShape,
    /// An answer value out of range (level index, numerator > denominator …).
    #[serde(rename = "E_ANSWER_RANGE")]
    AnswerRange,
    /// 不适用 given for an item that does not allow it.
    #[serde(rename = "E_ANSWER_NA_NOT_ALLOWED")]
    AnswerNaNotAllowed,
    /// Every item is 不适用, so no base score can be computed.
    #[serde(rename = "E_ASSESSMENT_ALL_NA")]
    AssessmentAllNa,
    /// A timestamp that is not RFC 3339 with an offset.
    #[serde(rename = "E_TIMESTAMP")]
    Timestamp,
    /// Timestamps in an impossible order (reported before discovered …).
    #[serde(rename = "E_TIMELINE_ORDER")]
    TimelineOrder,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InputTooLarge => "E_INPUT_TOO_LARGE",
            Code::InputEncoding => "E_INPUT_ENCODING",
            Code::InputEmpty => "E_INPUT_EMPTY",
            Code::JsonSyntax => "E_JSON_SYNTAX",
            Code::JsonNumber => "E_JSON_NUMBER",
            Code::JsonDepth => "E_JSON_DEPTH",
            Code::JsonDuplicateKey => "E_JSON_DUPLICATE_KEY",
            Code::SchemaMissing => "E_SCHEMA_MISSING",
            Code::SchemaUnknown => "E_SCHEMA_UNKNOWN",
            Code::SchemaFuture => "E_SCHEMA_FUTURE",
            Code::FieldMissing => "E_FIELD_MISSING",
            Code::FieldUnknown => "E_FIELD_UNKNOWN",
            Code::FieldType => "E_FIELD_TYPE",
            Code::FieldRange => "E_FIELD_RANGE",
            Code::FieldPrecision => "E_FIELD_PRECISION",
            Code::FieldEmpty => "E_FIELD_EMPTY",
            Code::RubricDuplicateId => "E_RUBRIC_DUPLICATE_ID",
            Code::RubricPointsSum => "E_RUBRIC_POINTS_SUM",
            Code::RubricGrades => "E_RUBRIC_GRADES",
            Code::RubricLevels => "E_RUBRIC_LEVELS",
            Code::AssessmentRubricMismatch => "E_ASSESSMENT_RUBRIC_MISMATCH",
            Code::AnswerUnknownId => "E_ANSWER_UNKNOWN_ID",
            Code::AnswerShape => "E_ANSWER_SHAPE",
            Code::AnswerRange => "E_ANSWER_RANGE",
            Code::AnswerNaNotAllowed => "E_ANSWER_NA_NOT_ALLOWED",
            Code::AssessmentAllNa => "E_ASSESSMENT_ALL_NA",
            Code::Timestamp => "E_TIMESTAMP",
            Code::TimelineOrder => "E_TIMELINE_ORDER",
        }
    }
}

/// What went wrong, where (a JSON path such as `$.dimensions[0].items[2].points`), and a Chinese
/// sentence a non-programmer can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    pub code: Code,
    pub path: String,
    pub message: String,
}

impl Error {
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code,
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "$" {
            write!(f, "[{}] {}", self.code.as_str(), self.message)
        } else {
            write!(f, "[{}] {}:{}", self.code.as_str(), self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

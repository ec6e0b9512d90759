//! One error type for every input the core reads. The CLI and the wasm binding only render it, so a
//! code means the same thing everywhere and can be matched by scripts and tests.

use serde::Serialize;
use std::fmt;

/// Stable error codes. Never renumber or reuse one: scripts and the bad-input catalogue match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The input exceeds the documented size limit and was not parsed.
    InputTooLarge,
    /// Not UTF-8 (UTF-16, GBK, binary …).
    InputEncoding,
    /// The file could not be read (missing, no permission, a folder …).
    FileUnreadable,
    /// Empty input.
    InputEmpty,
    /// Not well-formed JSON.
    JsonSyntax,
    /// A number JSON can write but we cannot hold exactly (1e400 …).
    JsonNumber,
    /// Nested deeper than the parser allows.
    JsonDepth,
    /// The same key twice in one object.
    JsonDuplicateKey,
    /// No `schema` tag.
    SchemaMissing,
    /// A `schema` tag of another kind of document than the one expected.
    SchemaUnknown,
    /// A newer version of a known schema than this build understands.
    SchemaFuture,
    /// A required field is absent.
    FieldMissing,
    /// A field this schema does not define (usually a typo).
    FieldUnknown,
    /// A field of the wrong JSON type.
    FieldType,
    /// A value outside its allowed range or set.
    FieldRange,
    /// Points or another decimal with more decimals than allowed.
    FieldPrecision,
    /// A text field that must not be empty is empty.
    FieldEmpty,
    /// A text longer than any real field needs (json::MAX_TEXT_CHARS).
    FieldTooLong,
    /// An id used twice across items, vetoes and bonus.
    RubricDuplicateId,
    /// Item points do not add up to the rubric's total.
    RubricPointsSum,
    /// Grade bands out of order, duplicated, or not ending at 0.
    RubricGrades,
    /// A levels method with fewer than two levels.
    RubricLevels,
    /// The assessment was made for another rubric (id or version).
    AssessmentRubricMismatch,
    /// An answer for an id the rubric does not have.
    AnswerUnknownId,
    /// An answer of the wrong shape for its item's method.
    AnswerShape,
    /// An answer value out of range (level index, numerator > denominator …).
    AnswerRange,
    /// 不适用 given for an item that does not allow it.
    AnswerNaNotAllowed,
    /// Every item is 不适用, so no base score can be computed.
    AssessmentAllNa,
    /// A timestamp that is not RFC 3339 with an offset.
    Timestamp,
    /// Timestamps in an impossible order (reported before discovered …).
    TimelineOrder,
    /// An export's digest does not match its content (edited after sealing, or damaged).
    ExportDigest,
    /// The score stored in an export differs from the one recomputed from its answers and rubric.
    ExportScoreMismatch,
    /// An export scored with another rubric than the reference rubric of the aggregation.
    ExportForeignRubric,
    /// An export whose incidents include a met Article 8 situation while its Article 8 veto is not
    /// triggered.
    ExportArticle8,
    /// Another export for the same unit code and period was kept instead (not an error in the
    /// file itself).
    ExportDuplicate,
    /// A warning, not an error: the assessment was accepted but has unanswered items.
    Incomplete,
    /// A unit code that is not a valid 统一社会信用代码 (GB 32100-2015): length, character or check
    /// character.
    UnitCode,
    /// Two 整改台账 entries with one id.
    LedgerDuplicateId,
    /// 整改台账 dates in an impossible order (deadline before the notice …).
    LedgerDateOrder,
    /// Not a readable .xlsx workbook: not a ZIP archive, damaged, encrypted, or ZIP64.
    XlsxArchive,
    /// A workbook that inflates to more than the input limit (a zip bomb, or far larger than any
    /// assessment needs).
    XlsxTooLarge,
    /// Malformed XML inside a workbook, or XML with a DTD or entity declarations (refused).
    XlsxXml,
    /// A workbook that is not the assessment template: a sheet, header or row is missing or doubled.
    XlsxTemplate,
    /// A cell whose value cannot be read as the answer its column asks for.
    XlsxCell,
    /// A unit key file that does not read (truncated, edited, another document).
    KeyFile,
    /// A wrong passphrase for a key file, or a new passphrase too short.
    KeyPassphrase,
    /// A public key that is not an SM2 point written as `04…` hex, or whose `key_id` does not match.
    KeyPublic,
    /// With a roster: an export without a signature.
    ExportUnsigned,
    /// An export's signature that does not verify (altered after signing, or forged).
    ExportSignature,
    /// With a roster: a valid signature by a key not registered (or not valid then) for the unit.
    ExportUnknownKey,
    /// With a roster: an export from a unit the roster does not list.
    ExportUnknownUnit,
    /// A roster listing one unit code twice.
    RosterDuplicateUnit,
    /// A key added to a roster for a unit the roster does not list.
    RosterUnknownUnit,
    /// An attached incident dated (occurred, else discovered) outside the assessment's period.
    ExportIncidentPeriod,
    /// An export whose incidents trigger an automatic veto other than Article 8 (`auto:
    /// reporting`: a late, missing or concealed report of an incident graded 较大 or above) while
    /// that veto is not triggered.
    ExportAutoVeto,
    /// A warning, not an error: an accepted export whose unit code fails the GB 32100 check (sealed
    /// by an older version); it is ranked under the code as written.
    UnitCodeUnchecked,
    /// A warning, not an error: an accepted export whose period is older free text, not a year,
    /// half or quarter, so its incidents' dates could not be checked against it.
    PeriodUnchecked,
    /// An incident report (`reports[]`) filed before the incident was discovered (or occurred), or
    /// a summary report filed before handling ended.
    ReportOrder,
    /// A 问责建议书 asked for an incident in which no Article 8 situation is met.
    ProposalNotMet,
}

/// The code of every variant, written once: `as_str` and [`Code::ALL`] (which a decoder looks codes
/// up in, to get back the same `&'static str`) are both made from this one table, and the match is
/// exhaustive, so a new variant cannot be missing from either.
macro_rules! codes {
    ($($variant:ident => $text:literal,)*) => {
        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    InputTooLarge => "E_INPUT_TOO_LARGE",
    InputEncoding => "E_INPUT_ENCODING",
    FileUnreadable => "E_FILE_UNREADABLE",
    InputEmpty => "E_INPUT_EMPTY",
    JsonSyntax => "E_JSON_SYNTAX",
    JsonNumber => "E_JSON_NUMBER",
    JsonDepth => "E_JSON_DEPTH",
    JsonDuplicateKey => "E_JSON_DUPLICATE_KEY",
    SchemaMissing => "E_SCHEMA_MISSING",
    SchemaUnknown => "E_SCHEMA_UNKNOWN",
    SchemaFuture => "E_SCHEMA_FUTURE",
    FieldMissing => "E_FIELD_MISSING",
    FieldUnknown => "E_FIELD_UNKNOWN",
    FieldType => "E_FIELD_TYPE",
    FieldRange => "E_FIELD_RANGE",
    FieldPrecision => "E_FIELD_PRECISION",
    FieldEmpty => "E_FIELD_EMPTY",
    FieldTooLong => "E_FIELD_TOO_LONG",
    RubricDuplicateId => "E_RUBRIC_DUPLICATE_ID",
    RubricPointsSum => "E_RUBRIC_POINTS_SUM",
    RubricGrades => "E_RUBRIC_GRADES",
    RubricLevels => "E_RUBRIC_LEVELS",
    AssessmentRubricMismatch => "E_ASSESSMENT_RUBRIC_MISMATCH",
    AnswerUnknownId => "E_ANSWER_UNKNOWN_ID",
    AnswerShape => "E_ANSWER_SHAPE",
    AnswerRange => "E_ANSWER_RANGE",
    AnswerNaNotAllowed => "E_ANSWER_NA_NOT_ALLOWED",
    AssessmentAllNa => "E_ASSESSMENT_ALL_NA",
    Timestamp => "E_TIMESTAMP",
    TimelineOrder => "E_TIMELINE_ORDER",
    ExportDigest => "E_EXPORT_DIGEST",
    ExportScoreMismatch => "E_EXPORT_SCORE_MISMATCH",
    ExportForeignRubric => "E_EXPORT_FOREIGN_RUBRIC",
    ExportArticle8 => "E_EXPORT_ARTICLE8",
    ExportDuplicate => "E_EXPORT_DUPLICATE",
    Incomplete => "W_INCOMPLETE",
    UnitCode => "E_UNIT_CODE",
    LedgerDuplicateId => "E_LEDGER_DUPLICATE_ID",
    LedgerDateOrder => "E_LEDGER_DATE_ORDER",
    XlsxArchive => "E_XLSX_ARCHIVE",
    XlsxTooLarge => "E_XLSX_TOO_LARGE",
    XlsxXml => "E_XLSX_XML",
    XlsxTemplate => "E_XLSX_TEMPLATE",
    XlsxCell => "E_XLSX_CELL",
    KeyFile => "E_KEY_FILE",
    KeyPassphrase => "E_KEY_PASSPHRASE",
    KeyPublic => "E_KEY_PUBLIC",
    ExportUnsigned => "E_EXPORT_UNSIGNED",
    ExportSignature => "E_EXPORT_SIGNATURE",
    ExportUnknownKey => "E_EXPORT_UNKNOWN_KEY",
    ExportUnknownUnit => "E_EXPORT_UNKNOWN_UNIT",
    RosterDuplicateUnit => "E_ROSTER_DUPLICATE_UNIT",
    RosterUnknownUnit => "E_ROSTER_UNKNOWN_UNIT",
    ExportIncidentPeriod => "E_EXPORT_INCIDENT_PERIOD",
    ExportAutoVeto => "E_EXPORT_AUTO_VETO",
    UnitCodeUnchecked => "W_UNIT_CODE",
    PeriodUnchecked => "W_PERIOD_UNCHECKED",
    ReportOrder => "E_REPORT_ORDER",
    ProposalNotMet => "E_PROPOSAL_NOT_MET",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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

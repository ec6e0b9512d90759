//! XLSX (Office Open XML workbooks) written and read by the core itself, so the page and the CLI
//! produce and accept the same files: the aggregation workbook, the assessment template an
//! inspector fills in Excel or WPS, and that template read back into an assessment.
//!
//! Our own ZIP writer (stored entries) and a small XML reader keep the wasm small; inflating
//! uses `miniz_oxide`. Hostile workbooks stop with a code: `E_XLSX_ARCHIVE` (not a workbook),
//! `E_XLSX_TOO_LARGE` (inflates past the 16 MiB input limit, or too many cells), `E_XLSX_XML`
//! (malformed, or with a DTD/entities), `E_XLSX_TEMPLATE` and `E_XLSX_CELL` (see [`template`]).

pub mod import;
pub mod read;
pub mod template;
pub mod write;
pub mod xml;
pub mod zip;

use crate::domain::error::{Code, Error};

/// A workbook-level problem (no single cell to point at).
pub(crate) fn fail(code: Code, message: impl Into<String>) -> Error {
    Error::new(code, "$", message)
}

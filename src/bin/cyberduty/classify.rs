//! `cyberduty classify`: filled in by the incident classifier work.

use cyberduty::domain::json::Json;
use std::ffi::OsString;

pub fn run(_args: Vec<OsString>) -> i32 {
    crate::io::usage("classify 尚未实现")
}

/// `validate` for an incident file, or an unknown schema.
pub fn validate(file: &str, doc: &Json) -> i32 {
    let e = cyberduty::domain::json::check_schema(doc, "cyberduty.assessment", 1)
        .err()
        .unwrap_or_else(|| {
            cyberduty::Error::new(cyberduty::Code::SchemaUnknown, "$.schema", "未知文件类型")
        });
    crate::io::invalid(file, &e)
}

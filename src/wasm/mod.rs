//! The wasm binding: the only code that names wasm-bindgen, `JsValue` or js-sys. Each export takes
//! JS values (objects, JSON text, or the raw bytes of a file so the core sees exactly what the user
//! chose), calls one core function and hands back a plain JS object. Errors become JS `Error`s
//! carrying `code`, `path`, the Chinese message and the CLI's one-line `display`, built in one
//! helper. No rule lives here.
//!
//! Like ruff's `Workspace`, a [`Session`] is built once from a rubric (or the default) and holds it
//! validated and digested: score, seal, open and aggregate are its methods, so "no rubric" has one
//! meaning and the page rebuilds it only when the rubric changes. `classify`, `vocabulary`,
//! `version` and a few small rules the page asks about stay free functions.

mod keys;
mod session;
mod types;
mod types_workflow;

pub use keys::{
    paper_matches, roster_add_key, roster_check, roster_from_csv, DraftLock, UnitKeyHandle,
};
pub use session::{Aggregation, Session};

use crate::domain::aggregate::{self, Input};
use crate::domain::json::{self, Json};
use crate::domain::{document, export, incident, vocabulary};
use crate::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Turn a core error into a JS `Error` with `code`, `path` and `display` (the CLI's rendering).
fn into_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"display".into(), &e.to_string().into());
    let _ = js_sys::Reflect::set(obj, &"path".into(), &e.path.into());
    err.into()
}

/// A document from JS: bytes and JSON text are parsed by the core; an object is read as it stands.
pub(crate) fn read(v: &JsValue) -> Result<Json, JsValue> {
    if let Some(text) = v.as_string() {
        return json::parse_str(&text).map_err(into_error);
    }
    if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
        return json::parse(&bytes.to_vec()).map_err(into_error);
    }
    if let Some(doc) = plain_json(v).and_then(|text| serde_json::from_str(&text).ok()) {
        return Ok(doc);
    }
    serde_wasm_bindgen::from_value(v.clone()).map_err(|e| {
        into_error(Error::new(
            crate::Code::FieldType,
            "$",
            format!("无法读取传入的对象:{e}"),
        ))
    })
}

// Plain data (what `JSON.parse` gives and the page builds) as JSON text, written by the engine in
// one call: reading it with serde_json is several times quicker than serde-wasm-bindgen's questions
// across the boundary for every value. Anything serde-wasm-bindgen would read differently (NaN,
// infinities, undefined, functions, BigInts, integers beyond 2^53, toJSON, a Map, a class instance,
// an object with an iterator, an array hole) gives undefined, and the whole value is read by
// serde-wasm-bindgen as before, errors included; so is text serde_json refuses (a lone surrogate,
// nesting over 128). The value is walked first and then written without a replacer: a replacer
// called for every key cost ~3 µs of an incident's 1 KB (tests/node/plain-json.test.mjs).
#[wasm_bindgen(inline_js = "
const plain = Object.prototype;
const own = Object.prototype.hasOwnProperty;
function isPlain(v) {
  switch (typeof v) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isSafeInteger(v) || (isFinite(v) && v % 1 !== 0);
    case 'object':
      if (v === null) return true;
      if (typeof v.toJSON === 'function') return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !isPlain(v[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== plain || Symbol.iterator in v) return false;
      for (const k in v) if (own.call(v, k) && !isPlain(v[k])) return false;
      return true;
    default: return false;
  }
}
export function plainJson(value) {
  try { return isPlain(value) ? JSON.stringify(value) : undefined; } catch (e) { return undefined; }
}
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });
export function parseUtf16Json(units) { return JSON.parse(utf16.decode(units)); }
")]
extern "C" {
    #[wasm_bindgen(js_name = plainJson)]
    fn plain_json(value: &JsValue) -> Option<String>;
    /// JSON text as UTF-16 code units (a view of the wasm's memory, not a copy), decoded and
    /// parsed.
    #[wasm_bindgen(js_name = parseUtf16Json, catch)]
    fn parse_utf16_json(units: &[u16]) -> Result<JsValue, JsValue>;
}

pub(crate) fn optional(v: &JsValue) -> Result<Option<Json>, JsValue> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        read(v).map(Some)
    }
}

/// Our results are plain JSON data: written as text and parsed once by the engine, which is several
/// times faster than building a large report object field by field across the boundary. The text
/// is written by crates/json-out (its own serializer, compiled at full speed).
pub(crate) fn out<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = cyberduty_json_out::to_utf16(v)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    parse_utf16_json(&text)
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Every domain word the page shows (levels, targets, fact labels, Article 8 items, status names,
/// schema tags, answer fields per method): the page renders from it.
#[wasm_bindgen(unchecked_return_type = "Vocabulary")]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    out(&vocabulary::vocabulary())
}

/// The largest document, in bytes, the core reads: read at most one byte more from a file, and
/// the core refuses it with `E_INPUT_TOO_LARGE` (so a huge file is never loaded whole).
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> u32 {
    json::MAX_INPUT_BYTES as u32
}

/// Throws `E_INPUT_TOO_LARGE` (the message names the size) for a file of `bytes` over the limit:
/// the page passes the size of a file it did not read and the core decides.
#[wasm_bindgen(js_name = checkSize)]
pub fn check_size(bytes: f64) -> Result<(), JsValue> {
    let size = if bytes.is_finite() && bytes > 0.0 {
        bytes as u64
    } else {
        0
    };
    json::check_size(size).map_err(into_error)
}

/// A count as typed (`12`, `１２`, `3.0`) as a number, or undefined (`1e2`, `-1`, `2.5`, words,
/// over 2^53): the page then passes the text on and the assessment's check says what is wrong.
#[wasm_bindgen(js_name = wholeNumber)]
pub fn whole_number(typed: &str) -> Option<f64> {
    crate::domain::assessment::whole_number(typed)
        .filter(|n| *n <= 1u64 << 53)
        .map(|n| n as f64)
}

/// What kind of cyberduty document this is (`{kind, schema, name}`); throws when it is none.
#[wasm_bindgen(js_name = kindOf, unchecked_return_type = "Identified")]
pub fn kind_of(
    #[wasm_bindgen(unchecked_param_type = "Doc")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    out(&document::kind_of(&read(&doc)?).map_err(into_error)?)
}

/// Whether a batch takes this file of a chosen folder (its path relative to the folder, `/`-separated):
/// the same rule the CLI applies when it walks a folder.
#[wasm_bindgen(js_name = batchTakes)]
pub fn batch_takes(relative_path: &str) -> bool {
    aggregate::batch_takes(relative_path)
}

/// A text made safe as part of a file name (the rule the export's own file name follows).
#[wasm_bindgen(js_name = safeFileName)]
pub fn safe_file_name(text: &str) -> String {
    export::safe_file_name_part(text)
}

/// A 统一社会信用代码 as the user typed it: returns it normalised (spaces dropped, full-width and
/// lower case turned into ASCII upper case), or throws `E_UNIT_CODE` saying what is wrong. The
/// page asks this as the user types.
#[wasm_bindgen(js_name = checkUnitCode)]
pub fn check_unit_code(raw: &str) -> Result<String, JsValue> {
    crate::domain::unit_code::normalize(raw, "$.unit.code").map_err(into_error)
}

/// The default rubric (`cyberduty.rubric/1`), as shipped.
#[wasm_bindgen(js_name = defaultRubric, unchecked_return_type = "Rubric")]
pub fn default_rubric() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(crate::domain::rubric::Rubric::default_document())
}

/// Classify an incident (`cyberduty.incident/1`) — with a 整改台账 reviewed as of `asOf` when one
/// is given, for Article 8(五)'s third alternative; `asOf` ("now", a date or an RFC 3339
/// timestamp) is also the report forms' clock — under Articles 8–9, the 2025 grading guide and
/// the reporting deadlines (`cyberduty.classification/1`), with a region's policy document
/// (`cyberduty.policy/1` or `/2`) or, when it is null or absent, the shipped one.
#[wasm_bindgen(unchecked_return_type = "Classification")]
pub fn classify(
    #[wasm_bindgen(unchecked_param_type = "Doc")] incident: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] ledger: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | null | undefined")]
    as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let (incident, policy, ledger, as_of) = incident_inputs(&incident, &policy, &ledger, &as_of)?;
    out(&incident::classify_documents_at(
        &incident,
        policy.as_ref(),
        ledger.as_ref(),
        as_of.as_ref(),
    )
    .map_err(into_error)?)
}

/// What `classify` and `propose` both read: the incident, the optional policy and ledger, and now.
type IncidentInputs = (Json, Option<Json>, Option<Json>, Option<incident::AsOf>);

fn incident_inputs(
    incident: &JsValue,
    policy: &JsValue,
    ledger: &JsValue,
    as_of: &JsValue,
) -> Result<IncidentInputs, JsValue> {
    Ok((
        read(incident)?,
        optional(policy)?,
        optional(ledger)?,
        as_of_arg(as_of)?,
    ))
}

/// `asOf`: "now" as a date (`2026-03-01`) or an RFC 3339 timestamp; null or absent: none.
fn as_of_arg(v: &JsValue) -> Result<Option<incident::AsOf>, JsValue> {
    v.as_string()
        .map(|s| incident::AsOf::parse(&s, "asOf"))
        .transpose()
        .map_err(into_error)
}

/// The 问责建议书 draft (`cyberduty.proposal/1`) for an incident in which an Article 8 situation
/// is met (else `E_PROPOSAL_NOT_MET`), with the same inputs as `classify`.
#[wasm_bindgen(unchecked_return_type = "Proposal")]
pub fn propose(
    #[wasm_bindgen(unchecked_param_type = "Doc")] incident: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] ledger: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | null | undefined")]
    as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let (incident, policy, ledger, as_of) = incident_inputs(&incident, &policy, &ledger, &as_of)?;
    out(&incident::proposal::propose_documents(
        &incident,
        policy.as_ref(),
        ledger.as_ref(),
        as_of.as_ref(),
    )
    .map_err(into_error)?)
}

/// The JSON schema tags this build reads and writes.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn schemas() -> Result<JsValue, JsValue> {
    let s = vocabulary::vocabulary().schemas;
    out(&[
        s.rubric.to_string(),
        s.assessment.to_string(),
        s.score.to_string(),
        s.incident,
        s.classification.to_string(),
        s.export,
        s.aggregate.to_string(),
    ])
}

/// A JS array's elements (null or undefined: none).
pub(crate) fn list(v: &JsValue, what: &str) -> Result<Vec<JsValue>, JsValue> {
    if v.is_null() || v.is_undefined() {
        return Ok(Vec::new());
    }
    if !js_sys::Array::is_array(v) {
        return Err(into_error(Error::new(
            crate::Code::FieldType,
            "$",
            format!("{what} 应为数组"),
        )));
    }
    Ok(js_sys::Array::from(v).iter().collect())
}

/// Batch files `{name, bytes?, size?}` → the core's inputs (the core judges size and content).
pub(crate) fn inputs(v: &JsValue, what: &str) -> Result<Vec<Input>, JsValue> {
    list(v, what)?
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let get = |key: &str| js_sys::Reflect::get(f, &key.into()).ok();
            let name = get("name").and_then(|n| n.as_string()).ok_or_else(|| {
                into_error(Error::new(
                    crate::Code::FieldType,
                    format!("$[{i}].name"),
                    format!("{what} 的第 {} 项应为 {{name, bytes}},name 为文件名", i + 1),
                ))
            })?;
            let bytes = get("bytes")
                .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok())
                .map(|b| b.to_vec());
            let size = get("size")
                .and_then(|s| s.as_f64())
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map_or(0, |s| s as u64)
                .max(bytes.as_ref().map_or(0, |b| b.len() as u64));
            Ok(Input::file(name, size, bytes))
        })
        .collect()
}

pub(crate) fn aggregate_output(result: &aggregate::Aggregate) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Output<'a> {
        result: &'a aggregate::Aggregate,
        csv: String,
        /// The trends across periods as CSV; null without earlier periods.
        trends_csv: Option<String>,
    }
    out(&Output {
        csv: aggregate::csv(result),
        trends_csv: result
            .trends
            .as_ref()
            .map(|_| aggregate::trends_csv(result)),
        result,
    })
}

/// Review a 整改台账 (`cyberduty.rectification/1`) as of `asOf` (`YYYY-MM-DD`, the caller's today):
/// the ledger as read, each entry's state, and Article 8(五)'s third alternative decided from it.
#[wasm_bindgen(js_name = reviewLedger, unchecked_return_type = "LedgerReview")]
pub fn review_ledger(
    #[wasm_bindgen(unchecked_param_type = "Doc")] ledger: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: &str,
) -> Result<JsValue, JsValue> {
    let today = crate::domain::time::parse_date(as_of)
        .map_err(|why| into_error(Error::new(crate::Code::FieldType, "asOf", why)))?;
    out(
        &crate::domain::rectification::review_document(&read(&ledger)?, today)
            .map_err(into_error)?,
    )
}

/// The 整改台账 carried into the next period: closed (已反馈) entries dropped, the rest kept.
#[wasm_bindgen(js_name = nextLedger, unchecked_return_type = "NextLedger")]
pub fn next_ledger(
    #[wasm_bindgen(unchecked_param_type = "Doc")] ledger: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Next {
        ledger: crate::domain::rectification::Ledger,
        dropped: usize,
    }
    let l = crate::domain::rectification::Ledger::from_json(&read(&ledger)?).map_err(into_error)?;
    let (ledger, dropped) = crate::domain::rectification::next_ledger(&l);
    out(&Next { ledger, dropped })
}

//! The wasm binding: the only file that names wasm-bindgen, `JsValue` or js-sys. Each export takes
//! JS values (objects, or JSON text so the core sees the exact bytes a user chose), calls one core
//! function and hands back a plain JS object. Errors become JS `Error`s carrying `code`, `path` and
//! the Chinese message, built in one helper.

use crate::domain::json::{self, Json};
use crate::domain::rubric::{self, Rubric};
use crate::domain::score;
use crate::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Error thrown by every export: `code` is stable (E_…), `path` a JSON path, `message` Chinese. */
export interface CyberdutyError extends Error { code: string; path: string; }
/** A document: a parsed JSON object or its JSON text (text keeps duplicate-key and number checks exact). */
export type Doc = object | string;
"#;

/// Turn a core error into a JS `Error` with `code` and `path` properties.
fn into_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"path".into(), &e.path.into());
    err.into()
}

/// A document from JS: JSON text is parsed by the core; an object is read as it stands.
fn read(v: &JsValue) -> Result<Json, JsValue> {
    match v.as_string() {
        Some(text) => json::parse_str(&text).map_err(into_error),
        None => serde_wasm_bindgen::from_value(v.clone()).map_err(|e| {
            into_error(Error::new(
                crate::Code::FieldType,
                "$",
                format!("无法读取传入的对象:{e}"),
            ))
        }),
    }
}

fn optional(v: &JsValue) -> Result<Option<Json>, JsValue> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        read(v).map(Some)
    }
}

fn out<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The default rubric (`cyberduty.rubric/1`), as shipped.
#[wasm_bindgen(js_name = defaultRubric, unchecked_return_type = "object")]
pub fn default_rubric() -> Result<JsValue, JsValue> {
    out(&Rubric::default_rubric())
}

/// Validate a rubric; returns it normalised, with its `digest`.
#[wasm_bindgen(js_name = validateRubric, unchecked_return_type = "object")]
pub fn validate_rubric(
    #[wasm_bindgen(unchecked_param_type = "Doc")] rubric: JsValue,
) -> Result<JsValue, JsValue> {
    let r = Rubric::from_json(&read(&rubric)?).map_err(into_error)?;
    #[derive(Serialize)]
    struct Validated<'a> {
        rubric: &'a Rubric,
        digest: String,
    }
    out(&Validated {
        digest: r.digest(),
        rubric: &r,
    })
}

/// Score an assessment (`cyberduty.score/1`); `rubric` null or undefined means the default rubric.
#[wasm_bindgen(unchecked_return_type = "object")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric = optional(&rubric)?;
    let report = score::score_documents(rubric.as_ref(), &read(&assessment)?).map_err(into_error)?;
    out(&report)
}

/// The JSON schema tags this build reads and writes.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn schemas() -> Result<JsValue, JsValue> {
    out(&[
        format!("{}/{}", rubric::SCHEMA, rubric::VERSION),
        "cyberduty.assessment/1".to_string(),
        score::SCHEMA.to_string(),
    ])
}

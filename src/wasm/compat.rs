//! The first round's free functions, kept only until the page has moved to `Session` (the page
//! re-cut lands next); each is a `Session` call. Delete this file with that merge.

use super::{into_error, optional, out, Aggregation, Session};
use crate::domain::aggregate::Batch;
use crate::domain::rubric::Rubric;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = validateRubric, unchecked_return_type = "{ rubric: Rubric; digest: string }")]
pub fn validate_rubric(
    #[wasm_bindgen(unchecked_param_type = "Doc")] rubric: JsValue,
) -> Result<JsValue, JsValue> {
    let r = Rubric::from_json(&super::read(&rubric)?).map_err(into_error)?;
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

#[wasm_bindgen(js_name = validateAssessment, unchecked_return_type = "Assessment")]
pub fn validate_assessment(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
) -> Result<JsValue, JsValue> {
    Session::new(rubric)?.validate_assessment(assessment)
}

#[wasm_bindgen(unchecked_return_type = "ScoreReport")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
) -> Result<JsValue, JsValue> {
    let live = Session::new(rubric)?.score(assessment, JsValue::NULL)?;
    js_sys::Reflect::get(&live, &"score".into())
}

#[wasm_bindgen(unchecked_return_type = "Sealed")]
pub fn seal(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc[] | null | undefined")] incidents: JsValue,
    #[wasm_bindgen(js_name = generatedAt, unchecked_param_type = "string")] generated_at: JsValue,
) -> Result<JsValue, JsValue> {
    Session::new(rubric)?.seal(assessment, incidents, generated_at)
}

#[wasm_bindgen(js_name = verifyExport, unchecked_return_type = "Opened")]
pub fn verify_export(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] file: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] reference: JsValue,
) -> Result<JsValue, JsValue> {
    if optional(&reference)?.is_none() {
        let bytes = super::session::bytes_of(&file)?;
        return out(&crate::domain::export::open_bytes(&bytes, None).map_err(into_error)?);
    }
    Session::new(reference)?.verify(file)
}

#[wasm_bindgen(unchecked_return_type = "AggregateOutput")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] reference: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BatchFile[]")] files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BatchFile[] | null | undefined")] previous: JsValue,
) -> Result<JsValue, JsValue> {
    Session::new(reference)?.aggregate(files, previous)
}

#[wasm_bindgen]
impl Aggregation {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] reference: JsValue,
    ) -> Result<Aggregation, JsValue> {
        let reference = optional(&reference)?;
        Ok(Aggregation::of(
            Batch::new(reference.as_ref()).map_err(into_error)?,
        ))
    }
}

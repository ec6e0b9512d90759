//! The wasm binding: the only file that names wasm-bindgen, `JsValue` or js-sys. Each export takes
//! JS values (objects, JSON text, or the raw bytes of a file so the core sees exactly what the user
//! chose), calls one core function and hands back a plain JS object. Errors become JS `Error`s
//! carrying `code`, `path` and the Chinese message, built in one helper. No rule lives here.

use crate::domain::assessment::Assessment;
use crate::domain::incident;
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
/**
 * A document: a parsed JSON object, its JSON text, or the raw bytes of a file (bytes get the same
 * size, encoding and BOM checks as the CLI; text and bytes keep duplicate-key and number checks exact).
 */
export type Doc = object | string | Uint8Array;

/** Administrative level of a unit. */
export type UnitLevel = "central" | "provincial" | "prefecture" | "county" | "township";

/** `cyberduty.rubric/1`: what an Article 10 assessment checks and what each thing is worth. */
export interface Rubric {
  schema: "cyberduty.rubric/1";
  id: string;
  version: string;
  title?: string;
  description?: string;
  total: number;
  bonus_cap: number;
  /** Highest first; the last has `min` 0. */
  grades: { name: string; min: number }[];
  dimensions: RubricDimension[];
  vetoes: RubricVeto[];
  bonus: RubricItem[];
}
export interface RubricDimension { id: string; title?: string; items: RubricItem[]; }
export interface RubricItem {
  id: string;
  title?: string;
  basis?: string;
  guide?: string;
  points: number;
  na_allowed?: boolean;
  method: RubricMethod;
}
export type RubricMethod =
  | { kind: "check" }
  | { kind: "levels"; levels: { label: string; ratio: number }[] }
  | { kind: "ratio" }
  | { kind: "deduct"; per: number };
export interface RubricVeto { id: string; title?: string; basis?: string; guide?: string; auto?: "article8"; }
/** `validateRubric`'s result: the rubric as validated and its `sm3:` digest. */
export interface ValidatedRubric { rubric: Rubric; digest: string; }

/** `cyberduty.assessment/1`: a unit's answers. */
export interface Assessment {
  schema: "cyberduty.assessment/1";
  rubric: { id: string; version: string };
  unit?: Unit;
  period?: string;
  assessor?: string;
  /** Keyed by item, veto or bonus id. */
  answers?: Record<string, Answer>;
}
export interface Unit { name?: string; code?: string; level?: UnitLevel; region?: string; }
export type Answer = (
  | { met: boolean }
  | { level: number }
  | { numerator: number; denominator: number }
  | { count: number }
  | { na: string }
  | { triggered: boolean }
) & { note?: string; evidence?: { name: string; sm3?: string }[] };

/** `cyberduty.score/1`: the score report. Every figure is rounded once, to two decimals. */
export interface ScoreReport {
  schema: "cyberduty.score/1";
  rubric: { id: string; version: string; digest: string };
  unit: Unit;
  period?: string;
  total: number;
  base: number;
  bonus: number;
  max: number;
  grade: string;
  vetoed: boolean;
  complete: boolean;
  missing: string[];
  answered: number;
  answerable: number;
  dimensions: DimensionScore[];
  items: ItemScore[];
  vetoes: { id: string; title: string; status: "triggered" | "clear" | "missing" }[];
  bonus_items: ItemScore[];
  /** Every item that lost points, largest loss first. */
  lost: { id: string; dimension: string; title: string; points: number; explanation: string }[];
}
export interface DimensionScore {
  id: string;
  title: string;
  earned: number;
  applicable: number;
  points: number;
  /** Percent, two decimals; null when nothing in the dimension applies. */
  attainment: number | null;
}
export interface ItemScore {
  id: string;
  dimension: string;
  title: string;
  earned: number;
  max: number;
  status: "met" | "partial" | "unmet" | "na" | "missing";
  explanation: string | null;
}

/** Three-valued fact: `true`, `false`, or absent/`null` for unknown. */
export type Fact = boolean | null;
/** `cyberduty.incident/1`: every fact optional; absent or null means unknown. */
export interface Incident {
  schema: "cyberduty.incident/1";
  title?: string;
  /** GB/T 20986-2023 category name, e.g. "网络攻击事件/网页篡改". */
  category?: string;
  unit?: { name?: string; level?: UnitLevel };
  target?: "party_gov_portal" | "key_news_site" | "large_platform" | "cii" | "other";
  facts?: {
    attacked?: Fact; tampered?: Fact; harmful_info_spread_widely?: Fact;
    reported_in_time?: Fact; handled_in_time?: Fact;
    outage_hours?: number | null; outage_scope?: "full" | "main_functions" | null;
    state_secret_leaked?: Fact; personal_info_leaked_persons?: number | null;
    personal_info_leak_large_scale?: Fact; basic_data_leaked_massively?: Fact;
    wide_public_impact?: Fact; people_affected?: number | null;
    economic_loss_yuan?: number | null; major_economic_loss?: Fact; serious_social_impact?: Fact;
    spread_homepage_hours?: number | null; spread_other_pages_hours?: number | null;
    reposts?: number | null; views?: number | null;
    concealed?: Fact; refused_cooperation?: Fact; notified_risk_unrectified?: Fact;
    serious_consequence?: Fact; obstructed_security_organs?: Fact;
    refused_support_security_organs?: Fact; other_serious_harm?: Fact; supervision_inadequate?: Fact;
  };
  /** RFC 3339 timestamps with an offset. */
  timeline?: { occurred_at?: string; discovered_at?: string; reported_at?: string; resolved_at?: string };
}
/** Kleene status of one Article 8 situation, of accountability, or of a single fact. */
export type Tristate = "met" | "not_met" | "undetermined";
/** `cyberduty.classification/1`. */
export interface Classification {
  schema: "cyberduty.classification/1";
  /** What the incident says about itself. */
  incident: { title: string | null; category: string | null; unit: { name: string | null; level: UnitLevel | null }; target: Incident["target"] | null };
  /** Exactly seven, `item` 1–7 for 第八条第(一)…(七)项. */
  triggers: Trigger[];
  accountability: Accountability;
  grade: IncidentGrade;
  reporting: Reporting;
}
export interface Trigger {
  item: number;
  status: Tristate;
  /** Chinese sentences citing 第八条第(X)项 and the facts that decided it. */
  reasons: string[];
  /** Paths of the facts whose absence leaves it undetermined (`target`, `facts.tampered`, `unit.level` …). */
  missing: string[];
}
export interface Accountability {
  status: Tristate;
  /** 逐级倒查: 当事人 → 网络安全负责人 → 主要负责人. */
  chain: string[];
  /** Collective responsibility: 主要领导责任 (principal) and 重要领导责任 (important). */
  collective: { principal: string[]; important: string[] };
  items_met: number[];
  items_undetermined: number[];
  /** Whether the head of the coordinating or supervising department answers too. */
  supervisor: Tristate;
  carried_out_by: string;
  recommended_by: string;
  reasons: string[];
}
export interface IncidentGrade {
  level: "especially_major" | "major" | "larger" | "general";
  /** Unknown facts could raise it. */
  at_least: boolean;
  /** A draft threshold decided it. */
  draft: boolean;
  reasons: string[];
}
export interface Reporting {
  /** Only 较大 and above must be reported; null when unknown facts decide it. */
  required: boolean | null;
  deadline_minutes: number | null;
  reported_within_minutes: number | null;
  on_time: boolean | null;
  reasons: string[];
}
"#;

/// Turn a core error into a JS `Error` with `code` and `path` properties.
fn into_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"path".into(), &e.path.into());
    err.into()
}

/// A document from JS: bytes and JSON text are parsed by the core; an object is read as it stands.
fn read(v: &JsValue) -> Result<Json, JsValue> {
    if let Some(text) = v.as_string() {
        return json::parse_str(&text).map_err(into_error);
    }
    if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
        return json::parse(&bytes.to_vec()).map_err(into_error);
    }
    serde_wasm_bindgen::from_value(v.clone()).map_err(|e| {
        into_error(Error::new(
            crate::Code::FieldType,
            "$",
            format!("无法读取传入的对象:{e}"),
        ))
    })
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

/// The largest document, in bytes, the core reads: read at most one byte more from a file, and
/// the core refuses it with `E_INPUT_TOO_LARGE` (so a huge file is never loaded whole).
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> u32 {
    json::MAX_INPUT_BYTES as u32
}

/// The default rubric (`cyberduty.rubric/1`), as shipped.
#[wasm_bindgen(js_name = defaultRubric, unchecked_return_type = "Rubric")]
pub fn default_rubric() -> Result<JsValue, JsValue> {
    out(&Rubric::default_rubric())
}

/// Validate a rubric; returns it normalised, with its `digest`.
#[wasm_bindgen(js_name = validateRubric, unchecked_return_type = "ValidatedRubric")]
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

/// Check an assessment against a rubric (null or undefined: the default rubric); returns it
/// normalised (answers sorted by id), as the page loads it back into its form.
#[wasm_bindgen(js_name = validateAssessment, unchecked_return_type = "Assessment")]
pub fn validate_assessment(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric = match optional(&rubric)? {
        Some(doc) => Rubric::from_json(&doc).map_err(into_error)?,
        None => Rubric::default_rubric(),
    };
    out(&Assessment::from_json(&read(&assessment)?, &rubric).map_err(into_error)?)
}

/// Score an assessment (`cyberduty.score/1`); `rubric` null or undefined means the default rubric.
#[wasm_bindgen(unchecked_return_type = "ScoreReport")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric = optional(&rubric)?;
    let report =
        score::score_documents(rubric.as_ref(), &read(&assessment)?).map_err(into_error)?;
    out(&report)
}

/// Classify an incident (`cyberduty.incident/1`) under Articles 8–9, the 2025 grading guide and
/// the reporting deadlines (`cyberduty.classification/1`).
#[wasm_bindgen(unchecked_return_type = "Classification")]
pub fn classify(
    #[wasm_bindgen(unchecked_param_type = "Doc")] incident: JsValue,
) -> Result<JsValue, JsValue> {
    out(&incident::classify_document(&read(&incident)?).map_err(into_error)?)
}

/// The JSON schema tags this build reads and writes.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn schemas() -> Result<JsValue, JsValue> {
    out(&[
        format!("{}/{}", rubric::SCHEMA, rubric::VERSION),
        "cyberduty.assessment/1".to_string(),
        score::SCHEMA.to_string(),
        "cyberduty.incident/1".to_string(),
        incident::OUTPUT_SCHEMA.to_string(),
    ])
}

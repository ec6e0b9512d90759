//! The wasm binding: the only file that names wasm-bindgen, `JsValue` or js-sys. Each export takes
//! JS values (objects, JSON text, or the raw bytes of a file so the core sees exactly what the user
//! chose), calls one core function and hands back a plain JS object. Errors become JS `Error`s
//! carrying `code`, `path` and the Chinese message, built in one helper. No rule lives here.

use crate::domain::aggregate::{self, Batch, Input};
use crate::domain::assessment::Assessment;
use crate::domain::export;
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
/** What `seal` returns: the export file to save and what to tell the user. */
export interface Sealed {
  /** `<unit code>_<period>_<first 8 hex>.cyberduty.json`, safe on every system. */
  file_name: string;
  /** `sm3:<64 hex>` over the RFC 8785 canonical JSON of the export without its digest. */
  digest: string;
  /** The digest's first 16 hex digits in groups of 4, printed on the paper report. */
  check_code: string;
  /** The file's content (`cyberduty.export/1`): pretty-printed JSON ending in a newline. */
  text: string;
  /** The score report sealed in the file. */
  score: ScoreReport;
  /** What was decided for each `auto: "article8"` veto. */
  auto_vetoes: AutoVeto[];
}
export interface AutoVeto {
  veto: string;
  decision: "set_triggered" | "overrode_clear" | "kept_answer" | "set_clear" | "left_unanswered";
  /** The answer sealed in the file; null when left for the unit to answer. */
  triggered: boolean | null;
  /** Chinese, for the user. */
  message: string;
}
/** What `verifyExport` returns for an export that passed every check. */
export interface Opened {
  generated_at: string;
  digest: string;
  check_code: string;
  /** The embedded rubric, validated. */
  rubric: Rubric;
  /** The sealed assessment (answers sorted by id), ready to load back into a form. */
  assessment: Assessment;
  /** The score recomputed from the answers (equal to the one stored). */
  score: ScoreReport;
  /** The incident documents as sealed, in order. */
  incidents: Incident[];
  /** `[incident number from 1, item 1–7]` of every met Article 8 situation. */
  article8_met: [number, number][];
}

/**
 * One file of a batch: its name (a path in a folder), and its bytes — or only its `size` when the
 * page did not read it (over `maxInputBytes()`); the core decides the outcome either way.
 */
export interface BatchFile { name: string; bytes?: Uint8Array; size?: number; }
/** What `aggregate` and `Aggregation.finish` return: the result and the core's CSV (UTF-8 BOM included). */
export interface AggregateOutput { result: Aggregate; csv: string; }
/** `cyberduty.aggregate/1`: every file's outcome, the ranking and the statistics. */
export interface Aggregate {
  schema: "cyberduty.aggregate/1";
  reference: { id: string; version: string; digest: string };
  /** One per input, in the order given (current files first, then previous ones). */
  files: FileOutcome[];
  /** Accepted units, ranked (equal totals share a rank). */
  units: UnitRow[];
  summary: AggregateSummary;
  /** Every item of the reference rubric, weakest first. */
  items: ItemStat[];
}
export interface FileOutcome {
  path: string;
  role: "current" | "previous";
  status: "accepted" | "rejected" | "duplicate";
  /** `OK`, `W_INCOMPLETE`, `E_EXPORT_DUPLICATE` or the code of the error that rejected the file. */
  code: string;
  /** JSON path of the problem; empty when none. */
  at: string;
  message: string;
  unit: { name: string | null; code: string; period: string; digest: string; generated_at: string } | null;
}
export interface UnitRow {
  rank: number;
  name: string | null;
  code: string;
  period: string;
  total: number;
  grade: string;
  vetoed: boolean;
  complete: boolean;
  missing: number;
  path: string;
  check_code: string;
  generated_at: string;
  change: Change | null;
}
export interface Change {
  previous_period: string;
  previous_total: number;
  previous_grade: string;
  delta: number;
  same_rubric: boolean;
}
export interface AggregateSummary {
  files: { accepted: number; rejected: number; duplicate: number };
  count: number;
  incomplete: number;
  periods: string[];
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Population standard deviation (÷ n). */
  std_dev_population: number | null;
  grades: { name: string; min: number; count: number }[];
  /** Ten bands of the total, lowest first: `[from, to)`, the last one closed. */
  histogram: { from: number; to: number; count: number }[];
  vetoed: { name: string | null; code: string; period: string; vetoes: string[] }[];
  dimensions: { id: string; title: string; mean_attainment: number | null; units: number }[];
  changes: { improved: number; declined: number; unchanged: number; without_previous: number } | null;
}
export interface ItemStat {
  id: string;
  dimension: string;
  title: string;
  points: number;
  applicable: number;
  units_lost: number;
  /** Mean share of the item's points lost, percent; null when it applies to no unit. */
  mean_lost_percent: number | null;
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

/// Our results are plain JSON data: written as text and parsed once by the engine, which is several
/// times faster than building a large report object field by field across the boundary.
fn out<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(v).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    js_sys::JSON::parse(&text)
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
    let rubric = Rubric::from_json_or_default(optional(&rubric)?.as_ref()).map_err(into_error)?;
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

/// Seal an export (`cyberduty.export/1`): the assessment scored with `rubric` (null or undefined:
/// the default rubric), the period's `incidents` classified and embedded (their Article 8
/// situations set any `auto: "article8"` veto), at `generatedAt` (RFC 3339 UTC, from the caller's
/// clock, e.g. `new Date().toISOString()`; the core checks it).
#[wasm_bindgen(unchecked_return_type = "Sealed")]
pub fn seal(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc[] | null | undefined")] incidents: JsValue,
    #[wasm_bindgen(js_name = generatedAt, unchecked_param_type = "string")] generated_at: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric = optional(&rubric)?;
    let assessment = read(&assessment)?;
    let incidents = list(&incidents, "incidents")?
        .iter()
        .map(read)
        .collect::<Result<Vec<_>, _>>()?;
    let Some(generated_at) = generated_at.as_string() else {
        return Err(into_error(Error::new(
            crate::Code::Timestamp,
            "$.generated_at",
            "生成时间应为文本,如 2026-01-15T08:00:00Z",
        )));
    };
    let sealed = export::seal(
        rubric.as_ref(),
        &assessment,
        &incidents,
        &generated_at,
        crate::VERSION,
    )
    .map_err(into_error)?;
    out(&sealed)
}

/// Check one export file (its bytes, or its text) and open it: every check aggregation makes,
/// against `reference` when given (null or undefined: the embedded rubric is only validated).
#[wasm_bindgen(js_name = verifyExport, unchecked_return_type = "Opened")]
pub fn verify_export(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] file: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] reference: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = if let Some(text) = file.as_string() {
        text.into_bytes()
    } else if let Some(b) = file.dyn_ref::<js_sys::Uint8Array>() {
        b.to_vec()
    } else {
        return Err(into_error(Error::new(
            crate::Code::FieldType,
            "$",
            "上报文件应以字节(Uint8Array)或文本传入",
        )));
    };
    let reference = optional(&reference)?;
    out(&export::verify(&bytes, reference.as_ref()).map_err(into_error)?)
}

/// Check and aggregate a batch of exports at once: `files` of the period, `previous` of the
/// previous period (for each unit's change), against `reference` (null or undefined: the
/// default rubric). Every file gets an outcome; only an invalid reference throws.
#[wasm_bindgen(unchecked_return_type = "AggregateOutput")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] reference: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BatchFile[]")] files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BatchFile[] | null | undefined")] previous: JsValue,
) -> Result<JsValue, JsValue> {
    let reference = optional(&reference)?;
    let current = inputs(&files, "files")?;
    let previous = inputs(&previous, "previous")?;
    let result = aggregate::aggregate(reference.as_ref(), current, previous).map_err(into_error)?;
    aggregate_output(&result)
}

/// The same as `aggregate`, a chunk of files at a time, so a page can read a large batch in parts,
/// show progress and let the bytes go: `new Aggregation(reference)`, `add(files)` and
/// `addPrevious(files)` as often as needed, then `finish()` once (it frees the object).
#[wasm_bindgen]
pub struct Aggregation {
    batch: Batch,
}

#[wasm_bindgen]
impl Aggregation {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] reference: JsValue,
    ) -> Result<Aggregation, JsValue> {
        let reference = optional(&reference)?;
        Ok(Aggregation {
            batch: Batch::new(reference.as_ref()).map_err(into_error)?,
        })
    }

    /// Check files of the period being aggregated.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BatchFile[]")] files: JsValue,
    ) -> Result<(), JsValue> {
        for input in inputs(&files, "files")? {
            self.batch.add(input);
        }
        Ok(())
    }

    /// Check files of the previous period.
    #[wasm_bindgen(js_name = addPrevious)]
    pub fn add_previous(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BatchFile[]")] files: JsValue,
    ) -> Result<(), JsValue> {
        for input in inputs(&files, "previous")? {
            self.batch.add_previous(input);
        }
        Ok(())
    }

    /// Mark duplicates, rank and summarise.
    #[wasm_bindgen(unchecked_return_type = "AggregateOutput")]
    pub fn finish(self) -> Result<JsValue, JsValue> {
        aggregate_output(&self.batch.finish())
    }
}

fn aggregate_output(result: &aggregate::Aggregate) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Output<'a> {
        result: &'a aggregate::Aggregate,
        csv: String,
    }
    out(&Output {
        csv: aggregate::csv(result),
        result,
    })
}

/// A JS array's elements (null or undefined: none).
fn list(v: &JsValue, what: &str) -> Result<Vec<JsValue>, JsValue> {
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
fn inputs(v: &JsValue, what: &str) -> Result<Vec<Input>, JsValue> {
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

/// The JSON schema tags this build reads and writes.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn schemas() -> Result<JsValue, JsValue> {
    out(&[
        rubric::TAG.to_string(),
        crate::domain::assessment::TAG.to_string(),
        score::SCHEMA.to_string(),
        format!("{}/{}", incident::model::SCHEMA, incident::model::VERSION),
        incident::OUTPUT_SCHEMA.to_string(),
        format!("{}/{}", export::SCHEMA, export::VERSION),
        aggregate::SCHEMA.to_string(),
    ])
}

//! `Session`: a rubric validated and digested once, and everything the page does with it.
//! The rubric as exports carry it (the [`Reference`] `open` and `verify` compare files with) is
//! made on first use: the page's first screen needs only the rubric and its digest.
//! `Aggregation`: a batch checked a chunk of files at a time.

use super::{aggregate_output, inputs, into_error, list, optional, out, read};
use crate::domain::aggregate::{Batch, Role};
use crate::domain::assessment::Assessment;
use crate::domain::document::{self, Kind};
use crate::domain::export::{self, Reference};
use crate::domain::json::{self, Json};
use crate::domain::rubric::Rubric;
use crate::domain::whatif;
use crate::{Code, Error};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Session {
    rubric: Rubric,
    reference: std::cell::OnceCell<Reference>,
    default: bool,
    /// A region's policy the incidents are classified under (`setPolicy`); none: the shipped one.
    policy: Option<crate::domain::incident::Policy>,
}

/// What `Session.open` found in a file.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Opened {
    Assessment {
        assessment: Assessment,
        /// `E_UNIT_CODE` when the file's unit code fails the check (kept as typed, to correct).
        #[serde(skip_serializing_if = "Option::is_none")]
        unit_code_error: Option<Error>,
    },
    Export {
        opened: Box<export::Opened>,
    },
}

impl Session {
    fn reference(&self) -> &Reference {
        self.reference
            .get_or_init(|| Reference::new(self.rubric.clone()))
    }
}

#[wasm_bindgen]
impl Session {
    /// A session for `rubric` (a rubric document; null or undefined: the default rubric).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] rubric: JsValue,
    ) -> Result<Session, JsValue> {
        let doc = optional(&rubric)?;
        let default = doc.is_none();
        let rubric = Rubric::from_json_or_default(doc.as_ref()).map_err(into_error)?;
        Ok(Session {
            policy: None,
            rubric,
            reference: std::cell::OnceCell::new(),
            default,
        })
    }

    /// The rubric as validated.
    #[wasm_bindgen(unchecked_return_type = "Rubric")]
    pub fn rubric(&self) -> Result<JsValue, JsValue> {
        // The default rubric as shipped: the page asks at load, and serialising it there cost the
        // first render ~2.6 ms (benches/HISTORY.md round 7), mostly compiling the serialiser.
        if self.default {
            return js_sys::JSON::parse(Rubric::default_document());
        }
        out(&self.rubric)
    }

    /// The rubric's `sm3:` digest.
    pub fn digest(&self) -> String {
        self.rubric.digest()
    }

    /// Classify the period's incidents under a region's policy document (`cyberduty.policy/1` or
    /// `/2`, as 事件研判 uses it) in `score`, `whatIf` and `seal`; null or undefined: the shipped one.
    #[wasm_bindgen(js_name = setPolicy)]
    pub fn set_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] policy: JsValue,
    ) -> Result<(), JsValue> {
        self.policy = optional(&policy)?
            .map(|d| crate::domain::incident::Policy::from_json(&d))
            .transpose()
            .map_err(into_error)?;
        Ok(())
    }

    /// Whether the session was built without a rubric (the default rubric).
    #[wasm_bindgen(js_name = isDefault)]
    pub fn is_default(&self) -> bool {
        self.default
    }

    /// Check an assessment against the rubric; returns it normalised (answers sorted by id).
    #[wasm_bindgen(js_name = validateAssessment, unchecked_return_type = "Assessment")]
    pub fn validate_assessment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        out(&self.assessment(&assessment)?)
    }

    /// Score an assessment with the period's incidents applied exactly as `seal` applies them.
    #[wasm_bindgen(unchecked_return_type = "Live")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc[] | null | undefined")] incidents: JsValue,
    ) -> Result<JsValue, JsValue> {
        // A half-typed unit code does not stop the live score: the page shows the code's own
        // check beside the field, and sealing refuses it.
        let (assessment, _) =
            Assessment::from_json_draft(&read(&assessment)?, &self.rubric).map_err(into_error)?;
        let incidents = documents(&incidents)?;
        out(
            &export::live_under(&self.rubric, &assessment, &incidents, self.policy())
                .map_err(into_error)?,
        )
    }

    /// The fewest item improvements that reach the next grade, for the answers as `score` scores
    /// them (the period's incidents applied).
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc[] | null | undefined")] incidents: JsValue,
    ) -> Result<JsValue, JsValue> {
        let assessment = self.assessment(&assessment)?;
        let incidents = documents(&incidents)?;
        out(
            &whatif::for_period(&self.rubric, &assessment, &incidents, self.policy())
                .map_err(into_error)?,
        )
    }

    /// Seal an export (`cyberduty.export/1`) at `generatedAt` (RFC 3339 UTC from the caller's clock,
    /// e.g. `new Date().toISOString()`; the core checks it).
    #[wasm_bindgen(unchecked_return_type = "Sealed")]
    pub fn seal(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc[] | null | undefined")] incidents: JsValue,
        #[wasm_bindgen(js_name = generatedAt, unchecked_param_type = "string")]
        generated_at: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Doc | null | undefined")] ledger: JsValue,
    ) -> Result<JsValue, JsValue> {
        let Some(generated_at) = generated_at.as_string() else {
            return Err(into_error(Error::new(
                Code::Timestamp,
                "$.generated_at",
                "生成时间应为文本,如 2026-01-15T08:00:00Z",
            )));
        };
        let incidents = documents(&incidents)?;
        let assessment = self.assessment(&assessment)?;
        let rubric = &self.rubric;
        // The 整改台账 to carry (the file is then an unsigned `/2`); none: exactly `/1`.
        let ledger = optional(&ledger)?
            .map(|d| crate::domain::rectification::Ledger::from_json(&d))
            .transpose()
            .map_err(into_error)?;
        let sealed = export::seal_under(
            rubric,
            &assessment,
            &incidents,
            ledger.as_ref(),
            self.policy(),
            &generated_at,
            crate::VERSION,
        );
        out(&sealed.map_err(into_error)?)
    }

    /// Open a file the user chose as a form to fill: an assessment (checked against the rubric) or
    /// an export (every check, against the rubric as reference). Any other kind of document is an
    /// error saying what the file is.
    #[wasm_bindgen(unchecked_return_type = "OpenedFile")]
    pub fn open(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] file: JsValue,
    ) -> Result<JsValue, JsValue> {
        let doc = json::parse(&bytes_of(&file)?).map_err(into_error)?;
        let found = document::kind_of(&doc).map_err(into_error)?;
        let opened = match found.kind {
            Kind::Assessment => {
                let (assessment, unit_code_error) =
                    Assessment::from_json_draft(&doc, &self.rubric).map_err(into_error)?;
                Opened::Assessment {
                    assessment,
                    unit_code_error,
                }
            }
            Kind::Export => Opened::Export {
                opened: Box::new(export::open(&doc, Some(self.reference())).map_err(into_error)?),
            },
            _ => return Err(into_error(document::wrong_kind(&found, "自评表或上报文件"))),
        };
        out(&opened)
    }

    /// Check one export file (its bytes or text) against the rubric as reference and open it.
    #[wasm_bindgen(unchecked_return_type = "Opened")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] file: JsValue,
    ) -> Result<JsValue, JsValue> {
        let opened = export::open_bytes(&bytes_of(&file)?, Some(self.reference()));
        out(&opened.map_err(into_error)?)
    }

    /// Check and aggregate a batch at once: `files` of the period, `previous` of the previous
    /// period, against the rubric as reference. Every file gets an outcome.
    #[wasm_bindgen(unchecked_return_type = "AggregateOutput")]
    pub fn aggregate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BatchFile[]")] files: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BatchFile[] | null | undefined")] previous: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut batch = Batch::with_rubric(self.rubric.clone());
        for input in inputs(&files, "files")? {
            batch.add(input);
        }
        for input in inputs(&previous, "previous")? {
            batch.add_previous(input);
        }
        aggregate_output(&batch.finish())
    }

    /// The same, a chunk of files at a time (`add`, `addPrevious`, then `finish` once).
    pub fn aggregation(&self) -> Aggregation {
        Aggregation::of(Batch::with_rubric(self.rubric.clone()))
    }

    /// The Excel assessment template (自评表.xlsx) of the rubric.
    #[wasm_bindgen(js_name = templateXlsx)]
    pub fn template_xlsx(&self) -> Vec<u8> {
        crate::domain::xlsx::template::template(&self.rubric)
    }

    /// A filled-in Excel template read back against the rubric: the assessment, or every problem.
    #[wasm_bindgen(js_name = importXlsx, unchecked_return_type = "ImportedXlsx")]
    pub fn import_xlsx(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] file: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = bytes_of(&file)?;
        out(&crate::domain::xlsx::import::import(&bytes, &self.rubric))
    }
}

#[wasm_bindgen]
impl Session {
    /// A JSON path of an error in words (统一社会信用代码, 「item title」, 第 2 个事件), or
    /// undefined when the core cannot name it.
    /// What the 整改台账 suggests for the rubric's items with `from_ledger`, counted over `period`
    /// (as an assessment writes it) as of `asOf` (`YYYY-MM-DD`). Suggestions only: the page shows
    /// them and the user takes each with one click.
    #[wasm_bindgen(js_name = ledgerSuggestions, unchecked_return_type = "LedgerSuggestion[]")]
    pub fn ledger_suggestions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] ledger: JsValue,
        period: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
    ) -> Result<JsValue, JsValue> {
        use crate::domain::rectification::{suggest_for, Ledger};
        let today = crate::domain::time::parse_date(as_of)
            .map_err(|why| into_error(Error::new(Code::FieldType, "asOf", why)))?;
        let ledger = Ledger::from_json(&read(&ledger)?).map_err(into_error)?;
        out(&suggest_for(&self.rubric, &ledger, period, today).map_err(into_error)?)
    }

    /// 开始下一考核期: a new assessment for `period` under this rubric, with every answer reset and
    /// the old notes and evidence names under `carried`.
    #[wasm_bindgen(js_name = nextPeriod, unchecked_return_type = "Assessment")]
    pub fn next_period(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] assessment: JsValue,
        period: &str,
    ) -> Result<JsValue, JsValue> {
        out(
            &crate::domain::next_period::next_assessment(&read(&assessment)?, &self.rubric, period)
                .map_err(into_error)?,
        )
    }

    /// Earlier versions of this rubric whose answers read unchanged under it (the default rubric's;
    /// none for another rubric): where the page looks for a draft kept before an upgrade.
    #[wasm_bindgen(js_name = earlierVersions, unchecked_return_type = "string[]")]
    pub fn earlier_versions(&self) -> Result<JsValue, JsValue> {
        let list: &[&str] = if self.default {
            &crate::domain::rubric::DEFAULT_EARLIER_VERSIONS
        } else {
            &[]
        };
        out(&list)
    }

    #[wasm_bindgen(js_name = fieldLabel)]
    pub fn field_label(&self, path: &str) -> Option<String> {
        crate::domain::assessment::path_label(&self.rubric, path)
    }
}

impl Session {
    fn assessment(&self, doc: &JsValue) -> Result<Assessment, JsValue> {
        Assessment::from_json(&read(doc)?, &self.rubric).map_err(into_error)
    }
}

/// A batch checked a chunk at a time, so a page can read a large batch in parts, show progress
/// and let the bytes go; `finish()` frees it.
#[wasm_bindgen]
pub struct Aggregation {
    batch: Batch,
}

impl Aggregation {
    pub(crate) fn of(batch: Batch) -> Aggregation {
        Aggregation { batch }
    }
}

#[wasm_bindgen]
impl Aggregation {
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

    /// Check the senders of the current files against a roster (`cyberduty.roster/1`): call
    /// before `add`.
    #[wasm_bindgen(js_name = setRoster)]
    pub fn set_roster(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Doc")] roster: JsValue,
    ) -> Result<(), JsValue> {
        let r = crate::domain::roster::Roster::from_json(&read(&roster)?).map_err(into_error)?;
        self.batch.set_roster(r);
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

    /// Check files without taking them (a Web Worker's aggregation, built from the same rubric
    /// and roster): the bytes `take` of the page's aggregation reads, in this build only.
    /// `previous`: the files are of the previous period.
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BatchFile[]")] files: JsValue,
        previous: Option<bool>,
    ) -> Result<Vec<u8>, JsValue> {
        let (role, what) = match previous {
            Some(true) => (Role::Previous, "previous"),
            _ => (Role::Current, "files"),
        };
        let checked: Vec<_> = inputs(&files, what)?
            .into_iter()
            .map(|input| self.batch.check(input, role))
            .collect();
        Ok(self.batch.encode(&checked))
    }

    /// Take files checked by `check` (in any instance of this build, against the same rubric), in
    /// the order they were checked.
    pub fn take(&mut self, encoded: &[u8]) -> Result<(), JsValue> {
        self.batch.take_encoded(encoded).map_err(into_error)
    }

    /// Mark duplicates, rank and summarise.
    #[wasm_bindgen(unchecked_return_type = "AggregateOutput")]
    pub fn finish(self) -> Result<JsValue, JsValue> {
        aggregate_output(&self.batch.finish())
    }

    /// The same, with the Excel workbook of the result (`xlsx`, the bytes of an .xlsx file).
    #[wasm_bindgen(js_name = finishWithXlsx, unchecked_return_type = "AggregateXlsxOutput")]
    pub fn finish_with_xlsx(self) -> Result<JsValue, JsValue> {
        let (result, xlsx) = self.batch.finish_with_xlsx();
        let output = aggregate_output(&result)?;
        let bytes = js_sys::Uint8Array::from(xlsx.as_slice());
        js_sys::Reflect::set(&output, &"xlsx".into(), &bytes)?;
        Ok(output)
    }
}

/// Incident documents from a JS array (null or undefined: none).
fn documents(v: &JsValue) -> Result<Vec<Json>, JsValue> {
    list(v, "incidents")?.iter().map(read).collect()
}

/// A file's bytes: a Uint8Array as chosen, or text.
pub(crate) fn bytes_of(file: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = file.as_string() {
        Ok(text.into_bytes())
    } else if let Some(b) = file.dyn_ref::<js_sys::Uint8Array>() {
        Ok(b.to_vec())
    } else {
        Err(into_error(Error::new(
            Code::FieldType,
            "$",
            "文件应以字节(Uint8Array)或文本传入",
        )))
    }
}

impl Session {
    fn policy(&self) -> &crate::domain::incident::Policy {
        self.policy
            .as_ref()
            .unwrap_or_else(|| crate::domain::incident::Policy::default_policy())
    }
}

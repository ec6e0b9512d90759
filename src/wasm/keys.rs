//! The unit key in the page: held in wasm memory only (never in storage), created or opened from
//! a key file's bytes, saved under a passphrase, and signing sealed exports. Every rule is the
//! core's (`domain::sign`, `domain::export::sign_text`).

use super::{into_error, optional, out, read};
use crate::domain::export;
use crate::domain::roster::Roster;
use crate::domain::sign::keyfile;
use crate::domain::sign::pubkey::{fingerprint, PubkeyDoc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = UnitKey)]
pub struct UnitKeyHandle {
    key: keyfile::UnitKey,
}

#[wasm_bindgen(js_class = UnitKey)]
impl UnitKeyHandle {
    /// A new key for a unit (`E_UNIT_CODE`, `E_FIELD_EMPTY`, `E_TIMESTAMP`).
    pub fn generate(
        code: &str,
        name: &str,
        #[wasm_bindgen(js_name = createdAt)] created_at: &str,
    ) -> Result<UnitKeyHandle, JsValue> {
        keyfile::UnitKey::generate(code, name, created_at)
            .map(|key| UnitKeyHandle { key })
            .map_err(into_error)
    }

    /// Open a key file's bytes (`E_KEY_FILE`, `E_KEY_PASSPHRASE`).
    pub fn open(file: &[u8], passphrase: &str) -> Result<UnitKeyHandle, JsValue> {
        keyfile::UnitKey::open(file, passphrase)
            .map(|key| UnitKeyHandle { key })
            .map_err(into_error)
    }

    /// The key file's text under `passphrase` (also how the passphrase is changed).
    #[wasm_bindgen(js_name = toFile)]
    pub fn to_file(&self, passphrase: &str) -> Result<String, JsValue> {
        self.key.to_file(passphrase).map_err(into_error)
    }

    /// The `cyberduty.pubkey/1` document to register with the cadre department.
    #[wasm_bindgen(unchecked_return_type = "Pubkey")]
    pub fn pubkey(&self) -> Result<JsValue, JsValue> {
        out(&PubkeyDoc::of(&self.key))
    }

    /// `1a2b 3c4d 5e6f 7a8b`: the key_id to print and read aloud.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.key.pair.public().key_id)
    }

    /// Sign a sealed export's text: the signed `cyberduty.export/2` file.
    #[wasm_bindgen(js_name = signExport, unchecked_return_type = "Signed")]
    pub fn sign_export(&self, text: &str) -> Result<JsValue, JsValue> {
        export::sign_text(text, &self.key.pair, &self.key.unit.code)
            .map_err(into_error)
            .and_then(|s| out(&s))
    }
}

/// A roster from a CSV's bytes (统一社会信用代码,单位名称 …; UTF-8).
#[wasm_bindgen(js_name = rosterFromCsv, unchecked_return_type = "Roster")]
pub fn roster_from_csv(
    csv: &[u8],
    authority: &str,
    period: Option<String>,
) -> Result<JsValue, JsValue> {
    Roster::from_csv(csv, authority, period.as_deref())
        .map_err(into_error)
        .and_then(|r| out(&r))
}

/// A roster document checked and normalised (codes, keys).
#[wasm_bindgen(js_name = rosterCheck, unchecked_return_type = "Roster")]
pub fn roster_check(
    #[wasm_bindgen(unchecked_param_type = "Doc")] roster: JsValue,
) -> Result<JsValue, JsValue> {
    Roster::from_json(&read(&roster)?)
        .map_err(into_error)
        .and_then(|r| out(&r))
}

/// Register a unit's public key (a `cyberduty.pubkey/1` document) in a roster: the new roster
/// and whether the key was new.
#[wasm_bindgen(js_name = rosterAddKey, unchecked_return_type = "RosterAdded")]
pub fn roster_add_key(
    #[wasm_bindgen(unchecked_param_type = "Doc")] roster: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Doc")] pubkey: JsValue,
    #[wasm_bindgen(js_name = validFrom)] valid_from: Option<String>,
    #[wasm_bindgen(js_name = validUntil)] valid_until: Option<String>,
) -> Result<JsValue, JsValue> {
    let mut r = Roster::from_json(&read(&roster)?).map_err(into_error)?;
    let pk = optional(&pubkey)?.unwrap_or(crate::domain::json::Json::Null);
    let pk = PubkeyDoc::from_json(&pk).map_err(into_error)?;
    let added = r
        .add_key(&pk, valid_from, valid_until)
        .map_err(into_error)?;
    #[derive(serde::Serialize)]
    struct Added<'a> {
        roster: &'a Roster,
        added: bool,
        text: String,
    }
    out(&Added {
        text: r.text(),
        roster: &r,
        added,
    })
}

/// Whether a 核对码 typed from the stamped paper report is this check code.
#[wasm_bindgen(js_name = paperMatches)]
pub fn paper_matches(typed: &str, check_code: &str) -> bool {
    crate::domain::aggregate::paper_matches(typed, check_code)
}

/// The passphrase lock on local drafts, held in wasm memory only (`domain::sign::lock`).
#[wasm_bindgen]
pub struct DraftLock {
    lock: crate::domain::sign::lock::DraftLock,
}

#[wasm_bindgen]
impl DraftLock {
    /// A new lock (`E_KEY_PASSPHRASE` when shorter than 8 characters).
    pub fn create(passphrase: &str) -> Result<DraftLock, JsValue> {
        crate::domain::sign::lock::DraftLock::create(passphrase)
            .map(|lock| DraftLock { lock })
            .map_err(into_error)
    }

    /// Open a stored lock (`E_KEY_PASSPHRASE` when the passphrase is wrong).
    pub fn unlock(verifier: &str, passphrase: &str) -> Result<DraftLock, JsValue> {
        crate::domain::sign::lock::DraftLock::unlock(verifier, passphrase)
            .map(|lock| DraftLock { lock })
            .map_err(into_error)
    }

    /// What to store so the lock can be opened again.
    pub fn verifier(&self) -> String {
        self.lock.verifier()
    }

    /// A draft's text, encrypted, as the text to store.
    pub fn seal(&self, text: &str) -> Result<String, JsValue> {
        self.lock.seal(text).map_err(into_error)
    }

    /// The draft's text from what `seal` stored.
    pub fn open(&self, stored: &str) -> Result<String, JsValue> {
        self.lock.open(stored).map_err(into_error)
    }

    /// Whether a stored text is a locked draft.
    #[wasm_bindgen(js_name = isLocked)]
    pub fn is_locked(stored: &str) -> bool {
        crate::domain::sign::lock::DraftLock::is_locked(stored)
    }
}

//! The unit key in the page: held in wasm memory only (never in storage), created or opened from
//! a key file's bytes, saved under a passphrase, and signing sealed exports. Every rule is the
//! core's (`domain::sign`, `domain::export::sign_text`).

use super::{into_error, out};
use crate::domain::export;
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

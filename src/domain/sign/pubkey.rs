//! `cyberduty.pubkey/1`: what a unit hands its cadre department to register its key:
//! `{schema, unit: {code, name}, key_id, public_key, created_at}`. No secret in it.

use super::keyfile::{KeyUnit, UnitKey};
use super::PublicKey;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::unit_code;
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.pubkey";
const TAG: &str = "cyberduty.pubkey/1";

/// A unit's public key as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PubkeyDoc {
    pub schema: &'static str,
    pub unit: KeyUnit,
    pub key_id: String,
    pub public_key: String,
    pub created_at: String,
}

impl PubkeyDoc {
    pub fn of(key: &UnitKey) -> PubkeyDoc {
        PubkeyDoc {
            schema: TAG,
            unit: key.unit.clone(),
            key_id: key.pair.public().key_id.clone(),
            public_key: key.pair.public().public_key.clone(),
            created_at: key.created_at.clone(),
        }
    }

    /// The file's text (pretty JSON, newline at the end).
    pub fn text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Read one: schema, unit code (normalised), a valid SM2 public key and its `key_id`.
    pub fn from_json(doc: &Json) -> Result<PubkeyDoc> {
        json::check_schema(doc, SCHEMA, 1)?;
        let o = json::object(
            doc,
            "$",
            &["schema", "unit", "key_id", "public_key", "created_at"],
        )?;
        json::no_duplicate_keys(doc, "$")?;
        let u = json::object(o.req("unit")?, "$.unit", &["code", "name"])?;
        let key = PublicKey::parse(o.req_str("public_key")?, "$.public_key")?;
        let id = o.req_str("key_id")?;
        if !id.eq_ignore_ascii_case(&key.key_id) {
            return Err(Error::new(
                Code::KeyPublic,
                "$.key_id",
                format!("密钥标识 {id} 与公钥不符(按公钥计算为 {})", key.key_id),
            ));
        }
        Ok(PubkeyDoc {
            schema: TAG,
            unit: KeyUnit {
                code: unit_code::normalize(u.req_str("code")?, "$.unit.code")?,
                name: u.req_text("name")?,
            },
            key_id: key.key_id,
            public_key: key.public_key,
            created_at: o.req_str("created_at")?.to_string(),
        })
    }
}

/// `1a2b 3c4d 5e6f 7a8b`: a `key_id` grouped for reading aloud and printing (the fingerprint
/// the unit registers on paper).
pub fn fingerprint(key_id: &str) -> String {
    key_id
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

//! `cyberduty.export/2`: a signed export. Same members as `/1`, plus `signature` (see
//! [`crate::domain::sign`]), and a digest that commits the embedded rubric by its own digest:
//!
//! `digest = sm3(JCS(export without "digest" and "signature", with "rubric" replaced by the
//! string "sm3:<hex of sm3(JCS(rubric))>"))`
//!
//! so a verifier holding the reference rubric compares the embedded rubric with it and hashes only
//! the rest of the file (the performance issue's one format bump). The signature is SM2 over the
//! digest string's ASCII bytes. An unsigned `/2` file is valid too (it opens as unsigned).

use super::open::{Embedded, Reference};
use super::{check_code, file_name, Sealed};
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::sign::{self, KeyPair, PublicKey};
use crate::domain::unit_code;

pub(super) const TAG: &str = "cyberduty.export/2";

/// The content digest of an export of schema version `version` (1 or 2). For `/2` the embedded
/// rubric counts by its digest: the reference's when the file embeds exactly the reference.
/// `rubric_doc` is `None` when the rubric was set aside as the reference's own bytes.
pub(super) fn content_digest(
    doc: &Json,
    version: u32,
    rubric_doc: Option<&Json>,
    embedded: Embedded,
    reference: Option<&Reference>,
    score: &mut String,
) -> Result<String> {
    if version < 2 {
        if let Json::Obj(fields) = doc {
            if fields.iter().any(|(k, _)| k == "ledger") {
                return Err(Error::new(
                    Code::FieldUnknown,
                    "$.ledger",
                    "“cyberduty.export/1” 文件没有 ledger 字段(附整改台账的文件应为 “cyberduty.export/2”)",
                ));
            }
            if fields.iter().any(|(k, _)| k == "signature") {
                return Err(Error::new(
                    Code::FieldUnknown,
                    "$.signature",
                    "“cyberduty.export/1” 文件没有 signature 字段(签名文件应为 “cyberduty.export/2”)",
                ));
            }
        }
        return Ok(match (rubric_doc, embedded) {
            // The whole file is hashed; the set-aside rubric by the reference's canonical text.
            (None, Embedded::Reference(r)) => {
                digest_members(doc, &["digest"], &r.canonical, Some(score))
            }
            _ => digest::sm3_json_without(doc, "digest"),
        });
    }
    let rubric_digest = match (rubric_doc, embedded, reference) {
        (None, Embedded::Reference(r), _) => r.digest.clone(),
        (Some(d), _, Some(r)) if *d == r.written => r.digest.clone(),
        (Some(d), _, _) => format!(
            "{}{}",
            digest::PREFIX,
            digest::sm3_hex(digest::canonical_json(d, None).as_bytes())
        ),
        (None, Embedded::In, _) => digest::sm3_hex(b""),
    };
    Ok(digest_v2(doc, &rubric_digest, Some(score)))
}

fn digest_v2(doc: &Json, rubric_digest: &str, score: Option<&mut String>) -> String {
    let rubric = digest::canonical_json(&Json::Str(rubric_digest.to_string()), None);
    digest_members(doc, &["digest", "signature"], &rubric, score)
}

/// SM3 of the RFC 8785 form of `doc`'s top level without the members `omit`, with `rubric`
/// (canonical text) as its `rubric` member whether or not `doc` has one. The top level is written
/// here, members sorted as RFC 8785 sorts them, and fed to the hash member by member: nothing of
/// the large members is cloned. With `score`, the `score` member's canonical text is left there
/// (opening compares it with the recomputed score's instead of writing it a second time).
fn digest_members(
    doc: &Json,
    omit: &[&str],
    rubric: &str,
    mut score: Option<&mut String>,
) -> String {
    use sm3::{Digest, Sm3};
    let Json::Obj(fields) = doc else {
        return digest::sm3_json_without(doc, "digest");
    };
    let mut members: Vec<(&str, Option<&Json>)> = fields
        .iter()
        .filter(|(k, _)| !omit.contains(&k.as_str()) && k != "rubric")
        .map(|(k, v)| (k.as_str(), Some(v)))
        .chain(std::iter::once(("rubric", None)))
        .collect();
    crate::domain::sort::by(&mut members, |a, b| {
        a.0.encode_utf16().cmp(b.0.encode_utf16())
    });
    let mut h = Sm3::new();
    h.update(b"{");
    let mut text = String::with_capacity(8192);
    for (i, (k, v)) in members.into_iter().enumerate() {
        if i > 0 {
            h.update(b",");
        }
        h.update(digest::canonical_json(&Json::Str(k.to_string()), None).as_bytes());
        h.update(b":");
        match v {
            Some(v) => {
                let out = match score.as_deref_mut() {
                    Some(s) if k == "score" => s,
                    _ => &mut text,
                };
                out.clear();
                digest::write_canonical(out, v);
                h.update(out.as_bytes());
            }
            None => h.update(rubric.as_bytes()),
        }
    }
    h.update(b"}");
    format!("{}{}", digest::PREFIX, digest::hex(&h.finalize()))
}

/// The signer of a `/2` file whose digest already matched: `None` when unsigned, else the key
/// whose signature over `digest` verifies (`E_EXPORT_SIGNATURE` otherwise).
pub(super) fn signer(doc: &Json, digest: &str) -> Result<Option<PublicKey>> {
    let Json::Obj(fields) = doc else {
        return Ok(None);
    };
    match fields.iter().find(|(k, _)| k == "signature") {
        None => Ok(None),
        Some((_, s)) => sign::verify_export(s, digest).map(Some),
    }
}

/// A signed export: what [`sign_text`] returns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Signed {
    pub file_name: String,
    pub digest: String,
    pub check_code: String,
    pub text: String,
}

/// Turn a sealed `/1` export into a signed `/2` one: the same content, the `/2` digest, and the
/// key's signature.
pub fn sign_sealed(sealed: &Sealed, key: &KeyPair, key_unit_code: &str) -> Result<Sealed> {
    let s = sign_text(&sealed.text, key, key_unit_code)?;
    Ok(Sealed {
        file_name: s.file_name,
        check_code: s.check_code,
        digest: s.digest,
        text: s.text,
        ..sealed.clone()
    })
}

/// [`sign_sealed`] on an export's text (what the page holds after sealing). The key must be the
/// unit's own (`E_EXPORT_UNKNOWN_KEY` otherwise: a roster would refuse the file anyway).
pub fn sign_text(text: &str, key: &KeyPair, key_unit_code: &str) -> Result<Signed> {
    let doc = json::parse_str(text)?;
    // Only an intact export is signed: a signature must never launder an edited file.
    super::open(&doc, None)?;
    let Json::Obj(fields) = doc else {
        return Err(Error::new(Code::FieldType, "$", "上报文件不是 JSON 对象"));
    };
    let member = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let assessment = json::fields(member("assessment").unwrap_or(&Json::Null), "$.assessment")?;
    let unit = json::fields(assessment.req("unit")?, "$.assessment.unit")?;
    let unit = unit_code::canonical_form(unit.req_str("code")?);
    let period = assessment.req_str("period")?.to_string();
    if unit_code::canonical_form(key_unit_code) != unit {
        return Err(Error::new(
            Code::ExportUnknownKey,
            "$.assessment.unit.code",
            format!("密钥属于单位 {key_unit_code},而自评表的单位代码是 {unit}:请使用本单位的密钥"),
        ));
    }
    let rubric = member("rubric").unwrap_or(&Json::Null);
    let rubric_digest = format!(
        "{}{}",
        digest::PREFIX,
        digest::sm3_hex(digest::canonical_json(rubric, None).as_bytes())
    );
    let mut fields: Vec<(String, Json)> = fields
        .iter()
        .filter(|(k, _)| k != "digest" && k != "signature")
        .map(|(k, v)| {
            if k == "schema" {
                (k.clone(), Json::Str(TAG.into()))
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect();
    let digest = digest_v2(&Json::Obj(fields.clone()), &rubric_digest, None);
    let signature = key.sign(&digest);
    fields.push(("digest".into(), Json::Str(digest.clone())));
    fields.push(("signature".into(), json::to_json(&signature)));
    let text = serde_json::to_string_pretty(&Json::Obj(fields))
        .map_err(|e| Error::new(Code::FieldType, "$", format!("无法生成上报文件:{e}")))?
        + "\n";
    Ok(Signed {
        file_name: file_name(&unit, &period, &digest),
        check_code: check_code(&digest),
        digest,
        text,
    })
}

/// A sealed `/1` export's text with one more member (`ledger`): written as an unsigned `/2` (a
/// released reader of `/1` would refuse an unknown member; `/2` readers know it), with `/2`'s
/// digest. Without the member a seal stays `/1`, byte for byte.
pub(super) fn add_member(sealed: &Sealed, name: &str, value: Json) -> Result<Sealed> {
    let Json::Obj(fields) = json::parse_str(&sealed.text)? else {
        return Err(Error::new(Code::FieldType, "$", "上报文件不是 JSON 对象"));
    };
    let rubric = fields
        .iter()
        .find(|(k, _)| k == "rubric")
        .map_or(Json::Null, |(_, v)| v.clone());
    let rubric_digest = format!(
        "{}{}",
        digest::PREFIX,
        digest::sm3_hex(digest::canonical_json(&rubric, None).as_bytes())
    );
    let mut fields: Vec<(String, Json)> = fields
        .into_iter()
        .filter(|(k, _)| k != "digest")
        .map(|(k, v)| {
            if k == "schema" {
                (k, Json::Str(TAG.into()))
            } else {
                (k, v)
            }
        })
        .collect();
    fields.push((name.to_string(), value));
    let digest = digest_v2(&Json::Obj(fields.clone()), &rubric_digest, None);
    fields.push(("digest".into(), Json::Str(digest.clone())));
    let text = serde_json::to_string_pretty(&Json::Obj(fields))
        .map_err(|e| Error::new(Code::FieldType, "$", format!("无法生成上报文件:{e}")))?
        + "\n";
    let unit = sealed.assessment.unit.code.as_deref().unwrap_or_default();
    let period = sealed.assessment.period.as_deref().unwrap_or_default();
    Ok(Sealed {
        file_name: file_name(unit, period, &digest),
        check_code: check_code(&digest),
        digest,
        text,
        ..sealed.clone()
    })
}

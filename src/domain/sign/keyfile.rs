//! `cyberduty.key/1`: a unit's SM2 key pair, the private key encrypted.
//!
//! Protection: PBKDF2-HMAC-SM3 (≥ [`MIN_ITERATIONS`] rounds, 16-byte random salt) derives 32
//! bytes from the passphrase; the first 16 are the SM4 key (SM4-CTR, 16-byte random IV, over the
//! 32-byte private scalar), the last 16 the HMAC-SM3 key of `mac`, computed over the RFC 8785
//! canonical JSON of the whole file without `mac` (encrypt-then-MAC: unit, public key and
//! parameters are bound too). A wrong passphrase fails the MAC (`E_KEY_PASSPHRASE`) before anything
//! is decrypted; a file that does not read as a key file is `E_KEY_FILE`.

use super::{hex, unhex, KeyPair, PublicKey};
use crate::domain::digest;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use crate::domain::unit_code;
use ctr::cipher::{KeyIvInit, StreamCipher};
use hmac::{KeyInit, Mac};
use serde::Serialize;

pub const SCHEMA: &str = "cyberduty.key";
const TAG: &str = "cyberduty.key/1";
pub const KDF: &str = "PBKDF2-HMAC-SM3";
pub const CIPHER: &str = "SM4-CTR";
pub const MAC: &str = "HMAC-SM3";
/// Rounds written into new files (about 0.1 s natively, under a second in the page).
pub const ITERATIONS: u32 = 100_000;
/// Fewer rounds are refused when reading: a file with fewer was not written by us.
pub const MIN_ITERATIONS: u32 = 100_000;
/// More rounds are refused too, so a crafted file cannot stall the page.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Shortest passphrase accepted when creating a key or changing its passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

type Sm4Ctr = ctr::Ctr128BE<sm4::Sm4>;
type HmacSm3 = hmac::Hmac<sm3::Sm3>;

/// The unit a key belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyUnit {
    pub code: String,
    pub name: String,
}

/// An opened key file: the key pair in memory and what the file says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitKey {
    pub unit: KeyUnit,
    pub created_at: String,
    pub pair: KeyPair,
}

#[derive(Serialize)]
struct Protection<'a> {
    kdf: &'static str,
    iterations: u32,
    salt: &'a str,
    cipher: &'static str,
    iv: &'a str,
    mac: &'static str,
}

#[derive(Serialize)]
struct KeyDoc<'a> {
    schema: &'static str,
    unit: &'a KeyUnit,
    key_id: &'a str,
    public_key: &'a str,
    created_at: &'a str,
    protection: Protection<'a>,
    private_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac: Option<&'a str>,
}

impl UnitKey {
    /// A new key for a unit: the code normalised (`E_UNIT_CODE`), the name not blank.
    pub fn generate(code: &str, name: &str, created_at: &str) -> Result<UnitKey> {
        let code = unit_code::normalize(code, "$.unit.code")?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::new(
                Code::FieldEmpty,
                "$.unit.name",
                "请填写单位名称",
            ));
        }
        crate::domain::time::utc_key(created_at).map_err(|why| {
            Error::new(
                Code::Timestamp,
                "$.created_at",
                format!("创建时间无效:{why}"),
            )
        })?;
        Ok(UnitKey {
            unit: KeyUnit {
                code,
                name: name.to_string(),
            },
            created_at: created_at.to_string(),
            pair: KeyPair::generate()?,
        })
    }

    /// The key file's text, encrypted under `passphrase` with fresh salt and IV.
    pub fn to_file(&self, passphrase: &str) -> Result<String> {
        check_new_passphrase(passphrase)?;
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        super::random::fill(&mut salt)?;
        super::random::fill(&mut iv)?;
        Ok(self.to_file_with(passphrase, &salt, &iv, ITERATIONS))
    }

    fn to_file_with(&self, passphrase: &str, salt: &[u8], iv: &[u8; 16], rounds: u32) -> String {
        let (enc, mac_key) = derive(passphrase, salt, rounds);
        let mut secret = self.pair.secret_bytes();
        Sm4Ctr::new(&enc.into(), &(*iv).into()).apply_keystream(&mut secret);
        let (salt, iv, private_key) = (hex(salt), hex(iv), hex(&secret));
        let pk = self.pair.public();
        let mut doc = KeyDoc {
            schema: TAG,
            unit: &self.unit,
            key_id: &pk.key_id,
            public_key: &pk.public_key,
            created_at: &self.created_at,
            protection: Protection {
                kdf: KDF,
                iterations: rounds,
                salt: &salt,
                cipher: CIPHER,
                iv: &iv,
                mac: MAC,
            },
            private_key: &private_key,
            mac: None,
        };
        let mac = mac_of(&mac_key, &json::to_json(&doc));
        doc.mac = Some(&mac);
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }

    /// Open a key file. `E_KEY_FILE` when it is not a well-formed `cyberduty.key/1` (truncated,
    /// edited fields, another document); `E_KEY_PASSPHRASE` when the passphrase is wrong.
    pub fn open(bytes: &[u8], passphrase: &str) -> Result<UnitKey> {
        let doc = json::parse(bytes).map_err(as_key_file)?;
        let r = read(&doc).map_err(as_key_file)?;
        let (enc, mac_key) = derive(passphrase, &r.salt, r.iterations);
        let expected = mac_of(&mac_key, &strip_mac(&doc));
        if !expected.eq_ignore_ascii_case(&r.mac) {
            return Err(Error::new(
                Code::KeyPassphrase,
                "$",
                "口令不正确,无法打开密钥文件(若确认口令无误,则密钥文件已被改动)",
            ));
        }
        let mut secret = r.private_key;
        Sm4Ctr::new(&enc.into(), &r.iv.into()).apply_keystream(&mut secret);
        let pair = KeyPair::from_secret(&secret)
            .filter(|p| p.public() == &r.public)
            .ok_or_else(|| {
                Error::new(
                    Code::KeyFile,
                    "$.private_key",
                    "密钥文件已损坏:私钥与公钥不匹配",
                )
            })?;
        Ok(UnitKey {
            unit: r.unit,
            created_at: r.created_at,
            pair,
        })
    }
}

/// A new passphrase must have at least [`MIN_PASSPHRASE_CHARS`] characters.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::new(
            Code::KeyPassphrase,
            "$",
            format!("口令太短:至少 {MIN_PASSPHRASE_CHARS} 个字符"),
        ));
    }
    Ok(())
}

struct Read {
    unit: KeyUnit,
    created_at: String,
    public: PublicKey,
    iterations: u32,
    salt: Vec<u8>,
    iv: [u8; 16],
    private_key: [u8; 32],
    mac: String,
}

fn read(doc: &Json) -> Result<Read> {
    json::check_schema(doc, SCHEMA, 1)?;
    let o = json::object(
        doc,
        "$",
        &[
            "schema",
            "unit",
            "key_id",
            "public_key",
            "created_at",
            "protection",
            "private_key",
            "mac",
        ],
    )?;
    json::no_duplicate_keys(doc, "$")?;
    let u = json::object(o.req("unit")?, "$.unit", &["code", "name"])?;
    let unit = KeyUnit {
        code: unit_code::normalize(u.req_str("code")?, "$.unit.code")?,
        name: u.req_str("name")?.to_string(),
    };
    let public = PublicKey::parse(o.req_str("public_key")?, "$.public_key")?;
    if !o.req_str("key_id")?.eq_ignore_ascii_case(&public.key_id) {
        return Err(Error::new(Code::KeyFile, "$.key_id", "密钥标识与公钥不符"));
    }
    let p = json::object(
        o.req("protection")?,
        "$.protection",
        &["kdf", "iterations", "salt", "cipher", "iv", "mac"],
    )?;
    for (field, want) in [("kdf", KDF), ("cipher", CIPHER), ("mac", MAC)] {
        let got = p.req_str(field)?;
        if got != want {
            return Err(Error::new(
                Code::KeyFile,
                p.at(field),
                format!("不支持的加密方式 “{got}”(应为 “{want}”)"),
            ));
        }
    }
    let iterations = json::count(p.req("iterations")?, &p.at("iterations"))?;
    if !(MIN_ITERATIONS as u64..=MAX_ITERATIONS as u64).contains(&iterations) {
        return Err(Error::new(
            Code::KeyFile,
            p.at("iterations"),
            format!("迭代次数 {iterations} 超出允许范围({MIN_ITERATIONS}–{MAX_ITERATIONS})"),
        ));
    }
    let bytes = |v: &str, path: String, n: usize| {
        unhex(v).filter(|b| b.len() == n).ok_or_else(|| {
            Error::new(
                Code::KeyFile,
                path,
                format!("应为 {} 位十六进制数字", n * 2),
            )
        })
    };
    let salt = bytes(p.req_str("salt")?, p.at("salt"), 16)?;
    let iv = bytes(p.req_str("iv")?, p.at("iv"), 16)?;
    let private_key = bytes(o.req_str("private_key")?, o.at("private_key"), 32)?;
    let mac = o.req_str("mac")?;
    bytes(mac, o.at("mac"), 32)?;
    let created_at = o.req_str("created_at")?.to_string();
    Ok(Read {
        unit,
        created_at,
        public,
        iterations: iterations as u32,
        salt,
        iv: iv.try_into().unwrap_or([0; 16]),
        private_key: private_key.try_into().unwrap_or([0; 32]),
        mac: mac.to_string(),
    })
}

/// Everything wrong with a key file's content is `E_KEY_FILE`, the original reason kept in the
/// message (a truncated file is a JSON syntax error underneath).
fn as_key_file(e: Error) -> Error {
    Error {
        code: Code::KeyFile,
        message: format!("不是有效的单位密钥文件(cyberduty.key/1):{}", e.message),
        path: e.path,
    }
}

pub(super) fn derive(passphrase: &str, salt: &[u8], rounds: u32) -> ([u8; 16], [u8; 16]) {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sm3::Sm3>(passphrase.as_bytes(), salt, rounds, &mut out);
    let mut enc = [0u8; 16];
    let mut mac = [0u8; 16];
    enc.copy_from_slice(&out[..16]);
    mac.copy_from_slice(&out[16..]);
    (enc, mac)
}

fn mac_of(key: &[u8], doc_without_mac: &Json) -> String {
    let mut m = <HmacSm3 as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    m.update(digest::canonical_json(doc_without_mac, None).as_bytes());
    hex(&m.finalize().into_bytes())
}

fn strip_mac(doc: &Json) -> Json {
    match doc {
        Json::Obj(fields) => {
            Json::Obj(fields.iter().filter(|(k, _)| k != "mac").cloned().collect())
        }
        other => other.clone(),
    }
}

#[cfg(test)]
pub(super) fn file_with(key: &UnitKey, passphrase: &str, salt: &[u8], iv: &[u8; 16]) -> String {
    key.to_file_with(passphrase, salt, iv, ITERATIONS)
}

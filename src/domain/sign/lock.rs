//! The optional passphrase lock on the page's local drafts (`cyberduty.locked/1`). On Chromium every
//! HTML file opened from disk shares one storage origin, so any such page can read what another
//! stored; with a lock, what is stored is SM4-CTR ciphertext with an HMAC-SM3 tag, under keys
//! derived from the passphrase as a key file's are (PBKDF2-HMAC-SM3, 100,000 rounds).
//!
//! A lock is stored as its *verifier* (`cyberduty.draftlock/1`: salt, rounds and an HMAC of a fixed
//! text), so a wrong passphrase is told apart before anything is decrypted (`E_KEY_PASSPHRASE`).

use super::keyfile::{check_new_passphrase, derive, ITERATIONS, MAX_ITERATIONS, MIN_ITERATIONS};
use super::{hex, random, unhex};
use crate::domain::error::{Code, Error, Result};
use crate::domain::json::{self, Json};
use ctr::cipher::{KeyIvInit, StreamCipher};
use hmac::{KeyInit, Mac};
use serde::Serialize;

pub const LOCKED_TAG: &str = "cyberduty.locked/1";
pub const VERIFIER_TAG: &str = "cyberduty.draftlock/1";
const CHECK_TEXT: &[u8] = b"cyberduty draft lock";

type Sm4Ctr = ctr::Ctr128BE<sm4::Sm4>;
type HmacSm3 = hmac::Hmac<sm3::Sm3>;

pub struct DraftLock {
    enc: [u8; 16],
    mac: [u8; 16],
    salt: [u8; 16],
    rounds: u32,
}

#[derive(Serialize)]
struct Verifier<'a> {
    schema: &'a str,
    kdf: &'a str,
    iterations: u32,
    salt: String,
    check: String,
}

#[derive(Serialize)]
struct Locked<'a> {
    schema: &'a str,
    iv: String,
    data: String,
    mac: String,
}

fn tag(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = <HmacSm3 as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

fn bad(code: Code, message: &str) -> Error {
    Error::new(code, "$", message)
}

fn field16(o: &json::Obj, key: &str) -> Result<[u8; 16]> {
    unhex(o.req_str(key)?)
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
        .ok_or_else(|| Error::new(Code::KeyFile, o.at(key), "应为 32 位十六进制数字"))
}

impl DraftLock {
    /// A new lock under `passphrase` (at least 8 characters), with a random salt.
    pub fn create(passphrase: &str) -> Result<DraftLock> {
        check_new_passphrase(passphrase)?;
        let mut salt = [0u8; 16];
        random::fill(&mut salt)?;
        Ok(Self::derived(passphrase, salt, ITERATIONS))
    }

    fn derived(passphrase: &str, salt: [u8; 16], rounds: u32) -> DraftLock {
        let (enc, mac) = derive(passphrase, &salt, rounds);
        DraftLock {
            enc,
            mac,
            salt,
            rounds,
        }
    }

    /// What to store so the lock can be opened again: salt, rounds and a check.
    pub fn verifier(&self) -> String {
        let v = Verifier {
            schema: VERIFIER_TAG,
            kdf: super::keyfile::KDF,
            iterations: self.rounds,
            salt: hex(&self.salt),
            check: hex(&tag(&self.mac, &[CHECK_TEXT])),
        };
        serde_json::to_string(&v).unwrap_or_default()
    }

    /// Open a stored lock with `passphrase` (`E_KEY_PASSPHRASE` when wrong, `E_KEY_FILE` when the
    /// stored verifier is damaged).
    pub fn unlock(verifier: &str, passphrase: &str) -> Result<DraftLock> {
        let doc = json::parse(verifier.as_bytes())?;
        json::check_schema(&doc, "cyberduty.draftlock", 1)?;
        let o = json::object(&doc, "$", &["schema", "kdf", "iterations", "salt", "check"])?;
        let rounds = u32::try_from(json::count(o.req("iterations")?, &o.at("iterations"))?)
            .ok()
            .filter(|r| (MIN_ITERATIONS..=MAX_ITERATIONS).contains(r))
            .ok_or_else(|| bad(Code::KeyFile, "草稿口令锁的参数已损坏"))?;
        let salt = field16(&o, "salt")?;
        let check = o.req_str("check")?;
        let lock = Self::derived(passphrase, salt, rounds);
        if !hex(&tag(&lock.mac, &[CHECK_TEXT])).eq_ignore_ascii_case(check) {
            return Err(bad(Code::KeyPassphrase, "口令不正确,无法打开本机草稿"));
        }
        Ok(lock)
    }

    /// `text` encrypted and tagged, as the JSON text to store.
    pub fn seal(&self, text: &str) -> Result<String> {
        let mut iv = [0u8; 16];
        random::fill(&mut iv)?;
        let mut data = text.as_bytes().to_vec();
        Sm4Ctr::new(&self.enc.into(), &iv.into()).apply_keystream(&mut data);
        let mac = tag(&self.mac, &[&iv, &data]);
        let locked = Locked {
            schema: LOCKED_TAG,
            iv: hex(&iv),
            data: hex(&data),
            mac: hex(&mac),
        };
        Ok(serde_json::to_string(&locked).unwrap_or_default())
    }

    /// The text a [`DraftLock::seal`] made (`E_KEY_PASSPHRASE` when it was made under another
    /// passphrase or altered).
    pub fn open(&self, stored: &str) -> Result<String> {
        let doc = json::parse(stored.as_bytes())?;
        let o = json::object(&doc, "$", &["schema", "iv", "data", "mac"])?;
        if o.req_str("schema")? != LOCKED_TAG {
            return Err(bad(Code::SchemaUnknown, "不是加锁的草稿"));
        }
        let iv = field16(&o, "iv")?;
        let mut data = unhex(o.req_str("data")?)
            .ok_or_else(|| Error::new(Code::KeyFile, o.at("data"), "应为十六进制数字"))?;
        let want = hex(&tag(&self.mac, &[&iv, &data]));
        if !want.eq_ignore_ascii_case(o.req_str("mac")?) {
            return Err(bad(
                Code::KeyPassphrase,
                "这份草稿不是用当前口令加锁的,或已被改动,无法解开",
            ));
        }
        Sm4Ctr::new(&self.enc.into(), &iv.into()).apply_keystream(&mut data);
        String::from_utf8(data).map_err(|_| bad(Code::KeyFile, "草稿解开后不是文本"))
    }

    /// Whether a stored text is a locked draft.
    pub fn is_locked(stored: &str) -> bool {
        json::parse(stored.as_bytes())
            .ok()
            .is_some_and(|d| matches!(&d, Json::Obj(_)) && d.schema() == Some(LOCKED_TAG))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_wrong_passphrase_and_tamper() {
        let lock = DraftLock::create("correct horse").unwrap();
        let v = lock.verifier();
        let sealed = lock.seal("{\"a\":\"草稿\"}").unwrap();
        assert!(DraftLock::is_locked(&sealed));
        assert!(!DraftLock::is_locked("{\"a\":1}"));
        assert!(!sealed.contains("草稿"));
        let again = DraftLock::unlock(&v, "correct horse").unwrap();
        assert_eq!(again.open(&sealed).unwrap(), "{\"a\":\"草稿\"}");
        let e = DraftLock::unlock(&v, "wrong horse!").err().unwrap();
        assert_eq!(e.code, Code::KeyPassphrase);
        let other = DraftLock::create("another one").unwrap();
        assert_eq!(other.open(&sealed).err().unwrap().code, Code::KeyPassphrase);
        let flipped = sealed.replacen("\"data\":\"", "\"data\":\"00", 1);
        assert!(again.open(&flipped).is_err());
        assert_eq!(
            DraftLock::create("short").err().unwrap().code,
            Code::KeyPassphrase
        );
    }
}

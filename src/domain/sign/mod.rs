//! Unit keys and signatures (国密): SM2 signatures (GB/T 32918.2) with SM3, the default user ID
//! `1234567812345678` of GM/T 0009, keys kept in `cyberduty.key/1` files encrypted with SM4
//! (GB/T 32907) under a passphrase (see [`keyfile`]), and public keys handed to the cadre
//! department as `cyberduty.pubkey/1` (see [`pubkey`]).
//!
//! Signing is deterministic (the `sm2` crate derives the nonce from the key and the message,
//! RFC 6979 style), so sealing the same documents twice still gives the same bytes. Randomness is
//! needed only to create a key and to encrypt it ([`random`]).

pub mod keyfile;
pub mod lock;
pub mod pubkey;
pub mod random;
mod verify;

use crate::domain::digest;
pub(crate) use crate::domain::digest::hex;
use crate::domain::error::{Code, Error, Result};
use crate::domain::json;
use serde::Serialize;
use sm2::dsa::signature::Signer;
use sm2::dsa::{Signature as Sm2Signature, SigningKey};
use sm2::AffinePoint;

/// GM/T 0009 §10's default user ID, used for every signature (a unit key has no other identity).
pub const DIST_ID: &str = "1234567812345678";
/// The one algorithm an export's `signature.alg` may name.
pub const ALG: &str = "SM2-SM3";

/// An SM2 key pair, the private half held in memory only.
#[derive(Clone)]
pub struct KeyPair {
    signing: SigningKey,
    public: PublicKey,
}

impl std::fmt::Debug for KeyPair {
    // Never print the private key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({})", self.public.key_id)
    }
}

/// A public key as written in our documents: the uncompressed point in lower-case hex (`04…`,
/// 130 digits) and its `key_id`.
#[derive(Debug, Clone, Serialize)]
pub struct PublicKey {
    pub key_id: String,
    pub public_key: String,
    /// The point and its `Z_A` (see [`verify`]), set by every constructor.
    #[serde(skip)]
    verifying: Option<(AffinePoint, [u8; 32])>,
}

impl PartialEq for KeyPair {
    fn eq(&self, other: &Self) -> bool {
        self.public == other.public
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.public_key == other.public_key
    }
}
impl Eq for PublicKey {}

/// `key_id`: the first 16 hex digits of SM3 over the uncompressed public point's 65 bytes.
pub fn key_id(point: &[u8]) -> String {
    digest::sm3_hex(point)[..16].to_string()
}

impl KeyPair {
    /// The key pair of a 32-byte private scalar; `None` when it is 0 or not below the group order.
    pub fn from_secret(secret: &[u8; 32]) -> Option<KeyPair> {
        let signing = SigningKey::from_slice(DIST_ID, secret).ok()?;
        let point = signing.verifying_key().to_sec1_bytes();
        Some(KeyPair {
            public: PublicKey {
                key_id: key_id(&point),
                public_key: hex(&point),
                verifying: Some((*signing.verifying_key().as_affine(), verify::z(&point))),
            },
            signing,
        })
    }

    /// A new key pair from the system's random source.
    pub fn generate() -> Result<KeyPair> {
        loop {
            let mut secret = [0u8; 32];
            random::fill(&mut secret)?;
            if let Some(k) = KeyPair::from_secret(&secret) {
                return Ok(k);
            }
        }
    }

    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    pub(crate) fn secret_bytes(&self) -> [u8; 32] {
        self.signing.to_bytes().into()
    }

    /// The `signature` member of an export over its digest string (`sm3:<hex>`, as ASCII).
    pub fn sign(&self, digest: &str) -> Signature {
        let sig: Sm2Signature = self.signing.sign(digest.as_bytes());
        Signature {
            alg: ALG.to_string(),
            key_id: self.public.key_id.clone(),
            public_key: self.public.public_key.clone(),
            value: hex(&sig.to_bytes()),
        }
    }
}

impl PublicKey {
    /// Read a public key written as hex (`04` and 128 hex digits, either case). `E_KEY_PUBLIC`
    /// when it is not a point of the SM2 curve.
    pub fn parse(text: &str, path: &str) -> Result<PublicKey> {
        let bad = |why: &str| {
            Error::new(
                Code::KeyPublic,
                path,
                format!("公钥格式不正确:{why}(应为 “04” 开头的 130 位十六进制数字)"),
            )
        };
        let bytes = unhex(text.trim()).ok_or_else(|| bad("不是十六进制数字"))?;
        if bytes.len() != 65 || bytes[0] != 4 {
            return Err(bad(&format!("长度或前缀不对({} 字节)", bytes.len())));
        }
        // The point is checked to be on the curve and not the identity.
        let point =
            sm2::PublicKey::from_sec1_bytes(&bytes).map_err(|_| bad("不是 SM2 曲线上的点"))?;
        Ok(PublicKey {
            key_id: key_id(&bytes),
            public_key: hex(&bytes),
            verifying: Some((*point.as_affine(), verify::z(&bytes))),
        })
    }

    /// Whether `value` (r‖s as 128 hex digits) is this key's SM2 signature of `message`.
    pub fn verifies(&self, message: &[u8], value: &str) -> bool {
        let Some((point, z)) = &self.verifying else {
            return false;
        };
        unhex(value)
            .filter(|b| b.len() == 64)
            .and_then(|b| Sm2Signature::from_slice(&b).ok())
            .is_some_and(|sig| verify::verify(point, z, message, &sig))
    }
}

/// An export's `signature` member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub alg: String,
    pub key_id: String,
    pub public_key: String,
    /// r‖s, 128 hex digits.
    pub value: String,
}

/// Check an export's `signature` member against its digest: the algorithm, the public key, that
/// `key_id` belongs to it, and that the signature verifies (`E_EXPORT_SIGNATURE` for any of
/// these, since a verifier cannot tell an altered file from a forged one). Returns the signer's
/// public key (not yet known to belong to the unit: the roster decides that).
pub fn verify_export(signature: &json::Json, digest: &str) -> Result<PublicKey> {
    let path = "$.signature";
    let o = json::object(signature, path, &["alg", "key_id", "public_key", "value"])?;
    let fail = |why: String| Error::new(Code::ExportSignature, path, why);
    let alg = o.req_str("alg")?;
    if alg != ALG {
        return Err(fail(format!("签名算法 “{alg}” 不受支持(应为 “{ALG}”)")));
    }
    let key = PublicKey::parse(o.req_str("public_key")?, &o.at("public_key"))
        .map_err(|e| fail(format!("签名无效:{}", e.message)))?;
    let id = o.req_str("key_id")?;
    if !id.eq_ignore_ascii_case(&key.key_id) {
        return Err(fail(format!(
            "签名无效:密钥标识 {id} 与所附公钥({})不符",
            key.key_id
        )));
    }
    if !key.verifies(digest.as_bytes(), o.req_str("value")?) {
        return Err(fail(
            "签名验证失败:文件在签名后被改动,或签名是伪造的(摘要与签名不符)".into(),
        ));
    }
    Ok(key)
}

pub(crate) fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests;

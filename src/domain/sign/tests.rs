use super::keyfile::{self, UnitKey};
use super::pubkey::{fingerprint, PubkeyDoc};
use super::*;
use crate::domain::json::parse_str;

// The signature example on the recommended SM2 curve with the default user ID
// `1234567812345678` (GM/T 0003.5-2012 / GB/T 32918.5-2017 example; GB/T 32918.2's own Annex A
// example uses a test curve the `sm2` crate does not implement): private key d, public key P,
// message "message digest", and the published r, s.
const D: &str = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";
const P: &str = "0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020\
                 ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";
const RS: &str = "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3\
                  b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";

fn secret(hex: &str) -> [u8; 32] {
    unhex(hex).unwrap().try_into().unwrap()
}

#[test]
fn the_standards_example_verifies() {
    let key = PublicKey::parse(P, "$").unwrap();
    assert!(key.verifies(b"message digest", RS));
    assert!(!key.verifies(b"message digesT", RS));
    let mut bad = RS.to_string();
    bad.replace_range(127.., "b");
    assert!(!key.verifies(b"message digest", &bad));
    // The example's private key gives its public key.
    let pair = KeyPair::from_secret(&secret(D)).unwrap();
    assert_eq!(pair.public().public_key, P);
    // Ours signs deterministically (RFC 6979 nonce), not with the example's k, but verifiably.
    let ours = pair.sign("message digest");
    assert_eq!(ours.value, pair.sign("message digest").value);
    assert!(key.verifies(b"message digest", &ours.value));
    assert_eq!(ours.key_id, key_id(&unhex(P).unwrap()));
    assert_eq!(ours.key_id.len(), 16);
}

#[test]
fn public_keys_are_checked() {
    let code = |s: &str| PublicKey::parse(s, "$.k").err().map(|e| e.code.as_str());
    assert_eq!(code(P), None);
    assert_eq!(code(&P.to_uppercase()), None);
    assert_eq!(code("04zz"), Some("E_KEY_PUBLIC"));
    assert_eq!(code(&P[..128]), Some("E_KEY_PUBLIC"));
    // Off the curve: last digit changed.
    let mut off = P.to_string();
    off.replace_range(129.., "4");
    assert_eq!(code(&off), Some("E_KEY_PUBLIC"));
}

#[test]
fn export_signatures_verify_and_fail_with_codes() {
    let pair = KeyPair::from_secret(&secret(D)).unwrap();
    let digest = format!("sm3:{}", "ab".repeat(32));
    let sig = crate::domain::json::to_json(&pair.sign(&digest));
    assert_eq!(verify_export(&sig, &digest).unwrap().public_key, P);
    let other = format!("sm3:{}", "cd".repeat(32));
    let e = verify_export(&sig, &other).unwrap_err();
    assert_eq!(e.code.as_str(), "E_EXPORT_SIGNATURE");
    // Another key's signature under this key's name.
    let mut theirs = KeyPair::generate().unwrap().sign(&digest);
    theirs.public_key = P.into();
    let e = verify_export(&crate::domain::json::to_json(&theirs), &digest).unwrap_err();
    assert_eq!(e.code.as_str(), "E_EXPORT_SIGNATURE");
}

#[test]
fn key_files_round_trip_and_refuse_wrong_passphrases_and_damage() {
    let key = UnitKey::generate(" 91350100m000100y43 ", "某单位", "2026-01-15T08:00:00Z").unwrap();
    assert_eq!(key.unit.code, "91350100M000100Y43");
    let text = keyfile::file_with(&key, "correct horse", &[7; 16], &[9; 16]);
    let back = UnitKey::open(text.as_bytes(), "correct horse").unwrap();
    assert_eq!(back, key);
    let doc = parse_str(&text).unwrap();
    assert_eq!(doc.schema(), Some("cyberduty.key/1"));

    let code = |bytes: &[u8], pass: &str| UnitKey::open(bytes, pass).unwrap_err().code.as_str();
    assert_eq!(code(text.as_bytes(), "wrong horse"), "E_KEY_PASSPHRASE");
    assert_eq!(
        code(&text.as_bytes()[..text.len() / 2], "correct horse"),
        "E_KEY_FILE"
    );
    assert_eq!(code(b"", "correct horse"), "E_KEY_FILE");
    assert_eq!(
        code(b"{\"schema\":\"cyberduty.rubric/1\"}", "x"),
        "E_KEY_FILE"
    );
    // An edited field fails the MAC: indistinguishable from a wrong passphrase.
    let renamed = text.replace("某单位", "另一单位");
    assert_eq!(
        code(renamed.as_bytes(), "correct horse"),
        "E_KEY_PASSPHRASE"
    );
    let few = text.replace("\"iterations\": 100000", "\"iterations\": 1000");
    assert_eq!(code(few.as_bytes(), "correct horse"), "E_KEY_FILE");

    assert_eq!(
        key.to_file("short").unwrap_err().code.as_str(),
        "E_KEY_PASSPHRASE"
    );
    // Fresh salt and IV each time: two files of one key differ, both open.
    let a = key.to_file("correct horse").unwrap();
    let b = key.to_file("correct horse").unwrap();
    assert_ne!(a, b);
    assert_eq!(UnitKey::open(b.as_bytes(), "correct horse").unwrap(), key);
}

#[test]
fn pubkey_documents() {
    let key = UnitKey::generate("91350100M000100Y43", "某单位", "2026-01-15T08:00:00Z").unwrap();
    let doc = PubkeyDoc::of(&key);
    let back = PubkeyDoc::from_json(&parse_str(&doc.text()).unwrap()).unwrap();
    assert_eq!(back, doc);
    assert!(doc.public_key.starts_with("04") && doc.public_key.len() == 130);
    assert_eq!(fingerprint("0123456789abcdef"), "0123 4567 89ab cdef");
    let bad = doc.text().replace(&doc.key_id, "0000000000000000");
    let e = PubkeyDoc::from_json(&parse_str(&bad).unwrap()).unwrap_err();
    assert_eq!(e.code.as_str(), "E_KEY_PUBLIC");
}

/// The crate's own (constant-time) verification, the reference for [`verify`].
fn crate_verifies(point: &[u8], message: &[u8], rs: &[u8]) -> bool {
    use sm2::dsa::signature::Verifier;
    let vk = sm2::dsa::VerifyingKey::from_sec1_bytes(DIST_ID, point).unwrap();
    Sm2Signature::from_slice(rs).is_ok_and(|sig| vk.verify(message, &sig).is_ok())
}

mod variable_time_verify {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Ours agrees with the crate on its signatures, on each of them altered (one bit of r‖s,
        /// one bit of the message, another key) and on arbitrary r‖s.
        #[test]
        fn agrees_with_the_crate(
            d in any::<[u8; 32]>(), other in any::<[u8; 32]>(),
            message in proptest::collection::vec(any::<u8>(), 0..200),
            bit in 0usize..512, mbit in 0usize..1600, junk in any::<[u8; 32]>(),
        ) {
            let (Some(pair), Some(stranger)) = (KeyPair::from_secret(&d), KeyPair::from_secret(&other))
            else { return Ok(()) };
            let point = unhex(&pair.public.public_key).unwrap();
            let ours = |m: &[u8], rs: &[u8]| pair.public.verifies(m, &hex(rs));
            let sig: Sm2Signature = pair.signing.sign(&message);
            let rs = sig.to_bytes().to_vec();
            prop_assert!(ours(&message, &rs));
            prop_assert!(crate_verifies(&point, &message, &rs));

            let mut flipped = rs.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            prop_assert_eq!(ours(&message, &flipped), crate_verifies(&point, &message, &flipped));
            prop_assert!(!ours(&message, &flipped));
            if !message.is_empty() {
                let mut m = message.clone();
                let i = mbit % (m.len() * 8);
                m[i / 8] ^= 1 << (i % 8);
                prop_assert!(!ours(&m, &rs));
                prop_assert!(!crate_verifies(&point, &m, &rs));
            }
            prop_assert!(!stranger.public.verifies(&message, &hex(&rs)));
            let arbitrary = [junk, d].concat();
            prop_assert_eq!(ours(&message, &arbitrary), crate_verifies(&point, &message, &arbitrary));
        }
    }
}

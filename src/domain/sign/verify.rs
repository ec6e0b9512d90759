//! SM2 signature verification (GB/T 32918.2 §7.1) in variable time.
//!
//! The `sm2` crate verifies with `primeorder`'s constant-time `lincomb` over complete projective
//! formulas, built for secrets. A verification handles only public data (the key, the message,
//! the signature), so `[s]G + [t]P` is computed by [`cyberduty_sm2`] (crates/sm2-vartime)
//! instead: ~1.8× faster per verification side by side (benches/aggregate.rs `breakdown`:
//! `sm2_verify_s` against `sm2_verify_crate_s`); `primeorder`'s own `lincomb_vartime` gave only
//! ~3 % (its doublings are the same complete formulas). Signing stays in the crate, constant
//! time. Checked against the crate's verify on random valid and invalid signatures (tests.rs,
//! proptest).

use super::DIST_ID;
use sm2::dsa::Signature;
use sm2::elliptic_curve::ops::Reduce;
use sm2::{AffinePoint, FieldBytes, Scalar};
use sm3::{Digest, Sm3};

/// The curve's `a`, `b`, `x_G`, `y_G` as hashed into `Z` (GB/T 32918.2 §5.5; GB/T 32918.5's
/// recommended curve). A typo here would make every verification fail: tests.rs checks the
/// standard's example and signatures made by the crate.
const CURVE: [&str; 4] = [
    "fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc",
    "28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93",
    "32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7",
    "bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0",
];

/// `Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)` of an uncompressed point
/// (`04 ‖ x ‖ y`), with the default user ID: computed once per key, hashed into every message.
pub(super) fn z(point: &[u8]) -> [u8; 32] {
    let mut h = Sm3::new();
    h.update(((DIST_ID.len() * 8) as u16).to_be_bytes());
    h.update(DIST_ID.as_bytes());
    for c in CURVE {
        h.update(super::unhex(c).expect("curve constants are hex"));
    }
    h.update(&point[1..]);
    h.finalize().into()
}

/// Whether `sig` is the signature of `message` by the key `point` whose `Z_A` is `z`.
pub(super) fn verify(point: &AffinePoint, z: &[u8; 32], message: &[u8], sig: &Signature) -> bool {
    // B1, B2: r and s in [1, n-1] (the signature's parser refuses anything else).
    let (r, s) = (*sig.r(), *sig.s());
    // B3, B4: e = SM3(Z_A ‖ M).
    let mut h = Sm3::new();
    h.update(z);
    h.update(message);
    let e = <Scalar as Reduce<FieldBytes>>::reduce(&h.finalize());
    // B5: t = r + s mod n, not 0.
    let t = r + s;
    if bool::from(t.is_zero()) {
        return false;
    }
    // B6, B7: (x1, y1) = [s]G + [t]P is not the point at infinity, and R = e + x1 mod n equals
    // r, i.e. x1 ≡ r − e (mod n).
    cyberduty_sm2::sum_x_is(&s, &t, point, &(r - e))
}

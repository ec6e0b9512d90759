//! SM2's base field (p = 2^256 − 2^224 − 2^96 + 2^64 − 1) for verification's point arithmetic.
//!
//! The `sm2` crate's field elements multiply through fiat-crypto's generic Montgomery code
//! (~390 instructions a product under callgrind); field products were most of a verification and
//! verification a third of an aggregation. This is the same Montgomery form (R = 2^256), with the
//! one fact of p that code does not use: p ≡ −1 (mod 2^64), so each reduction step's multiplier
//! is the low limb itself. Public data only (variable time is fine: signing stays in the crate).
//!
//! The product has two forms of the same algorithm: 64-bit words natively, 32-bit words in the
//! wasm (p ≡ −1 mod 2^32 too). WebAssembly 1.0 has no 64×64→128-bit multiply, so a 64-bit word
//! product is a call to the software `__multi3`; with 32-bit words every product is one native
//! `i64.mul` (benches/HISTORY.md round 10: 2.3× faster a product in Node). Both are checked
//! against the crate's arithmetic by the property tests below.

use sm2::FieldBytes;
use std::ops::{Add, Mul, Neg, Sub};

/// a·R mod p, fully reduced (below p), little-endian 64-bit limbs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Fe([u64; 4]);

const P: [u64; 4] = [
    u64::MAX,
    0xffff_ffff_0000_0000,
    u64::MAX,
    0xffff_fffe_ffff_ffff,
];

/// a + b, and the carry out.
const fn add_limbs(a: &[u64; 4], b: &[u64; 4]) -> ([u64; 4], bool) {
    let mut out = [0; 4];
    let mut carry = false;
    let mut i = 0;
    while i < 4 {
        let (s, c1) = a[i].overflowing_add(b[i]);
        let (s, c2) = s.overflowing_add(carry as u64);
        out[i] = s;
        carry = c1 | c2;
        i += 1;
    }
    (out, carry)
}

/// a − b, and the borrow out.
const fn sub_limbs(a: &[u64; 4], b: &[u64; 4]) -> ([u64; 4], bool) {
    let mut out = [0; 4];
    let mut borrow = false;
    let mut i = 0;
    while i < 4 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(borrow as u64);
        out[i] = d;
        borrow = b1 | b2;
        i += 1;
    }
    (out, borrow)
}

/// (a + b) mod p for a, b < p.
const fn add_mod(a: &[u64; 4], b: &[u64; 4]) -> [u64; 4] {
    let (s, carry) = add_limbs(a, b);
    let (t, borrow) = sub_limbs(&s, &P);
    if carry || !borrow {
        t
    } else {
        s
    }
}

/// R mod p = 2^256 − p.
const R: [u64; 4] = [1, 0xffff_ffff, 0, 0x1_0000_0000];

/// R² mod p: R doubled 256 times.
const R2: [u64; 4] = {
    let mut x = R;
    let mut i = 0;
    while i < 256 {
        x = add_mod(&x, &x);
        i += 1;
    }
    x
};

/// a·b·R⁻¹ mod p, in the form that is fastest on the target (see the module's comment).
fn mont_mul(a: &[u64; 4], b: &[u64; 4]) -> [u64; 4] {
    if cfg!(target_arch = "wasm32") {
        mont_mul_32(a, b)
    } else {
        mont_mul_64(a, b)
    }
}

/// a·b·R⁻¹ mod p (CIOS Montgomery product; the multiplier of each step is the low limb, since
/// −p⁻¹ ≡ 1 mod 2^64).
fn mont_mul_64(a: &[u64; 4], b: &[u64; 4]) -> [u64; 4] {
    let mut t = [0u64; 5];
    for &bi in b {
        let mut c = 0u64;
        for j in 0..4 {
            let uv = t[j] as u128 + (a[j] as u128) * (bi as u128) + c as u128;
            t[j] = uv as u64;
            c = (uv >> 64) as u64;
        }
        let uv = t[4] as u128 + c as u128;
        t[4] = uv as u64;
        let top = (uv >> 64) as u64;
        let m = t[0];
        let uv = t[0] as u128 + (m as u128) * (P[0] as u128);
        let mut c = (uv >> 64) as u64;
        for j in 1..4 {
            let uv = t[j] as u128 + (m as u128) * (P[j] as u128) + c as u128;
            t[j - 1] = uv as u64;
            c = (uv >> 64) as u64;
        }
        let uv = t[4] as u128 + c as u128;
        t[3] = uv as u64;
        t[4] = top + (uv >> 64) as u64;
    }
    below_p([t[0], t[1], t[2], t[3]], t[4] != 0)
}

/// A Montgomery product's result (below 2p, `carry` its bit 256) reduced below p: one
/// subtraction at most.
fn below_p(low: [u64; 4], carry: bool) -> [u64; 4] {
    let (d, borrow) = sub_limbs(&low, &P);
    if carry || !borrow {
        d
    } else {
        low
    }
}

/// p in 32-bit words, least significant first.
const P32: [u32; 8] = [
    u32::MAX,
    u32::MAX,
    0,
    u32::MAX,
    u32::MAX,
    u32::MAX,
    u32::MAX,
    0xffff_fffe,
];

fn words(a: &[u64; 4]) -> [u32; 8] {
    let mut w = [0; 8];
    for (i, l) in a.iter().enumerate() {
        w[2 * i] = *l as u32;
        w[2 * i + 1] = (l >> 32) as u32;
    }
    w
}

/// [`mont_mul_64`] in 32-bit words (products of two words fit a u64): the multiplier of each of
/// the eight steps is the low word, since −p⁻¹ ≡ 1 mod 2^32.
fn mont_mul_32(a: &[u64; 4], b: &[u64; 4]) -> [u64; 4] {
    let (a, b) = (words(a), words(b));
    let mut t = [0u32; 9];
    for bi in b {
        let mut c = 0u64;
        for j in 0..8 {
            let uv = t[j] as u64 + a[j] as u64 * bi as u64 + c;
            t[j] = uv as u32;
            c = uv >> 32;
        }
        let uv = t[8] as u64 + c;
        t[8] = uv as u32;
        let top = (uv >> 32) as u32;
        let m = t[0];
        let mut c = (t[0] as u64 + m as u64 * P32[0] as u64) >> 32;
        for j in 1..8 {
            let uv = t[j] as u64 + m as u64 * P32[j] as u64 + c;
            t[j - 1] = uv as u32;
            c = uv >> 32;
        }
        let uv = t[8] as u64 + c;
        t[7] = uv as u32;
        t[8] = top + (uv >> 32) as u32;
    }
    let mut low = [0u64; 4];
    for (i, l) in low.iter_mut().enumerate() {
        *l = t[2 * i] as u64 | (t[2 * i + 1] as u64) << 32;
    }
    below_p(low, t[8] != 0)
}

impl Fe {
    pub(super) const ONE: Fe = Fe(R);
    pub(super) const ZERO: Fe = Fe([0; 4]);

    /// A big-endian integer below p; `None` otherwise.
    pub(super) fn from_bytes(bytes: &FieldBytes) -> Option<Fe> {
        let mut limbs = [0u64; 4];
        for (i, chunk) in bytes.rchunks(8).enumerate() {
            limbs[i] = u64::from_be_bytes(chunk.try_into().ok()?);
        }
        let (_, borrow) = sub_limbs(&limbs, &P);
        borrow.then(|| Fe(mont_mul(&limbs, &R2)))
    }

    /// The big-endian integer.
    pub(super) fn to_bytes(self) -> FieldBytes {
        let plain = mont_mul(&self.0, &[1, 0, 0, 0]);
        let mut out = FieldBytes::default();
        for (i, chunk) in out.rchunks_mut(8).enumerate() {
            chunk.copy_from_slice(&plain[i].to_be_bytes());
        }
        out
    }

    pub(super) fn square(self) -> Fe {
        Fe(mont_mul(&self.0, &self.0))
    }

    pub(super) fn double(self) -> Fe {
        self + self
    }

    /// a⁻¹ = a^(p−2) (Fermat), 0 for 0. Only for the table of G, once per process.
    pub(super) fn invert(self) -> Fe {
        let mut e = P;
        e[0] -= 2;
        let mut r = Fe::ONE;
        for limb in e.iter().rev() {
            for bit in (0..64).rev() {
                r = r.square();
                if limb >> bit & 1 == 1 {
                    r = r * self;
                }
            }
        }
        r
    }

    pub(super) fn is_zero(&self) -> bool {
        self.0 == [0; 4]
    }
}

impl Add for Fe {
    type Output = Fe;
    fn add(self, b: Fe) -> Fe {
        Fe(add_mod(&self.0, &b.0))
    }
}

impl Sub for Fe {
    type Output = Fe;
    fn sub(self, b: Fe) -> Fe {
        let (d, borrow) = sub_limbs(&self.0, &b.0);
        Fe(if borrow { add_limbs(&d, &P).0 } else { d })
    }
}

impl Neg for Fe {
    type Output = Fe;
    fn neg(self) -> Fe {
        Fe::ZERO - self
    }
}

impl Mul for Fe {
    type Output = Fe;
    fn mul(self, b: Fe) -> Fe {
        Fe(mont_mul(&self.0, &b.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sm2::elliptic_curve::ff::PrimeField;
    use sm2::elliptic_curve::hazmat::FieldArithmetic;

    type Theirs = <sm2::Sm2 as FieldArithmetic>::FieldElement;

    /// An element from 32 random bytes, or from the edges (0, 1, p − 1, p − 2).
    fn both(b: [u8; 32], edge: u8) -> (Fe, Theirs) {
        let t = match edge {
            0 => Theirs::ZERO,
            1 => Theirs::ONE,
            2 => -Theirs::ONE,
            3 => -Theirs::ONE.double(),
            _ => Theirs::from_repr(b.into()).unwrap_or(Theirs::ONE),
        };
        (Fe::from_bytes(&t.to_repr()).unwrap(), t)
    }

    #[test]
    fn constants() {
        assert_eq!(Fe::ONE.to_bytes(), Theirs::ONE.to_repr());
        assert_eq!(Fe::ZERO.to_bytes(), Theirs::ZERO.to_repr());
        // p itself and above are refused.
        let mut p = FieldBytes::default();
        for (i, chunk) in p.rchunks_mut(8).enumerate() {
            chunk.copy_from_slice(&P[i].to_be_bytes());
        }
        assert_eq!(Fe::from_bytes(&p), None);
        assert_eq!(Fe::from_bytes(&[0xff; 32].into()), None);
        assert_eq!((-Fe::ONE).to_bytes(), (-Theirs::ONE).to_repr());
    }

    proptest! {
        #[test]
        fn arithmetic_matches_the_crate(a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), ea in 0u8..12, eb in 0u8..12) {
            let ((x, tx), (y, ty)) = (both(a, ea), both(b, eb));
            prop_assert_eq!(x.to_bytes(), tx.to_repr());
            prop_assert_eq!((x * y).to_bytes(), (tx * ty).to_repr());
            prop_assert_eq!((x + y).to_bytes(), (tx + ty).to_repr());
            prop_assert_eq!((x - y).to_bytes(), (tx - ty).to_repr());
            prop_assert_eq!((-x).to_bytes(), (-tx).to_repr());
            prop_assert_eq!(x.square().to_bytes(), tx.square().to_repr());
            prop_assert_eq!(x.double().to_bytes(), tx.double().to_repr());
            prop_assert_eq!(x.is_zero(), bool::from(tx.is_zero()));
            prop_assert_eq!(x == y, tx == ty);
            prop_assert_eq!(x.invert().to_bytes(), Option::<Theirs>::from(tx.invert()).unwrap_or(Theirs::ZERO).to_repr());
            // Both forms of the product, whichever this target uses.
            prop_assert_eq!(mont_mul_32(&x.0, &y.0), mont_mul_64(&x.0, &y.0));
            prop_assert_eq!(mont_mul_32(&x.0, &x.0), mont_mul_64(&x.0, &x.0));
        }
    }
}

//! `[s]G + [t]P` on the SM2 curve for signature verification, in variable time (public data
//! only; signing never comes here).
//!
//! `primeorder`'s points use complete projective formulas (13 field multiplications per
//! doubling) and a constant-time comb; verification does 256 doublings, so this uses Jacobian
//! coordinates with the `a = −3` doubling (dbl-2001-b, 8 multiplications), w-NAF digits, a table
//! of odd multiples of G in affine form built once per process (mixed additions, window 7), and a
//! per-key table of P (window 5). Formulas: the Explicit-Formulas Database (hyperelliptic.org/EFD,
//! `g1p/auto-shortw-jacobian-3`), over the field of [`crate::field`]. Checked against the crate's
//! arithmetic by property tests (below); the whole verification against the crate's in
//! `cyberduty::domain::sign`'s tests.

use crate::field::Fe;
use sm2::elliptic_curve::ff::PrimeField;
use sm2::elliptic_curve::point::AffineCoordinates;
use sm2::{AffinePoint, FieldBytes, Scalar};
use std::sync::OnceLock;

/// A point in Jacobian coordinates (x = X/Z², y = Y/Z³); `None` is the point at infinity.
#[derive(Clone, Copy)]
struct Jac {
    x: Fe,
    y: Fe,
    z: Fe,
}

/// A finite point in affine coordinates.
#[derive(Clone, Copy)]
struct Aff {
    x: Fe,
    y: Fe,
}

const G_WINDOW: usize = 7;
const P_WINDOW: usize = 5;

fn fe(bytes: &FieldBytes) -> Fe {
    Fe::from_bytes(bytes).expect("coordinates and scalars are below p")
}

fn affine(p: &AffinePoint) -> Aff {
    Aff {
        x: fe(&p.x()),
        y: fe(&p.y()),
    }
}

fn is_zero(a: &Fe) -> bool {
    a.is_zero()
}

/// 2·p (dbl-2001-b, a = −3: 3M + 5S).
fn double(p: &Jac) -> Option<Jac> {
    if is_zero(&p.y) {
        return None;
    }
    let delta = p.z.square();
    let gamma = p.y.square();
    let beta = p.x * gamma;
    let alpha = (p.x - delta) * (p.x + delta);
    let alpha = alpha.double() + alpha;
    let beta4 = beta.double().double();
    let x = alpha.square() - beta4.double();
    let z = (p.y + p.z).square() - gamma - delta;
    let gamma2 = gamma.square().double();
    let y = alpha * (beta4 - x) - gamma2.double().double();
    Some(Jac { x, y, z })
}

/// p + q, q affine (madd-2007-bl: 7M + 4S), with the doubling and inverse cases.
fn add_affine(p: Option<Jac>, q: &Aff) -> Option<Jac> {
    let Some(p) = p else {
        return Some(Jac {
            x: q.x,
            y: q.y,
            z: Fe::ONE,
        });
    };
    let z1z1 = p.z.square();
    let u2 = q.x * z1z1;
    let s2 = q.y * p.z * z1z1;
    let h = u2 - p.x;
    let r = (s2 - p.y).double();
    if is_zero(&h) {
        return if is_zero(&r) { double(&p) } else { None };
    }
    let hh = h.square();
    let i = hh.double().double();
    let j = h * i;
    let v = p.x * i;
    let x = r.square() - j - v.double();
    let y = r * (v - x) - (p.y * j).double();
    let z = (p.z + h).square() - z1z1 - hh;
    Some(Jac { x, y, z })
}

/// p + q, both Jacobian (add-2007-bl: 11M + 5S), with the doubling and inverse cases.
fn add(p: Option<Jac>, q: &Jac) -> Option<Jac> {
    let Some(p) = p else { return Some(*q) };
    let z1z1 = p.z.square();
    let z2z2 = q.z.square();
    let u1 = p.x * z2z2;
    let u2 = q.x * z1z1;
    let s1 = p.y * q.z * z2z2;
    let s2 = q.y * p.z * z1z1;
    let h = u2 - u1;
    let r = (s2 - s1).double();
    if is_zero(&h) {
        return if is_zero(&r) { double(&p) } else { None };
    }
    let i = h.double().square();
    let j = h * i;
    let v = u1 * i;
    let x = r.square() - j - v.double();
    let y = r * (v - x) - (s1 * j).double();
    let z = ((p.z + q.z).square() - z1z1 - z2z2) * h;
    Some(Jac { x, y, z })
}

fn neg(p: &Jac) -> Jac {
    Jac { y: -p.y, ..*p }
}

/// The odd multiples P, 3P, …, (2^(w−1) − 1)P; `None` if one is infinity, which cannot happen
/// for a point of prime order n > 2^(w−1).
fn odd_multiples_of(p: &Aff, w: usize) -> Option<Vec<Jac>> {
    let first = Jac {
        x: p.x,
        y: p.y,
        z: Fe::ONE,
    };
    let twice = double(&first)?;
    let mut out = vec![first];
    for _ in 1..1 << (w - 2) {
        let next = add(Some(*out.last()?), &twice)?;
        out.push(next);
    }
    Some(out)
}

/// G, 3G, …, (2^(w−1) − 1)G in affine form (w = G_WINDOW), built on first use with this module's
/// own arithmetic (the crate's generic point code, instantiated here at opt-level 3, was ~10 KB of
/// the wasm).
fn g_table() -> &'static [Aff] {
    static TABLE: OnceLock<Vec<Aff>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let g = affine(&AffinePoint::GENERATOR);
        let odd = odd_multiples_of(&g, G_WINDOW).expect("G has prime order n > 2^6");
        odd.iter()
            .map(|p| {
                let zi = p.z.invert();
                let zi2 = zi.square();
                Aff {
                    x: p.x * zi2,
                    y: p.y * zi2 * zi,
                }
            })
            .collect()
    })
}

/// The width-w NAF of a scalar: digits in (−2^(w−1), 2^(w−1)), odd or 0, least significant
/// first, at most one non-zero in any w consecutive.
fn wnaf(k: &Scalar, w: usize) -> Vec<i32> {
    let bytes = k.to_repr();
    // Little-endian 64-bit limbs with one spare for the carry of a negative digit.
    let mut limbs = [0u64; 5];
    for (i, chunk) in bytes.rchunks(8).enumerate() {
        limbs[i] = u64::from_be_bytes(chunk.try_into().expect("8 bytes"));
    }
    let mut out = Vec::with_capacity(258);
    let (window, half) = (1i64 << w, 1i64 << (w - 1));
    while limbs.iter().any(|&l| l != 0) {
        let mut d = 0i64;
        if limbs[0] & 1 == 1 {
            d = (limbs[0] & (window as u64 - 1)) as i64;
            if d >= half {
                d -= window;
            }
            // limbs −= d (d odd, |d| < 2^(w−1)).
            if d > 0 {
                limbs[0] -= d as u64; // no borrow: the low w bits were d
            } else {
                let mut carry = (-d) as u64;
                for l in limbs.iter_mut() {
                    let (s, c) = l.overflowing_add(carry);
                    *l = s;
                    carry = c as u64;
                    if carry == 0 {
                        break;
                    }
                }
            }
        }
        out.push(d as i32);
        for i in 0..5 {
            limbs[i] = (limbs[i] >> 1) | limbs.get(i + 1).map_or(0, |n| n << 63);
        }
    }
    out
}

/// Whether `[s]G + [t]P` is a finite point whose affine x-coordinate, reduced mod n, is `v`.
pub fn sum_x_is(s: &Scalar, t: &Scalar, p: &AffinePoint, v: &Scalar) -> bool {
    let Some(ptab) = odd_multiples_of(&affine(p), P_WINDOW) else {
        return false;
    };
    let g = g_table();
    let (ds, dt) = (wnaf(s, G_WINDOW), wnaf(t, P_WINDOW));
    let mut q: Option<Jac> = None;
    for i in (0..ds.len().max(dt.len())).rev() {
        q = q.and_then(|q| double(&q));
        if let Some(&d) = ds.get(i).filter(|d| **d != 0) {
            let a = g[(d.unsigned_abs() / 2) as usize];
            q = add_affine(q, &if d > 0 { a } else { Aff { y: -a.y, ..a } });
        }
        if let Some(&d) = dt.get(i).filter(|d| **d != 0) {
            let a = ptab[(d.unsigned_abs() / 2) as usize];
            q = add(q, &if d > 0 { a } else { neg(&a) });
        }
    }
    q.is_some_and(|q| x_is(&q, v))
}

/// Whether the affine x of `q` (X/Z²), an integer below p, reduces to `v` mod n: x is `v` or,
/// when `v + n < p`, `v + n` (p < 2n). Compared as `X = x·Z²`, with no inversion (one field
/// inversion per signature was ~3 % of an aggregation's profile).
fn x_is(q: &Jac, v: &Scalar) -> bool {
    // n as a field element and p − n as bytes, from the scalar field: n = (−1 mod n) + 1.
    static N: OnceLock<(Fe, FieldBytes)> = OnceLock::new();
    let (n, p_minus_n) = N.get_or_init(|| {
        let n = fe(&(-Scalar::ONE).to_repr()) + Fe::ONE;
        (n, (-n).to_bytes())
    });
    let zz = q.z.square();
    let vb = v.to_repr();
    let x = fe(&vb);
    q.x == x * zz || (vb.as_slice() < p_minus_n.as_slice() && q.x == (x + *n) * zz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sm2::elliptic_curve::hazmat::FieldArithmetic;
    use sm2::elliptic_curve::ops::Reduce;
    use sm2::elliptic_curve::Group;
    use sm2::ProjectivePoint;

    fn scalar(b: [u8; 32]) -> Scalar {
        <Scalar as Reduce<FieldBytes>>::reduce(&b.into())
    }

    fn to_affine(p: Option<Jac>) -> Option<(FieldBytes, FieldBytes)> {
        let p = p?;
        let z = <sm2::Sm2 as FieldArithmetic>::FieldElement::from_repr(p.z.to_bytes()).unwrap();
        let zi = fe(&Option::from(z.invert())
            .map(|i: <sm2::Sm2 as FieldArithmetic>::FieldElement| i.to_repr())
            .unwrap());
        Some((
            (p.x * zi.square()).to_bytes(),
            (p.y * zi.square() * zi).to_bytes(),
        ))
    }

    fn small_fe(z: u64) -> Fe {
        let mut b = [0u8; 32];
        b[24..].copy_from_slice(&z.to_be_bytes());
        fe(&b.into())
    }

    fn crate_affine(p: &ProjectivePoint) -> Option<(FieldBytes, FieldBytes)> {
        let a = p.to_affine();
        (!bool::from(p.is_identity())).then(|| (a.x(), a.y()))
    }

    fn jac(p: &ProjectivePoint) -> Jac {
        let a = affine(&p.to_affine());
        Jac {
            x: a.x,
            y: a.y,
            z: Fe::ONE,
        }
    }

    #[test]
    fn the_largest_x_reduces() {
        // x = p − 1 = n + (p − n − 1): reduces to p − n − 1, whose v + n is just below p.
        let x = -Fe::ONE;
        let q = Jac {
            x,
            y: Fe::ONE,
            z: Fe::ONE,
        };
        let n = fe(&(-Scalar::ONE).to_repr()) + Fe::ONE;
        let v = scalar((x - n).to_bytes().into());
        assert!(x_is(&q, &v));
        assert!(!x_is(&q, &(v - Scalar::ONE)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The digits add up to the scalar, are odd or 0, and w consecutive hold one non-zero.
        #[test]
        fn wnaf_digits(k in any::<[u8; 32]>(), w in 2usize..8) {
            let k = scalar(k);
            let digits = wnaf(&k, w);
            let mut sum = Scalar::ZERO;
            for d in digits.iter().rev() {
                sum = sum.double() + if *d >= 0 { Scalar::from(*d as u64) } else { -Scalar::from(d.unsigned_abs() as u64) };
            }
            prop_assert_eq!(sum, k);
            for (i, d) in digits.iter().enumerate() {
                prop_assert!(*d == 0 || (d % 2 != 0 && d.abs() < 1 << (w - 1)));
                if *d != 0 {
                    prop_assert!(digits[i + 1..].iter().take(w - 1).all(|x| *x == 0));
                }
            }
        }

        /// [s]G + [t]P equals the crate's, P = [k]G, including sums that are infinity.
        #[test]
        fn lincomb_matches_the_crate(s in any::<[u8; 32]>(), t in any::<[u8; 32]>(), k in any::<[u8; 32]>(), cancel in any::<bool>()) {
            let (s, t, k) = (scalar(s), scalar(t), scalar(k));
            prop_assume!(!bool::from(k.is_zero()));
            // With `cancel`, s = −t·k: the sum is the point at infinity.
            let s = if cancel { -(t * k) } else { s };
            let g = ProjectivePoint::generator();
            let p = g * k;
            // Its x, reduced mod n, is v (and not v + 1); at infinity nothing is.
            let sum = crate_affine(&(g * s + p * t));
            let v = sum.map_or(Scalar::ONE, |(x, _)| <Scalar as Reduce<FieldBytes>>::reduce(&x));
            prop_assert_eq!(sum_x_is(&s, &t, &p.to_affine(), &v), sum.is_some());
            prop_assert!(!sum_x_is(&s, &t, &p.to_affine(), &(v + Scalar::ONE)));
        }

        /// x-coordinates below n and in [n, p) (which no random point reaches) reduce as integers.
        #[test]
        fn x_coordinates_reduce_mod_n(k in any::<[u8; 15]>(), z in 1u64.., high in any::<bool>()) {
            let mut b = [0u8; 32];
            b[17..].copy_from_slice(&k);
            let small = fe(&b.into());
            let n = fe(&(-Scalar::ONE).to_repr()) + Fe::ONE;
            // x = k or n + k (k < 2^120 < p − n ≈ 0.55 · 2^128), as a Jacobian point with Z = z.
            let x = if high { n + small } else { small };
            let z = small_fe(z);
            let q = Jac { x: x * z.square(), y: Fe::ONE, z };
            let v = scalar(b);
            prop_assert!(x_is(&q, &v));
            prop_assert!(!x_is(&q, &(v + Scalar::ONE)));
        }

        /// The addition formulas against the crate's, including doubling and inverse cases.
        #[test]
        fn additions_match_the_crate(a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), case in 0u8..3) {
            let g = ProjectivePoint::generator();
            let pa = g * scalar(a);
            prop_assume!(!bool::from(pa.is_identity()));
            let pb = match case { 0 => g * scalar(b), 1 => pa, _ => -pa };
            prop_assume!(!bool::from(pb.is_identity()));
            let want = crate_affine(&(pa + pb));
            // A Jacobian point with Z ≠ 1: pa doubled, then halved in the comparison below.
            let scaled = |p: &ProjectivePoint| { let j = jac(p); let z = small_fe(7); Jac { x: j.x * z.square(), y: j.y * z.square() * z, z } };
            prop_assert_eq!(to_affine(add(Some(scaled(&pa)), &scaled(&pb))), want);
            let bb = affine(&pb.to_affine());
            prop_assert_eq!(to_affine(add_affine(Some(scaled(&pa)), &bb)), want);
            prop_assert_eq!(to_affine(double(&scaled(&pa))), crate_affine(&pa.double()));
            prop_assert_eq!(to_affine(add_affine(None, &bb)), crate_affine(&pb));
        }
    }
}

//! Exact arithmetic for scores. Points are held as hundredths (`i64` cents) where the format limits
//! them to two decimals, and sums of earned points as big rationals, so a total is rounded exactly
//! once, at the end, and native and wasm builds agree to the last digit.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use serde::{Serialize, Serializer};

mod ratio;
pub use ratio::{Exact, Integer, OutOfRange};

/// Largest points value (hundredths) a rubric may use: one million points.
pub const MAX_CENTS: i64 = 100_000_000;

pub fn int(n: i64) -> Exact {
    Exact::from_integer(n.into())
}

pub fn from_cents(c: i64) -> Exact {
    Exact::new(c.into(), 100)
}

/// The exact value of the shortest decimal that reads back as `f` (so `0.1` is 1/10, not the
/// binary fraction nearest to it). `None` for NaN and infinities.
pub fn from_f64(f: f64) -> Option<Exact> {
    if !f.is_finite() {
        return None;
    }
    // Rust prints f64 as the shortest round-tripping decimal, never in exponent form.
    let text = format!("{f}");
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mantissa = format!("{whole}{frac}");
    // Up to 38 digits both sides fit i128; longer (1e300, 5e-324) through big integers.
    let small = u32::try_from(frac.len())
        .ok()
        .and_then(|k| 10i128.checked_pow(k))
        .zip(mantissa.parse::<i128>().ok());
    let v = match small {
        Some((scale, m)) => Exact::new(m, scale),
        None => {
            let m: BigInt = mantissa.parse().ok()?;
            Exact::from_big(BigRational::new(
                m,
                num_traits::pow(BigInt::from(10), frac.len()),
            ))
        }
    };
    Some(if neg { -v } else { v })
}

/// Round half up (away from zero for the non-negative values scores take) to hundredths.
pub fn round_cents(x: &Exact) -> i64 {
    // ⌊(200·|n| + d) / 2d⌋ on the reduced numerator and denominator: integer work only, no
    // intermediate rationals (this runs for every figure of every report).
    if let Some((n, d)) = x.small() {
        // |n| < 2^63: 200·|n| + d < 2^71, no overflow.
        let r = half_up_cents_small(n.into(), d.into());
        return i64::try_from(r).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX });
    }
    let r = x.to_big();
    let (n, d) = (r.numer(), r.denom());
    i64::try_from(half_up_cents(n, d)).unwrap_or(if n.is_negative() { i64::MIN } else { i64::MAX })
}

/// `n / d` (d > 0) in hundredths, rounded half up (away from zero): ⌊(200·|n| + d) / 2d⌋ with
/// the sign of `n`. The one rounding formula of the crate (and its i128 twin below).
fn half_up_cents(n: &BigInt, d: &BigInt) -> BigInt {
    let r: BigInt = (n.abs() * 200 + d) / (d * 2);
    if n.is_negative() {
        -r
    } else {
        r
    }
}

/// [`half_up_cents`] for `|n|, d < 2^63`.
fn half_up_cents_small(n: i128, d: i128) -> i128 {
    let r = (n.abs() * 200 + d) / (d * 2);
    if n < 0 {
        -r
    } else {
        r
    }
}

/// `90.00`, `89.99`: for reports.
pub fn fixed2(cents: i64) -> String {
    decimal(cents, 100, false)
}

/// `1.5`, `2`, `0.25`: for sentences.
pub fn trim2(cents: i64) -> String {
    decimal(cents, 100, true)
}

/// `v / scale` (scale a power of ten) in decimal, all digits or trailing zeros (and a bare point)
/// dropped. Written digit by digit into one string: these run for every figure and sentence of
/// every report, and `format!` plus trimming cost three allocations each.
fn decimal(v: i64, scale: u64, trim: bool) -> String {
    let mut s = String::with_capacity(24);
    if v < 0 {
        s.push('-');
    }
    let v = v.unsigned_abs();
    push_digits(&mut s, v / scale, 1);
    let (mut frac, mut width) = (v % scale, scale.ilog10());
    if trim {
        while width > 0 && frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
    }
    if width > 0 {
        s.push('.');
        push_digits(&mut s, frac, width);
    }
    s
}

/// `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(s: &mut String, mut n: u64, width: u32) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < width as usize {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    s.extend(buf[i..].iter().map(|&b| b as char));
}

/// A short human form of any exact value: exact up to four decimals (`1.5`, `0.005`), anything
/// longer rounded to two decimals with 约 in front (`约 0.33`).
pub fn display(x: &Exact) -> String {
    if let Some((n, d)) = x.small() {
        let (n, d) = (i128::from(n), i128::from(d));
        let scaled = n * 10_000;
        let whole = (scaled % d == 0)
            .then(|| i64::try_from(scaled / d).ok())
            .flatten();
        return match whole {
            Some(v) => ten_thousandths(v),
            None => format!(
                "约 {}",
                trim2(i64::try_from(half_up_cents_small(n, d)).unwrap_or(i64::MAX))
            ),
        };
    }
    let r = x.to_big();
    let (n, d) = (r.numer(), r.denom());
    let scaled: BigInt = n * 10_000;
    if (&scaled % d).is_zero() {
        if let Ok(v) = i64::try_from(scaled / d) {
            return ten_thousandths(v);
        }
    }
    let r = half_up_cents(n, d);
    format!("约 {}", trim2(i64::try_from(r).unwrap_or(i64::MAX)))
}

/// `v` ten-thousandths with trailing zeros dropped: `15000` → `1.5`.
fn ten_thousandths(v: i64) -> String {
    decimal(v, 10_000, true)
}

/// `part / whole` as a percentage for sentences (`80%`, `99.5%`, `约 33.33%`).
pub fn percent(part: &Exact, whole: &Exact) -> String {
    if !whole.is_positive() {
        return "—".into();
    }
    // display() depends on the value only, not on how the fraction is written.
    format!("{}%", display(&(part * int(100) / whole)))
}

/// A rounded two-decimal figure that appears in JSON as a plain number (`89.99`, `90`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cents(pub i64);

impl Cents {
    pub fn of(x: &Exact) -> Cents {
        Cents(round_cents(x))
    }
}

impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The nearest f64 to a two-decimal value prints back as that value in every JSON writer.
        s.serialize_f64(self.0 as f64 / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(from_f64(0.1).unwrap(), Exact::new(1.into(), 10.into()));
        assert_eq!(from_f64(-2.25).unwrap(), Exact::new((-9).into(), 4.into()));
        assert_eq!(from_f64(1e21).unwrap(), int(10).pow(21));
        assert!(from_f64(f64::NAN).is_none());
    }

    #[test]
    fn rounding_is_half_up_once() {
        assert_eq!(round_cents(&Exact::new(89995.into(), 1000.into())), 9000);
        assert_eq!(
            round_cents(&Exact::new(899949999.into(), 10000000.into())),
            8999
        );
        assert_eq!(round_cents(&Exact::new(1.into(), 3.into())), 33);
        assert_eq!(round_cents(&Exact::new(2.into(), 3.into())), 67);
        assert_eq!(fixed2(9000), "90.00");
        assert_eq!(trim2(150), "1.5");
        assert_eq!(trim2(200), "2");
        assert_eq!(display(&Exact::new(1.into(), 3.into())), "约 0.33");
        assert_eq!(display(&Exact::new(1.into(), 200.into())), "0.005");
        assert_eq!(
            percent(&Exact::new(199.into(), 200.into()), &int(1)),
            "99.5%"
        );
    }
}

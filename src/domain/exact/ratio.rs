//! [`Exact`]: a rational number held as a reduced `i64` fraction, with `i128` intermediates, and
//! as a big rational only when the reduced result does not fit. Scores, sums and shares almost
//! always fit, so the hot paths (score, classify, every file of an aggregation) never allocate;
//! exactness never depends on input size.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive};
use std::cmp::Ordering;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// An exact rational number. Always normalised: a value whose reduced numerator and denominator
/// fit is held small, so equal values have equal representations and `==` is structural.
#[derive(Clone, PartialEq, Eq)]
pub struct Exact(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    /// `n / d` in lowest terms, `d ≥ 1`, `n ≠ i64::MIN` (so negation never overflows).
    Small(i64, i64),
    /// Only values whose reduced form does not fit `Small`.
    Big(Box<BigRational>),
}
use Repr::{Big, Small};

/// The integer part of an [`Exact`] ([`Exact::to_integer`]): converts to `u64`/`i64` when in range
/// and prints exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integer {
    Small(i128),
    Big(BigInt),
}

/// An [`Integer`] out of the target type's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange;

macro_rules! integer_try_into {
    ($($t:ty),*) => {$(
        impl TryFrom<Integer> for $t {
            type Error = OutOfRange;
            fn try_from(i: Integer) -> Result<$t, OutOfRange> {
                match i {
                    Integer::Small(v) => <$t>::try_from(v).map_err(|_| OutOfRange),
                    Integer::Big(b) => <$t>::try_from(b).map_err(|_| OutOfRange),
                }
            }
        }
    )*};
}
integer_try_into!(u64, i64);

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Integer::Small(v) => write!(f, "{v}"),
            Integer::Big(b) => write!(f, "{b}"),
        }
    }
}

/// Binary (Stein's) gcd, written once for both widths: u64 where the values fit, because u128
/// division and shifts are library calls in wasm.
macro_rules! binary_gcd {
    ($name:ident, $t:ty) => {
        fn $name(mut a: $t, mut b: $t) -> $t {
            if a == 0 || b == 0 {
                return a | b;
            }
            let shift = (a | b).trailing_zeros();
            a >>= a.trailing_zeros();
            loop {
                b >>= b.trailing_zeros();
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                b -= a;
                if b == 0 {
                    return a << shift;
                }
            }
        }
    };
}
binary_gcd!(gcd64, u64);
binary_gcd!(gcd128, u128);

fn gcd(a: u128, b: u128) -> u128 {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => gcd64(a, b) as u128,
        _ => gcd128(a, b),
    }
}

impl Exact {
    pub fn zero() -> Exact {
        Exact(Small(0, 1))
    }

    pub fn one() -> Exact {
        Exact(Small(1, 1))
    }

    pub fn from_integer(n: i128) -> Exact {
        match i64::try_from(n) {
            Ok(v) if v != i64::MIN => Exact(Small(v, 1)),
            _ => Exact(Big(Box::new(BigRational::from_integer(n.into())))),
        }
    }

    /// `n / d`, reduced. Panics when `d` is 0, as division by zero does (callers check first).
    pub fn new(n: i128, d: i128) -> Exact {
        assert!(d != 0, "denominator == 0");
        let neg = (n < 0) != (d < 0);
        let (n, d) = (n.unsigned_abs(), d.unsigned_abs());
        let g = gcd(n, d);
        let (n, d) = match (u64::try_from(n), u64::try_from(d)) {
            // u64 division where it fits: i128 division is a library call in wasm.
            (Ok(n), Ok(d)) => ((n / g as u64) as u128, (d / g as u64) as u128),
            _ => (n / g, d / g),
        };
        match (i64::try_from(n), i64::try_from(d)) {
            (Ok(n), Ok(d)) => Exact(Small(if neg { -n } else { n }, d)),
            _ => {
                let n = BigInt::from(n);
                let r = BigRational::new_raw(if neg { -n } else { n }, BigInt::from(d));
                Exact(Big(Box::new(r)))
            }
        }
    }

    /// Any big rational, held small when it fits.
    pub fn from_big(r: BigRational) -> Exact {
        match (r.numer().to_i64(), r.denom().to_i64()) {
            (Some(n), Some(d)) if n != i64::MIN => Exact(Small(n, d)),
            _ => Exact(Big(Box::new(r))),
        }
    }

    /// The same value as a big rational (what the fallback computes with).
    pub fn to_big(&self) -> BigRational {
        match &self.0 {
            Small(n, d) => BigRational::new_raw((*n).into(), (*d).into()),
            Big(r) => (**r).clone(),
        }
    }

    /// Whether the value is held without allocation (it is whenever its reduced form fits `i64`).
    pub fn is_small(&self) -> bool {
        matches!(self.0, Small(..))
    }

    /// The reduced numerator and denominator when small.
    pub(super) fn small(&self) -> Option<(i64, i64)> {
        match self.0 {
            Small(n, d) => Some((n, d)),
            Big(_) => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.0, Small(0, _))
    }

    pub fn is_positive(&self) -> bool {
        match &self.0 {
            Small(n, _) => *n > 0,
            Big(r) => r.is_positive(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match &self.0 {
            Small(n, _) => *n < 0,
            Big(r) => r.is_negative(),
        }
    }

    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Small(_, d) => *d == 1,
            Big(r) => r.is_integer(),
        }
    }

    /// The integer part, rounded toward zero.
    pub fn to_integer(&self) -> Integer {
        match &self.0 {
            Small(n, d) => Integer::Small((n / d) as i128),
            Big(r) => Integer::Big(r.to_integer()),
        }
    }

    /// The nearest `f64`, as `BigRational::to_f64` gives it (for writing a rubric back).
    pub fn to_f64(&self) -> Option<f64> {
        const EXACT: i64 = 1 << f64::MANTISSA_DIGITS;
        match self.0 {
            // Both exactly representable: one correctly rounded division (num-rational's fast track).
            Small(n, d) if n.abs() <= EXACT && d <= EXACT => Some(n as f64 / d as f64),
            _ => self.to_big().to_f64(),
        }
    }

    /// `xs` as integers over one common denominator (the same order as the values, so sums and
    /// comparisons of them are those of `xs`), each within `i64`: `None` when a value is big or
    /// the common denominator or a scaled value does not fit. A search that adds and compares
    /// millions of these (what-if) then needs no gcd and no division per step.
    pub fn over_common_denominator<'a>(
        xs: impl Iterator<Item = &'a Exact> + Clone,
    ) -> Option<Vec<i128>> {
        let mut common: u64 = 1;
        for x in xs.clone() {
            let (_, d) = x.small()?;
            let d = d as u64;
            common = (common / gcd64(common, d)).checked_mul(d)?;
        }
        xs.map(|x| {
            let (n, d) = x.small()?;
            i64::try_from(n as i128 * (common / d as u64) as i128)
                .ok()
                .map(i128::from)
        })
        .collect()
    }

    pub fn pow(&self, e: u32) -> Exact {
        (0..e).fold(Exact::one(), |acc, _| acc * self)
    }

    fn add_sub(&self, other: &Exact, negate: bool) -> Exact {
        match (&self.0, &other.0) {
            (Small(a, b), Small(c, d)) => {
                let (a, b, c, d) = (*a as i128, *b as i128, *c as i128, *d as i128);
                let c = if negate { -c } else { c };
                if b == d {
                    // The common case (hundredths plus hundredths): no cross products.
                    Exact::new(a + c, b)
                } else {
                    // |a·d|, |c·b| < 2^126: the sum fits i128.
                    Exact::new(a * d + c * b, b * d)
                }
            }
            _ => {
                let (x, y) = (self.to_big(), other.to_big());
                Exact::from_big(if negate { x - y } else { x + y })
            }
        }
    }

    fn mul_div(&self, other: &Exact, divide: bool) -> Exact {
        if divide && other.is_zero() {
            panic!("division by zero");
        }
        match (&self.0, &other.0) {
            (Small(a, b), Small(c, d)) => {
                let (a, b, c, d) = (*a as i128, *b as i128, *c as i128, *d as i128);
                if divide {
                    Exact::new(a * d, b * c)
                } else {
                    Exact::new(a * c, b * d)
                }
            }
            _ => {
                let (x, y) = (self.to_big(), other.to_big());
                Exact::from_big(if divide { x / y } else { x * y })
            }
        }
    }
}

impl Default for Exact {
    fn default() -> Exact {
        Exact::zero()
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        match (&self.0, &other.0) {
            (Small(a, b), Small(c, d)) if b == d => a.cmp(c),
            // Denominators are positive: compare cross products, exact in i128.
            (Small(a, b), Small(c, d)) => (*a as i128 * *d as i128).cmp(&(*c as i128 * *b as i128)),
            _ => self.to_big().cmp(&other.to_big()),
        }
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Exact({self})")
    }
}

/// `3`, `-1/3`: as `BigRational` prints.
impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Small(n, 1) => write!(f, "{n}"),
            Small(n, d) => write!(f, "{n}/{d}"),
            Big(r) => write!(f, "{r}"),
        }
    }
}

impl Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        -&self
    }
}

impl Neg for &Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        match &self.0 {
            Small(n, d) => Exact(Small(-n, *d)),
            Big(r) => Exact::from_big(-(**r).clone()),
        }
    }
}

/// `a op b` for every mix of owned and borrowed operands, and `a op= b`.
macro_rules! binop {
    ($Tr:ident, $m:ident, $TrA:ident, $ma:ident, $body:expr) => {
        impl $Tr<&Exact> for &Exact {
            type Output = Exact;
            fn $m(self, o: &Exact) -> Exact {
                let f: fn(&Exact, &Exact) -> Exact = $body;
                f(self, o)
            }
        }
        impl $Tr<Exact> for &Exact {
            type Output = Exact;
            fn $m(self, o: Exact) -> Exact {
                self.$m(&o)
            }
        }
        impl $Tr<&Exact> for Exact {
            type Output = Exact;
            fn $m(self, o: &Exact) -> Exact {
                (&self).$m(o)
            }
        }
        impl $Tr<Exact> for Exact {
            type Output = Exact;
            fn $m(self, o: Exact) -> Exact {
                (&self).$m(&o)
            }
        }
        impl $TrA<&Exact> for Exact {
            fn $ma(&mut self, o: &Exact) {
                *self = (&*self).$m(o);
            }
        }
        impl $TrA<Exact> for Exact {
            fn $ma(&mut self, o: Exact) {
                *self = (&*self).$m(&o);
            }
        }
    };
}

binop!(Add, add, AddAssign, add_assign, |a, b| a.add_sub(b, false));
binop!(Sub, sub, SubAssign, sub_assign, |a, b| a.add_sub(b, true));
binop!(Mul, mul, MulAssign, mul_assign, |a, b| a.mul_div(b, false));
binop!(Div, div, DivAssign, div_assign, |a, b| a.mul_div(b, true));

impl Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(it: I) -> Exact {
        it.fold(Exact::zero(), |acc, x| acc + x)
    }
}

impl<'a> Sum<&'a Exact> for Exact {
    fn sum<I: Iterator<Item = &'a Exact>>(it: I) -> Exact {
        it.fold(Exact::zero(), |acc, x| acc + x)
    }
}

//! `exact::Exact` (a reduced i64 fraction, a big rational only on overflow) against `BigRational`
//! on random sequences of operations that overflow i64/i128 and come back: the same values, the same
//! order, and the same rounded and printed figures as the big-rational formulas it replaced (kept
//! verbatim below as the oracle).

use cyberduty::domain::exact::{self, Exact};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use proptest::prelude::*;

// ---- the big-rational formulas before the small representation (the oracle) ----

fn old_half_up_cents(n: &BigInt, d: &BigInt) -> BigInt {
    let r: BigInt = (n.abs() * 200 + d) / (d * 2);
    if n.is_negative() {
        -r
    } else {
        r
    }
}

fn old_round_cents(x: &BigRational) -> i64 {
    let (n, d) = (x.numer(), x.denom());
    i64::try_from(old_half_up_cents(n, d)).unwrap_or(if n.is_negative() {
        i64::MIN
    } else {
        i64::MAX
    })
}

fn old_display_fraction(n: &BigInt, d: &BigInt) -> String {
    let scaled: BigInt = n * 10_000;
    if (&scaled % d).is_zero() {
        if let Ok(v) = i64::try_from(scaled / d) {
            let sign = if v < 0 { "-" } else { "" };
            let v = v.unsigned_abs();
            let frac = format!("{:04}", v % 10_000);
            let frac = frac.trim_end_matches('0');
            return if frac.is_empty() {
                format!("{sign}{}", v / 10_000)
            } else {
                format!("{sign}{}.{frac}", v / 10_000)
            };
        }
    }
    let r = old_half_up_cents(n, d);
    format!("约 {}", exact::trim2(i64::try_from(r).unwrap_or(i64::MAX)))
}

fn old_display(x: &BigRational) -> String {
    old_display_fraction(x.numer(), x.denom())
}

fn old_percent(part: &BigRational, whole: &BigRational) -> String {
    if !whole.is_positive() {
        return "—".into();
    }
    let n: BigInt = part.numer() * whole.denom() * 100;
    let d: BigInt = part.denom() * whole.numer();
    format!("{}%", old_display_fraction(&n, &d))
}

fn old_from_f64(f: f64) -> Option<BigRational> {
    if !f.is_finite() {
        return None;
    }
    let text = format!("{f}");
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mantissa: BigInt = format!("{whole}{frac}").parse().ok()?;
    let scale = num_traits::pow(BigInt::from(10), frac.len());
    let v = BigRational::new(mantissa, scale);
    Some(if neg { -v } else { v })
}

// ---- operands ----

/// A value both ways: small fractions, cents, values at the i64 edge, and truly big ones.
fn operand() -> impl Strategy<Value = BigRational> {
    let big = |n: BigInt, d: BigInt| BigRational::new(n, d);
    prop_oneof![
        (-1000i64..1000, 1i64..200).prop_map(move |(n, d)| big(n.into(), d.into())),
        (-100_000_000i64..100_000_000).prop_map(move |c| big(c.into(), 100.into())),
        (any::<i64>(), 1i64..=i64::MAX).prop_map(move |(n, d)| big(n.into(), d.into())),
        (
            any::<i128>(),
            any::<i128>().prop_filter("non-zero", |d| *d != 0)
        )
            .prop_map(move |(n, d)| big(n.into(), d.into())),
        (any::<i64>(), 0u32..200, 1i64..1000)
            .prop_map(move |(n, s, d)| big(BigInt::from(n) << s, d.into())),
        Just(big(i64::MIN.into(), 1.into())),
        Just(big(i64::MAX.into(), 1.into())),
        Just(big(1.into(), i64::MAX.into())),
        Just(big(0.into(), 1.into())),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Neg,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Add),
        Just(Op::Sub),
        Just(Op::Mul),
        Just(Op::Div),
        Just(Op::Neg)
    ]
}

fn fits(r: &BigRational) -> bool {
    r.numer().to_i64().is_some_and(|n| n != i64::MIN) && r.denom().to_i64().is_some()
}

/// Every observation of `e` agrees with the oracle's of `r`.
fn agree(e: &Exact, r: &BigRational) -> Result<(), TestCaseError> {
    prop_assert_eq!(&e.to_big(), r);
    prop_assert_eq!(e.is_small(), fits(r), "small exactly when it fits: {}", r);
    prop_assert_eq!(exact::round_cents(e), old_round_cents(r));
    prop_assert_eq!(exact::display(e), old_display(r));
    prop_assert_eq!(e.is_zero(), r.is_zero());
    prop_assert_eq!(e.is_positive(), r.is_positive());
    prop_assert_eq!(e.is_negative(), r.is_negative());
    prop_assert_eq!(e.is_integer(), r.is_integer());
    prop_assert_eq!(e.to_integer().to_string(), r.to_integer().to_string());
    prop_assert_eq!(
        u64::try_from(e.to_integer()).ok(),
        u64::try_from(r.to_integer()).ok()
    );
    prop_assert_eq!(
        i64::try_from(e.to_integer()).ok(),
        i64::try_from(r.to_integer()).ok()
    );
    prop_assert_eq!(e.to_f64().map(f64::to_bits), r.to_f64().map(f64::to_bits));
    prop_assert_eq!(e.to_string(), r.to_string());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn sequences_agree_with_big_rationals(
        start in operand(),
        steps in prop::collection::vec((op(), operand()), 1..12),
    ) {
        let (mut e, mut r) = (Exact::from_big(start.clone()), start);
        agree(&e, &r)?;
        for (op, x) in steps {
            let ex = Exact::from_big(x.clone());
            agree(&ex, &x)?;
            prop_assert_eq!(e.cmp(&ex), r.cmp(&x));
            prop_assert_eq!(e == ex, r == x);
            prop_assert_eq!(exact::percent(&e, &ex), old_percent(&r, &x));
            match op {
                Op::Add => { e = &e + &ex; r = &r + &x; }
                Op::Sub => { e -= ex; r = &r - &x; }
                Op::Mul => { e *= &ex; r = &r * &x; }
                Op::Div if x.is_zero() => continue,
                Op::Div => { e = &e / ex; r = &r / &x; }
                Op::Neg => { e = -e; r = -r; }
            }
            agree(&e, &r)?;
        }
    }

    #[test]
    fn constructors_agree(n in any::<i128>(), d in any::<i128>(), c in any::<i64>()) {
        agree(&Exact::from_integer(n), &BigRational::from_integer(n.into()))?;
        agree(&exact::from_cents(c), &BigRational::new(c.into(), 100.into()))?;
        if d != 0 {
            agree(&Exact::new(n, d), &BigRational::new(n.into(), d.into()))?;
        }
    }

    #[test]
    fn decimals_read_as_before(f in prop_oneof![
        any::<f64>(),
        (-1_000_000_000i64..1_000_000_000, 0i32..12).prop_map(|(m, e)| m as f64 / 10f64.powi(e)),
    ]) {
        match (exact::from_f64(f), old_from_f64(f)) {
            (Some(e), Some(r)) => agree(&e, &r)?,
            (e, r) => prop_assert_eq!(e.is_none(), r.is_none()),
        }
    }

    #[test]
    fn figures_print_as_before(c in prop_oneof![any::<i64>(), -100_000i64..100_000]) {
        let old = {
            let sign = if c < 0 { "-" } else { "" };
            let u = c.unsigned_abs();
            format!("{sign}{}.{:02}", u / 100, u % 100)
        };
        prop_assert_eq!(exact::fixed2(c), old.clone());
        prop_assert_eq!(exact::trim2(c), old.trim_end_matches('0').trim_end_matches('.'));
    }

    #[test]
    fn sums_agree(xs in prop::collection::vec(operand(), 0..20)) {
        let e: Exact = xs.iter().map(|x| Exact::from_big(x.clone())).sum();
        let r = xs.iter().fold(BigRational::zero(), |a, x| a + x);
        agree(&e, &r)?;
    }
}

#[test]
fn overflow_comes_back_small() {
    let max = exact::int(i64::MAX);
    let square = &max * &max;
    assert!(!square.is_small());
    let back = &square / &max;
    assert!(back.is_small());
    assert_eq!(back, max);
    // A sum past i64 and back down.
    let over = &max + &exact::int(1);
    assert!(!over.is_small());
    assert_eq!(over - exact::int(2), exact::int(i64::MAX - 1));
    // i64::MIN is held big, so negation never overflows.
    assert!(!exact::int(i64::MIN).is_small());
    assert_eq!(-exact::int(i64::MIN), &max + &exact::int(1));
    // Huge and tiny decimals stay exact.
    assert_eq!(
        exact::from_f64(1e300)
            .unwrap()
            .to_integer()
            .to_string()
            .len(),
        301
    );
    assert!(exact::from_f64(5e-324).unwrap().is_positive());
}

//! Elementary facts as conditions: each builder reads one fact and states in Chinese what is known;
//! the atom remembers the input field (for `missing`), the sentence names no field or key.

use crate::domain::assessment::Level;
use crate::domain::exact::{self, Exact};
use crate::domain::incident::model::{field_label, Target};
use crate::domain::incident::tri::{Cond, Tri};
use std::borrow::Cow;

/// An atom's sentence, kept as its makings until a reason shows it: a classification builds every
/// tier of every grading row (~80 atoms) and shows a few; writing them all was ~8 % of the work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Written(String),
    Fixed(&'static str),
    /// `未知:a 或 b`, naming the atom's own fields.
    Unknown,
    /// `what value unit,达到 min unit以上`, or `,不足 min unit` when not `met`.
    AtLeast {
        what: &'static str,
        value: Exact,
        min: Exact,
        unit: &'static str,
        met: bool,
    },
    /// `涉事对象为 …`.
    TargetIs(Target),
}

impl Text {
    /// The sentence, for an atom reading `fields`.
    pub fn render(&self, fields: &[&'static str]) -> Cow<'_, str> {
        match self {
            Text::Written(s) => Cow::Borrowed(s),
            Text::Fixed(s) => Cow::Borrowed(s),
            Text::Unknown => {
                let mut text = String::from("未知:");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        text.push_str(" 或 ");
                    }
                    text.push_str(field_label(f));
                }
                Cow::Owned(text)
            }
            Text::AtLeast {
                what,
                value,
                min,
                unit,
                met,
            } => {
                let (verb, tail) = if *met {
                    (",达到 ", "以上")
                } else {
                    (",不足 ", "")
                };
                let (value, min) = (num(value), num(min));
                Cow::Owned([what, " ", &value, " ", unit, verb, &min, " ", unit, tail].concat())
            }
            Text::TargetIs(t) => Cow::Owned(["涉事对象为", t.name_zh()].concat()),
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Written(s)
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text::Fixed(s)
    }
}

/// `1,234,567` or `5.9` (two decimals at most; anything finer is shown as 约 …).
pub fn num(x: &Exact) -> String {
    if x.is_integer() {
        return group(&x.to_integer().to_string());
    }
    // Every threshold and measure of a classification passes here: one string, no copies.
    let s = exact::display(x);
    let (prefix, digits) = s
        .strip_prefix("约 ")
        .map_or(("", s.as_str()), |r| ("约 ", r));
    let (whole, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(s.len() + whole.len() / 3);
    out.push_str(prefix);
    push_grouped(&mut out, whole);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

pub fn count(n: u64) -> String {
    group(&n.to_string())
}

fn group(whole: &str) -> String {
    let mut out = String::with_capacity(whole.len() + whole.len() / 3);
    push_grouped(&mut out, whole);
    out
}

/// `-1234567` → `-1,234,567`, appended to `out`.
fn push_grouped(out: &mut String, whole: &str) {
    let digits = match whole.strip_prefix('-') {
        Some(d) => {
            out.push('-');
            d
        }
        None => whole,
    };
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

/// `未知:a 或 b` (every unknown measure gives one per tier of its row).
pub fn unknown(fields: &[&'static str]) -> Cond {
    Cond::atom(Tri::Unknown, fields, Text::Unknown)
}

/// A yes/no fact with the sentence to show for each answer.
pub fn flag(v: Option<bool>, field: &'static str, yes: &'static str, no: &'static str) -> Cond {
    match v {
        Some(true) => Cond::atom(Tri::True, &[field], yes),
        Some(false) => Cond::atom(Tri::False, &[field], no),
        None => unknown(&[field]),
    }
}

/// `target ∈ set`; `desc` names the set for the negative sentence.
pub fn target_in(target: Option<Target>, set: &[Target], desc: &str) -> Cond {
    match target {
        Some(t) if set.contains(&t) => Cond::atom(Tri::True, &["target"], Text::TargetIs(t)),
        Some(t) => Cond::atom(
            Tri::False,
            &["target"],
            ["涉事对象为", t.name_zh(), ",不属于", desc].concat(),
        ),
        None => unknown(&["target"]),
    }
}

pub fn level_key(l: Level) -> &'static str {
    Level::ALL
        .iter()
        .find(|(_, x, _)| *x == l)
        .map_or("", |(k, _, _)| *k)
}

/// `unit.level ∈ set`; `desc` names the set (e.g. 地市级以上).
pub fn level_in(level: Option<Level>, set: &[Level], desc: &str) -> Cond {
    match level {
        Some(l) => {
            let (value, verb) = if set.contains(&l) {
                (Tri::True, ",属于")
            } else {
                (Tri::False, ",不属于")
            };
            let text = ["单位层级为", l.name_zh(), verb, desc].concat();
            Cond::atom(value, &["unit.level"], text)
        }
        None => unknown(&["unit.level"]),
    }
}

/// A measured amount and how it reads: written once when it is compared with several lines.
pub struct Shown<'a> {
    pub value: &'a Exact,
    pub text: String,
}

pub fn shown(value: Option<&Exact>) -> Option<Shown<'_>> {
    value.map(|value| Shown {
        value,
        text: num(value),
    })
}

/// `value ≥ min` for an exact amount; `what` names the measure, `unit` its unit.
pub fn at_least(
    value: Option<&Exact>,
    field: &'static str,
    min: Exact,
    what: &'static str,
    unit: &'static str,
) -> Cond {
    let Some(v) = value else {
        return unknown(&[field]);
    };
    let met = *v >= min;
    let text = Text::AtLeast {
        what,
        value: v.clone(),
        min,
        unit,
        met,
    };
    Cond::atom(if met { Tri::True } else { Tri::False }, &[field], text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exact::int;

    #[test]
    fn an_unknown_names_its_facts() {
        let Cond::Atom(a) = unknown(&["facts.outage_hours", "facts.outage_scope"]) else {
            panic!("an atom")
        };
        assert_eq!(
            a.text(),
            "未知:瘫痪、无法访问或中断运行的时长 或 中断范围是整体还是主要功能"
        );
        assert_eq!(a.value, Tri::Unknown);
        assert_eq!(*a.fields, ["facts.outage_hours", "facts.outage_scope"]);
        let Cond::Atom(a) = unknown(&["facts.outage_hours"]) else {
            panic!("an atom")
        };
        assert_eq!(a.text(), "未知:瘫痪、无法访问或中断运行的时长");
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(num(&int(20_000_000)), "20,000,000");
        assert_eq!(num(&int(999)), "999");
        assert_eq!(num(&int(1000)), "1,000");
        assert_eq!(num(&Exact::new(59.into(), 10.into())), "5.9");
        assert_eq!(num(&Exact::new(1234567.into(), 100.into())), "12,345.67");
        assert_eq!(num(&Exact::new(1.into(), 3.into())), "约 0.33");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(count(0), "0");
        assert_eq!(num(&int(-1234)), "-1,234");
        assert_eq!(num(&Exact::new(-12345, 10)), "-1,234.5");
        assert_eq!(num(&int(10).pow(40)).len(), 41 + 13);
        assert_eq!(
            num(&int(10).pow(30)),
            "1,000,000,000,000,000,000,000,000,000,000"
        );
    }
}

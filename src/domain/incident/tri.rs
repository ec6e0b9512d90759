//! Three-valued (Kleene) logic over facts that may be unknown, and small condition trees whose
//! leaves remember which input fields they read, so a verdict can name the facts that decided it
//! and the unknown facts that could still change it.

use crate::domain::incident::atoms::Text;
use serde::Serialize;
use std::borrow::Cow;

/// A truth value that may be unknown (strong Kleene logic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    /// `None` (absent or `null` in the input) is unknown.
    pub fn from_opt(b: Option<bool>) -> Tri {
        match b {
            Some(true) => Tri::True,
            Some(false) => Tri::False,
            None => Tri::Unknown,
        }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }

    /// AND: false if any part is false, true if all are true, otherwise unknown. Empty is true.
    pub fn all(parts: &[Tri]) -> Tri {
        Tri::all_of(parts.iter().copied())
    }

    /// OR: true if any part is true, false if all are false, otherwise unknown. Empty is false.
    pub fn any(parts: &[Tri]) -> Tri {
        Tri::any_of(parts.iter().copied())
    }

    /// [`Tri::all`] of values computed one by one, stopping at the first false.
    pub fn all_of(parts: impl IntoIterator<Item = Tri>) -> Tri {
        Tri::fold(parts, Tri::False, Tri::True)
    }

    /// [`Tri::any`] of values computed one by one, stopping at the first true.
    pub fn any_of(parts: impl IntoIterator<Item = Tri>) -> Tri {
        Tri::fold(parts, Tri::True, Tri::False)
    }

    /// `decisive` as soon as a part is; else unknown if a part is; else `otherwise` (also when
    /// empty). Lazy, so a condition tree is evaluated without collecting its parts' values.
    fn fold(parts: impl IntoIterator<Item = Tri>, decisive: Tri, otherwise: Tri) -> Tri {
        let mut out = otherwise;
        for p in parts {
            match p {
                v if v == decisive => return decisive,
                Tri::Unknown => out = Tri::Unknown,
                _ => {}
            }
        }
        out
    }

    pub fn status(self) -> Status {
        match self {
            Tri::True => Status::Met,
            Tri::False => Status::NotMet,
            Tri::Unknown => Status::Undetermined,
        }
    }
}

/// A verdict as it appears in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    Undetermined,
}

impl Status {
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::Met => "符合",
            Status::NotMet => "不符合",
            Status::Undetermined => "待定",
        }
    }

    pub fn tri(self) -> Tri {
        match self {
            Status::Met => Tri::True,
            Status::NotMet => Tri::False,
            Status::Undetermined => Tri::Unknown,
        }
    }
}

/// One elementary fact as a condition reads it: its truth value, the input fields it was read from
/// (listed as missing when it is unknown), and a Chinese sentence stating what is known ([`Atom::text`],
/// written only when asked for).
#[derive(Debug, Clone)]
pub struct Atom {
    pub value: Tri,
    pub fields: Fields,
    pub text: Text,
    /// Ids of the readings or interpretations (of the policy) this sentence relies on.
    pub basis: Vec<String>,
}

/// The input fields an atom reads: one or two nearly always, kept in place (a classification
/// builds ~80 atoms; a vector each was ~70 of its ~500 allocations).
#[derive(Debug, Clone)]
pub enum Fields {
    Few([&'static str; 2], usize),
    Many(Vec<&'static str>),
}

impl Fields {
    pub fn new(fields: &[&'static str]) -> Fields {
        match *fields {
            [] => Fields::Few(["", ""], 0),
            [a] => Fields::Few([a, ""], 1),
            [a, b] => Fields::Few([a, b], 2),
            _ => Fields::Many(fields.to_vec()),
        }
    }
}

impl std::ops::Deref for Fields {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        match self {
            Fields::Few(f, n) => &f[..*n],
            Fields::Many(f) => f,
        }
    }
}

impl Atom {
    /// The sentence stating what is known.
    pub fn text(&self) -> Cow<'_, str> {
        self.text.render(&self.fields)
    }
}

/// Two atoms are the same fact when they read the same fields to the same value and say the same:
/// the sentences are compared as written (unwritten ones with the same makings are the same).
impl PartialEq for Atom {
    fn eq(&self, o: &Atom) -> bool {
        self.value == o.value
            && *self.fields == *o.fields
            && self.basis == o.basis
            && (self.text == o.text || self.text() == o.text())
    }
}

impl Eq for Atom {}

/// A condition over atoms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    Atom(Atom),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

impl Cond {
    pub fn atom(value: Tri, fields: &[&'static str], text: impl Into<Text>) -> Cond {
        Cond::Atom(Atom {
            value,
            fields: Fields::new(fields),
            text: text.into(),
            basis: Vec::new(),
        })
    }

    /// Mark every atom as relying on reading or interpretation `id`, appending `suffix` to its
    /// sentence.
    pub fn with_basis(mut self, id: &str, suffix: &str) -> Cond {
        self.each_atom(&mut |a| {
            a.basis.push(id.to_string());
            if !suffix.is_empty() {
                a.text = Text::Written([&a.text(), suffix].concat());
            }
        });
        self
    }

    fn any_atom(&self, f: &dyn Fn(&Atom) -> bool) -> bool {
        match self {
            Cond::Atom(a) => f(a),
            Cond::Not(c) => c.any_atom(f),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(|c| c.any_atom(f)),
        }
    }

    fn each_atom(&mut self, f: &mut dyn FnMut(&mut Atom)) {
        match self {
            Cond::Atom(a) => f(a),
            Cond::Not(c) => c.each_atom(f),
            Cond::All(cs) | Cond::Any(cs) => cs.iter_mut().for_each(|c| c.each_atom(f)),
        }
    }

    /// Facts that contradict each other or the timeline: every atom reading one becomes unknown
    /// with the conflict as its sentence, so neither side decides.
    pub fn with_conflicts(mut self, conflicts: &[(&'static str, String)]) -> Cond {
        self.apply_conflicts(conflicts);
        self
    }

    /// [`Cond::with_conflicts`] in place.
    pub fn apply_conflicts(&mut self, conflicts: &[(&'static str, String)]) {
        self.each_atom(&mut |a| {
            if let Some((_, why)) = conflicts.iter().find(|(f, _)| a.fields.contains(f)) {
                a.value = Tri::Unknown;
                a.text = Text::Written(why.clone());
                a.basis.clear();
            }
        });
    }

    /// The reading and interpretation ids of the atoms that decide or could decide the value.
    pub fn basis(&self) -> Vec<String> {
        // Most trees rely on no reading at all: then there is nothing to look for among the
        // deciding and open atoms (every grading tier and every trigger asks).
        if !self.any_atom(&|a| !a.basis.is_empty()) {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for a in self.deciding().into_iter().chain(self.open()) {
            for b in &a.basis {
                if !out.contains(b) {
                    out.push(b.clone());
                }
            }
        }
        out
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(c: Cond) -> Cond {
        Cond::Not(Box::new(c))
    }

    /// [`Tri::all_of`] / [`Tri::any_of`] of the parts, evaluated lazily: the verdicts and their
    /// explanations evaluate every node of every tree several times per classification.
    pub fn eval(&self) -> Tri {
        match self {
            Cond::Atom(a) => a.value,
            Cond::Not(c) => c.eval().not(),
            Cond::All(cs) => Tri::all_of(cs.iter().map(Cond::eval)),
            Cond::Any(cs) => Tri::any_of(cs.iter().map(Cond::eval)),
        }
    }

    /// The known atoms that explain the value: for a true AND every part, for a false AND the
    /// false parts, for a true OR the true parts, for a false OR every part; for an unknown
    /// result, the known atoms of every part (what has been established so far).
    pub fn deciding(&self) -> Vec<&Atom> {
        let mut out = Vec::new();
        self.collect_deciding(self.eval(), &mut out);
        out
    }

    /// `v` is this node's value, which the caller has just computed (so the node does not compute
    /// it again; its parts are still evaluated once more each, by this call).
    fn collect_deciding<'a>(&'a self, v: Tri, out: &mut Vec<&'a Atom>) {
        match self {
            Cond::Atom(a) => {
                if a.value != Tri::Unknown && !out.contains(&a) {
                    out.push(a);
                }
            }
            Cond::Not(c) => c.collect_deciding(v.not(), out),
            Cond::All(cs) | Cond::Any(cs) => {
                // The value of a part that alone decides this node: false for AND, true for OR.
                let decisive = if matches!(self, Cond::All(_)) {
                    Tri::False
                } else {
                    Tri::True
                };
                for c in cs {
                    let cv = c.eval();
                    if v != decisive || cv == decisive {
                        c.collect_deciding(cv, out);
                    }
                }
            }
        }
    }

    /// Unknown atoms whose value could change the result: none when the result is known (strong
    /// Kleene logic is sound: no assignment of the unknowns can change a known value); otherwise
    /// the unknown atoms under unknown parts.
    pub fn open(&self) -> Vec<&Atom> {
        let mut out = Vec::new();
        if self.eval() == Tri::Unknown {
            self.collect_open(&mut out);
        }
        out
    }

    /// Called for an unknown node only (its caller evaluated it).
    fn collect_open<'a>(&'a self, out: &mut Vec<&'a Atom>) {
        match self {
            Cond::Atom(a) => {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
            // ¬ of an unknown is unknown.
            Cond::Not(c) => c.collect_open(out),
            Cond::All(cs) | Cond::Any(cs) => cs
                .iter()
                .filter(|c| c.eval() == Tri::Unknown)
                .for_each(|c| c.collect_open(out)),
        }
    }

    /// The input fields of [`Cond::open`], each once, in order of first appearance.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for a in self.open() {
            for f in a.fields.iter() {
                if !out.contains(f) {
                    out.push(f);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Tri::{False as F, True as T, Unknown as U};
    use super::*;

    #[test]
    fn kleene_truth_tables() {
        assert_eq!(T.not(), F);
        assert_eq!(F.not(), T);
        assert_eq!(U.not(), U);
        // AND
        assert_eq!(Tri::all(&[T, T]), T);
        assert_eq!(Tri::all(&[T, U]), U);
        assert_eq!(Tri::all(&[U, F]), F);
        assert_eq!(Tri::all(&[F, T]), F);
        assert_eq!(Tri::all(&[U, U]), U);
        assert_eq!(Tri::all(&[]), T);
        // OR
        assert_eq!(Tri::any(&[F, F]), F);
        assert_eq!(Tri::any(&[F, U]), U);
        assert_eq!(Tri::any(&[U, T]), T);
        assert_eq!(Tri::any(&[T, F]), T);
        assert_eq!(Tri::any(&[U, U]), U);
        assert_eq!(Tri::any(&[]), F);
        // De Morgan holds in strong Kleene logic.
        for a in [T, F, U] {
            for b in [T, F, U] {
                assert_eq!(Tri::all(&[a, b]).not(), Tri::any(&[a.not(), b.not()]));
            }
        }
        assert_eq!(Tri::from_opt(None), U);
        assert_eq!(Tri::from_opt(Some(false)), F);
        assert_eq!(U.status(), Status::Undetermined);
        assert_eq!(Status::NotMet.tri(), F);
    }

    fn a(v: Tri, f: &'static str) -> Cond {
        Cond::atom(v, &[f], f)
    }

    #[test]
    fn basis_names_the_readings_of_deciding_and_open_atoms_only() {
        // No atom relies on a reading: none, whatever decides.
        let c = Cond::Any(vec![a(T, "p"), a(U, "q")]);
        assert!(c.basis().is_empty());
        // (p ∨ q) ∧ r with p true (reading R1), q false (R2), r unknown (R3): p decides its OR,
        // r is open; q neither decides nor could.
        let c = Cond::All(vec![
            Cond::Any(vec![
                a(T, "p").with_basis("R1", "(按解释)"),
                a(F, "q").with_basis("R2", ""),
            ]),
            a(U, "r").with_basis("R3", ""),
        ]);
        assert_eq!(c.eval(), U);
        assert_eq!(c.basis(), ["R1", "R3"]);
        let texts: Vec<_> = c.deciding().iter().map(|a| a.text()).collect();
        assert_eq!(texts, ["p(按解释)"]);
        // An AND decided by a false part without a reading: the open part's reading is moot.
        let c = Cond::All(vec![a(F, "x"), a(U, "r").with_basis("R3", "")]);
        assert_eq!(c.eval(), F);
        assert!(c.basis().is_empty());
    }

    #[test]
    fn fields_read_back_as_given() {
        let all = ["a", "b", "c"];
        for n in 0..=all.len() {
            let f = Fields::new(&all[..n]);
            assert_eq!(*f, all[..n]);
            assert_eq!(matches!(f, Fields::Many(_)), n > 2);
        }
    }

    #[test]
    fn a_tree_evaluates_as_the_truth_tables() {
        let vals = [T, F, U];
        let mut parts: Vec<Vec<Tri>> = vec![vec![]];
        for n in 1..=3u32 {
            for k in 0..3usize.pow(n) {
                parts.push((0..n).map(|i| vals[k / 3usize.pow(i) % 3]).collect());
            }
        }
        for ps in &parts {
            let atoms = || ps.iter().map(|&v| a(v, "x")).collect::<Vec<_>>();
            assert_eq!(Cond::All(atoms()).eval(), Tri::all(ps), "all {ps:?}");
            assert_eq!(Cond::Any(atoms()).eval(), Tri::any(ps), "any {ps:?}");
        }
        assert_eq!(parts.len(), 1 + 3 + 9 + 27);
    }

    #[test]
    fn missing_lists_only_facts_that_could_change_the_result() {
        // (x ∧ y) ∨ z with x unknown, y false, z unknown: only z matters.
        let c = Cond::Any(vec![Cond::All(vec![a(U, "x"), a(F, "y")]), a(U, "z")]);
        assert_eq!(c.eval(), U);
        assert_eq!(c.missing(), vec!["z"]);
        let texts: Vec<_> = c.deciding().iter().map(|a| a.text()).collect();
        assert_eq!(texts, vec!["y"]);

        // A known result has nothing missing, even with unknown atoms inside.
        let c = Cond::All(vec![a(U, "x"), a(F, "y")]);
        assert_eq!(c.eval(), F);
        assert!(c.missing().is_empty());
        assert_eq!(c.deciding().len(), 1);

        // ¬(r ∧ h): reported but not handled → true, decided by h alone.
        let c = Cond::not(Cond::All(vec![a(T, "r"), a(F, "h")]));
        assert_eq!(c.eval(), T);
        let texts: Vec<_> = c.deciding().iter().map(|a| a.text()).collect();
        assert_eq!(texts, vec!["h"]);

        // A true OR is explained by its true parts only.
        let c = Cond::Any(vec![a(F, "p"), a(T, "q"), a(U, "s")]);
        assert_eq!(c.eval(), T);
        let texts: Vec<_> = c.deciding().iter().map(|a| a.text()).collect();
        assert_eq!(texts, vec!["q"]);
        assert!(c.missing().is_empty());

        // Unknown AND: established parts explain, unknown parts are missing, each field once.
        let c = Cond::All(vec![a(T, "p"), a(U, "q"), Cond::not(a(U, "q"))]);
        assert_eq!(c.eval(), U);
        assert_eq!(c.missing(), vec!["q"]);
        assert_eq!(c.deciding().len(), 1);
    }
}

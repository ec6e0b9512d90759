//! The Article 8 veto: what a period's classified incidents say about the rubric's
//! `auto: article8` vetoes (see the module documentation of [`super`] for the rule).

use super::{AutoVeto, Decision};
use crate::domain::assessment::{Answer, Assessment, Value};
use crate::domain::error::Result;
use crate::domain::incident::situations::meets;
use crate::domain::json::{self, index_path, Json};
use crate::domain::rubric::{Auto, Rubric};

/// The Article 8 situations across a period's classified incidents.
#[derive(Debug, Default)]
pub(super) struct Situations {
    pub incidents: usize,
    /// (incident number from 1, item 1–7) of every met situation.
    pub met: Vec<(usize, u64)>,
    /// Incidents with at least one undetermined situation.
    pub undetermined: usize,
}

impl Situations {
    /// Read `triggers[].{item,status}` of each classification (`cyberduty.classification/1`).
    pub fn of<'a>(classifications: impl Iterator<Item = &'a Json>) -> Result<Situations> {
        let mut s = Situations::default();
        for (i, c) in classifications.enumerate() {
            s.incidents += 1;
            let path = format!("$.incidents[{i}].classification");
            let mut undetermined = false;
            let triggers = json::fields(c, &path)?.req_arr("triggers")?;
            for (j, t) in triggers.iter().enumerate() {
                let t = json::fields(t, &index_path(&format!("{path}.triggers"), j))?;
                match t.req_str("status")? {
                    "met" => {
                        let item = json::count(t.req("item")?, &t.at("item"))?;
                        s.met.push((i + 1, item));
                    }
                    "undetermined" => undetermined = true,
                    _ => {}
                }
            }
            s.undetermined += usize::from(undetermined);
        }
        Ok(s)
    }

    /// `第 1 个事件符合第八条第(一)、(三)项;第 2 个事件符合第八条第(三)项`.
    pub fn describe_met(&self) -> String {
        let mut parts: Vec<(usize, Vec<u64>)> = Vec::new();
        for &(n, item) in &self.met {
            match parts.last_mut() {
                Some((m, items)) if *m == n => items.push(item),
                _ => parts.push((n, vec![item])),
            }
        }
        parts
            .iter()
            .map(|(n, items)| format!("第 {n} 个事件{}", meets(items)))
            .collect::<Vec<_>>()
            .join(";")
    }
}

pub(super) fn apply_article8(rubric: &Rubric, a: &mut Assessment, s: &Situations) -> Vec<AutoVeto> {
    let mut out = Vec::new();
    for v in rubric
        .vetoes
        .iter()
        .filter(|v| v.auto == Some(Auto::Article8))
    {
        let given = a.answers.get(&v.id).and_then(|ans| match ans.value {
            Value::Triggered { triggered } => Some(triggered),
            _ => None,
        });
        let (decision, triggered, message) = if !s.met.is_empty() {
            let why = s.describe_met();
            match given {
                Some(true) => (
                    Decision::KeptAnswer,
                    Some(true),
                    format!("自评表已填写触发,与事件研判一致({why})"),
                ),
                Some(false) => {
                    let note = format!("由事件研判自动判定为触发:{why}(自评表原填写为未触发)");
                    set(a, &v.id, true, &note);
                    (Decision::OverrodeClear, Some(true), note)
                }
                None => {
                    let note = format!("由事件研判自动判定为触发:{why}");
                    set(a, &v.id, true, &note);
                    (Decision::SetTriggered, Some(true), note)
                }
            }
        } else if let Some(t) = given {
            let state = if t { "触发" } else { "未触发" };
            (
                Decision::KeptAnswer,
                Some(t),
                format!("所附事件未认定第八条情形,保留自评表填写的“{state}”"),
            )
        } else if s.incidents > 0 && s.undetermined == 0 {
            let note = format!(
                "由事件研判自动判定为未触发:所附 {} 个事件均不构成第八条所列情形",
                s.incidents
            );
            set(a, &v.id, false, &note);
            (Decision::SetClear, Some(false), note)
        } else if s.incidents > 0 {
            (
                Decision::LeftUnanswered,
                None,
                format!(
                    "有 {} 个事件的第八条情形尚待认定,请人工核实后在自评表中填写此否决项",
                    s.undetermined
                ),
            )
        } else {
            (
                Decision::LeftUnanswered,
                None,
                "未附事件文件,请在自评表中填写此否决项(未发生事件时填写未触发)".to_string(),
            )
        };
        out.push(AutoVeto {
            veto: v.id.clone(),
            decision,
            triggered,
            message,
        });
    }
    out
}

fn set(a: &mut Assessment, id: &str, triggered: bool, note: &str) {
    let evidence = a
        .answers
        .remove(id)
        .map(|ans| ans.evidence)
        .unwrap_or_default();
    a.answers.insert(
        id.to_string(),
        Answer {
            value: Value::Triggered { triggered },
            note: Some(note.to_string()),
            evidence,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn met_situations_are_described_per_incident() {
        let s = Situations {
            incidents: 3,
            met: vec![(1, 1), (1, 3), (3, 3)],
            undetermined: 0,
        };
        assert_eq!(
            s.describe_met(),
            "第 1 个事件符合第八条第(一)、(三)项;第 3 个事件符合第八条第(三)项"
        );
    }
}

//! A small declarative layer over lexopt: each command names the options it takes, and every usage
//! mistake becomes one Chinese sentence (exit code 2).

use std::ffi::OsString;

pub struct Spec {
    /// Options that take a value (`--rubric FILE`); may be repeated.
    pub values: &'static [&'static str],
    /// Options that take none (`--json`).
    pub flags: &'static [&'static str],
}

#[derive(Default)]
pub struct Parsed {
    pub positional: Vec<String>,
    values: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
}

impl Parsed {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
    /// Every value of a repeated option, in the order given.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

pub fn parse(args: Vec<OsString>, spec: &Spec) -> Result<Parsed, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut out = Parsed::default();
    loop {
        let arg = p.next().map_err(explain)?;
        let Some(arg) = arg else { break };
        match arg {
            Value(v) => out.positional.push(text(v)?),
            Long(name) => {
                if let Some(n) = spec.values.iter().find(|n| **n == name) {
                    let v = p.value().map_err(|_| format!("选项 --{n} 需要一个值"))?;
                    out.values.push((n, text(v)?));
                } else if let Some(n) = spec.flags.iter().find(|n| **n == name) {
                    out.flags.push(n);
                } else {
                    return Err(format!("不认识的选项 --{name}"));
                }
            }
            Short('o') if spec.values.contains(&"output") => {
                let v = p
                    .value()
                    .map_err(|_| "选项 -o 需要一个文件名".to_string())?;
                out.values.push(("output", text(v)?));
            }
            Short(c) => return Err(format!("不认识的选项 -{c}")),
        }
    }
    Ok(out)
}

fn text(v: OsString) -> Result<String, String> {
    v.into_string()
        .map_err(|v| format!("参数 {} 不是有效的 UTF-8 文本", v.to_string_lossy()))
}

fn explain(e: lexopt::Error) -> String {
    match e {
        lexopt::Error::UnexpectedValue { option, .. } => format!("选项 {option} 不接受值"),
        lexopt::Error::NonUnicodeValue(v) => {
            format!("参数 {} 不是有效的 UTF-8 文本", v.to_string_lossy())
        }
        other => format!("参数有误:{other}"),
    }
}

//! Assessment paths in words: what the page shows instead of a JSON path.

use crate::domain::rubric::Rubric;

/// The fields of an assessment document in words, for messages: what the page shows instead of a
/// JSON path.
const FIELD_LABELS: [(&str, &str); 8] = [
    ("unit", "单位信息"),
    ("unit.name", "单位名称"),
    ("unit.code", "统一社会信用代码"),
    ("unit.level", "行政层级"),
    ("unit.region", "所在地区"),
    ("period", "考核期"),
    ("assessor", "填报人"),
    ("rubric", "所用考核细则"),
];

/// A JSON path of an error (`$.unit.code`, `$.answers["veto.conceal"].triggered`,
/// `$.assessment.period`, `$.incidents[1]`) named as a reader would: 统一社会信用代码,
/// 「迟报、漏报、谎报、瞒报较大及以上网络安全事件」, 第 2 个事件. `None` when the path names nothing
/// this can put in words.
pub fn path_label(rubric: &Rubric, path: &str) -> Option<String> {
    let rest = path.strip_prefix('$')?;
    let rest = rest.strip_prefix(".assessment").unwrap_or(rest);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    if let Some(answer) = rest.strip_prefix("answers") {
        let id = if let Some(quoted) = answer.strip_prefix('[') {
            let end = quoted.find("\"]")?;
            serde_json::from_str::<String>(&quoted[..=end]).ok()?
        } else {
            let plain = answer.strip_prefix('.')?;
            plain.split(['.', '[']).next()?.to_string()
        };
        let title = rubric
            .items()
            .map(|(_, i)| (i.id.as_str(), i.label()))
            .chain(rubric.bonus.iter().map(|b| (b.id.as_str(), b.label())))
            .chain(rubric.vetoes.iter().map(|v| (v.id.as_str(), v.label())))
            .find(|(i, _)| *i == id)
            .map(|(_, l)| l.to_string())?;
        return Some(format!("「{title}」"));
    }
    if let Some(n) = rest
        .strip_prefix("incidents[")
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse::<usize>().ok())
    {
        return Some(format!("第 {} 个事件", n + 1));
    }
    FIELD_LABELS
        .iter()
        .find(|(f, _)| *f == rest)
        .map(|(_, l)| l.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_words() {
        let r = Rubric::default_rubric();
        let l = |p: &str| path_label(&r, p);
        assert_eq!(l("$.unit.code").as_deref(), Some("统一社会信用代码"));
        assert_eq!(l("$.assessment.period").as_deref(), Some("考核期"));
        assert_eq!(
            l("$.assessment.answers[\"veto.conceal\"]").as_deref(),
            Some("「迟报、漏报、谎报、瞒报较大及以上网络安全事件」")
        );
        assert_eq!(l("$.incidents[1]").as_deref(), Some("第 2 个事件"));
        assert_eq!(l("$.digest"), None);
    }
}

//! One file per unit and period: which of several is kept, and why the others are duplicates.

use super::batch::Record;
use super::report::{FileOutcome, FileStatus};
use crate::domain::error::Code;
use std::collections::BTreeMap;

/// Keep one record per (unit code, period): the latest `generated_at`, then the smallest path, then
/// the first given. The others are marked duplicate in `files`.
pub(super) fn dedupe(records: Vec<Record>, files: &mut [FileOutcome]) -> Vec<Record> {
    let mut groups: BTreeMap<(String, String), Vec<Record>> = BTreeMap::new();
    for r in records {
        groups
            .entry((r.code.clone(), r.period.clone()))
            .or_default()
            .push(r);
    }
    let mut kept = Vec::new();
    for (_, mut group) in groups {
        crate::domain::sort::by(&mut group, |a, b| {
            b.time
                .cmp(&a.time)
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.file.cmp(&b.file))
        });
        let mut group = group.into_iter();
        let Some(winner) = group.next() else { continue };
        for loser in group {
            let why = if loser.time == winner.time {
                "生成时间相同,按文件名保留"
            } else {
                "保留生成时间较晚的"
            };
            let f = &mut files[loser.file];
            f.status = FileStatus::Duplicate;
            f.code = Code::ExportDuplicate.as_str();
            f.message = format!(
                "重复:与 {} 是同一单位({})同一考核期({}),{}{}(生成于 {}),本文件生成于 {}",
                winner.path,
                winner.code,
                winner.period,
                why,
                if loser.digest == winner.digest {
                    "(两个文件内容相同)"
                } else {
                    ""
                },
                winner.generated_at,
                loser.generated_at
            );
        }
        kept.push(winner);
    }
    crate::domain::sort::by_key(&mut kept, |r| r.file);
    kept
}

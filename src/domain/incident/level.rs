//! The four national grades of the 2025 《网络安全事件分级指南》, lowest first. Apart from the
//! grading itself ([`super::grade`]) so that the policy table, which names tiers, depends on no
//! evaluation code.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeLevel {
    General,
    Larger,
    Major,
    EspeciallyMajor,
}

impl GradeLevel {
    /// The three tiers that have thresholds, lowest first.
    pub const TIERS: [GradeLevel; 3] = [
        GradeLevel::Larger,
        GradeLevel::Major,
        GradeLevel::EspeciallyMajor,
    ];

    pub fn name_zh(self) -> &'static str {
        match self {
            GradeLevel::General => "一般",
            GradeLevel::Larger => "较大",
            GradeLevel::Major => "重大",
            GradeLevel::EspeciallyMajor => "特别重大",
        }
    }
}

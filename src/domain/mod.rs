//! The domain core: plain Rust, no wasm or I/O types. Data in, data out.

// The titles of the two regulations the tool cites, written once: macros, so that `concat!` can
// build each citation of an article at compile time. Defined before the modules that use them.
macro_rules! responsibility_measures {
    () => {
        "《党委(党组)网络安全工作责任制实施办法》"
    };
}
macro_rules! reporting_measures {
    () => {
        "《国家网络安全事件报告管理办法》"
    };
}

pub mod aggregate;
pub mod assessment;
pub mod digest;
pub mod document;
pub mod error;
pub mod exact;
pub mod export;
pub mod incident;
pub mod json;
pub mod next_period;
pub mod period;
pub mod rectification;
pub mod roster;
pub mod rubric;
pub mod score;
pub mod sign;
pub mod sort;
pub mod time;
pub mod unit_code;
pub mod vocabulary;
pub mod whatif;
pub mod xlsx;

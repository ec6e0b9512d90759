//! The domain core: plain Rust, no wasm or I/O types. Data in, data out.

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

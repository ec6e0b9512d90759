//! cyberduty: scoring Article 10 assessments, classifying incidents under Article 8 and sealing
//! results for cadre departments. See ARCHITECTURE.md for the map.

pub mod domain;

pub use domain::error::{Code, Error, Result};

/// The version of this build, shown by the CLI and the page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The wasm binding (public only so `tests/wasm.rs` can call the exports across the boundary).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

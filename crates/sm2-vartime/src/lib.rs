//! `[s]G + [t]P` on the SM2 curve for signature verification (GB/T 32918.2 §7.1, steps B6–B7),
//! in variable time: verification handles public data only (the key, the message, the signature).
//! Signing never comes here; it stays in the `sm2` crate's constant-time code.
//!
//! `cyberduty::domain::sign` does the rest of a verification (the signature's encoding, `Z_A`,
//! `e`, `t = r + s`) and checks the whole against the crate's own verify in a property test.

mod field;
mod jacobian;

pub use jacobian::sum_x_is;

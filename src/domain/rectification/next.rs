//! The ledger a unit carries into the next period: entries not yet closed stay (with their own
//! status and dates: they are the same problems), entries rectified and fed back are dropped.

use super::{Ledger, Status};

/// Entries whose status is 已反馈 are closed and dropped; 整改中 and 已整改 (feedback still owed)
/// are kept as they are. Returns the new ledger and how many entries were dropped.
pub fn next_ledger(ledger: &Ledger) -> (Ledger, usize) {
    let kept: Vec<_> = ledger
        .entries
        .iter()
        .filter(|e| e.status != Status::FedBack)
        .cloned()
        .collect();
    let dropped = ledger.entries.len() - kept.len();
    (
        Ledger {
            entries: kept,
            ..ledger.clone()
        },
        dropped,
    )
}

//! Aggregation (`cyberduty.aggregate/1`): a cadre department's batch of sealed exports checked file
//! by file, then ranked and summarised.
//!
//! Every input gets exactly one outcome in `files`: `accepted`, `rejected` (with the code of the
//! first failed check, see [`export::open`]) or `duplicate` (`E_EXPORT_DUPLICATE`: another file for
//! the same unit code and period was kept — the latest `generated_at`; on equal times the smallest
//! path, then the first given). Accepted files with unanswered items carry `W_INCOMPLETE`, others
//! `OK`. One bad file never stops the batch.
//!
//! Inputs from the previous period (optional) go through the same checks except the reference
//! rubric (last period's rubric may have been another version); for each unit code the accepted
//! previous file with the latest `generated_at` gives the unit's `change`.
//!
//! Statistics are over the accepted units (vetoed and incomplete ones included) and use the totals
//! as stored (hundredths): mean and median are exact and rounded half up once; the standard
//! deviation is the **population** one (divide by n), computed with an exact integer square root
//! and also rounded half up, so it is exact to the hundredth. Per-dimension attainment is the mean
//! of the units' reported attainment (percent, two decimals) over the units where the dimension
//! applies; an item's lost share is (max − earned) / max from each unit's reported points, averaged
//! over the units where it applies.

mod batch;
mod csv;
mod duplicates;
mod report;
mod roster;
mod stats;
mod trends;
mod wire;
mod xlsx;

pub use batch::{aggregate, batch_enters, batch_takes, Batch, Checked, Input};
pub(crate) use csv::text_cell;
pub use csv::{csv, trends_csv};
pub use report::*;
pub use roster::{key_words, paper_matches, sender_words, MISSING, UNSIGNED};
pub use stats::WEAKEST;
pub use trends::{LostRun, Series, Trends, UnitTrend};
pub use xlsx::xlsx;

pub const SCHEMA: &str = "cyberduty.aggregate/1";

//! The TypeScript shapes of the workflow outputs (what-if, 整改台账), in their own section of
//! pkg/cyberduty.d.ts so types.rs stays one screenful per topic.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_WORKFLOW: &'static str = r#"
/** `Session.whatIf`: the fewest item improvements that reach the next grade (`cyberduty.whatif/1`). */
export interface WhatIf {
  schema: "cyberduty.whatif/1";
  outcome: "reachable" | "top" | "vetoed" | "unreachable";
  total: number;
  grade: string;
  target?: { grade: string; min: number };
  /** Points short of the target's minimum. */
  gap?: number;
  /** In rubric order. */
  steps: WhatIfStep[];
  resulting_total?: number;
  message: string;
}
export interface WhatIfStep {
  id: string;
  dimension: string;
  title: string;
  /** The answer now, in words. */
  from: string;
  /** The answer the step needs, in words. */
  to: string;
  /** The answer the step needs, in the assessment's shape. */
  answer: AnswerValue;
  /** Item points raised. */
  raised: number;
}
/** Article 8(五)'s third alternative as a 整改台账 decides it. */
export interface LedgerFinding { status: "met" | "not_met" | "undetermined"; citation: string; reasons: string[] }
/** `reviewLedger`: a 整改台账 as read and reviewed as of a date. */
export interface LedgerReview {
  ledger: Ledger;
  review: {
    as_of: string;
    entries: {
      id: string;
      problem: string;
      state: "in_progress" | "due_soon" | "overdue" | "rectified" | "fed_back";
      state_name: string;
      deadline: string;
      deadline_assumed: boolean;
      days_left?: number;
      late: boolean;
      closed_in_time: boolean;
      message: string;
    }[];
    overdue: number;
    due_soon: number;
    article8_5: LedgerFinding;
  };
}
/** `cyberduty.rectification/1`: 整改台账. */
export interface Ledger {
  schema: "cyberduty.rectification/1";
  unit: { name?: string; code?: string };
  entries: {
    id: string;
    notified_by: "cac" | "public_security" | "superior" | "other_authority" | "self_inspection";
    notifier?: string;
    notice_no?: string;
    notified_on: string;
    problem: string;
    deadline?: string;
    status: "in_progress" | "rectified" | "fed_back";
    rectified_on?: string;
    fed_back_on?: string;
    evidence?: { name: string; sm3?: string }[];
    serious_consequence: boolean | null;
    note?: string;
  }[];
}
"#;

//! The TypeScript shapes of what crosses the boundary, written once (pkg/cyberduty.d.ts).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Error thrown by every export: `code` is stable (E_…), `path` a JSON path, `message` Chinese. */
export interface CyberdutyError extends Error {
  code: string;
  path: string;
  /** The CLI's one-line rendering: `[E_CODE] $.path:message`. */
  display: string;
}
/**
 * A document: a parsed JSON object, its JSON text, or the raw bytes of a file (bytes get the same
 * size, encoding and BOM checks as the CLI; text and bytes keep duplicate-key and number checks exact).
 */
export type Doc = object | string | Uint8Array;

/** Administrative level of a unit. */
export type UnitLevel = "central" | "provincial" | "prefecture" | "county" | "township";

/** `cyberduty.rubric/1`: what an Article 10 assessment checks and what each thing is worth. */
export interface Rubric {
  schema: "cyberduty.rubric/1";
  id: string;
  version: string;
  title?: string;
  description?: string;
  total: number;
  bonus_cap: number;
  /** Highest first; the last has `min` 0. */
  grades: { name: string; min: number }[];
  dimensions: RubricDimension[];
  vetoes: RubricVeto[];
  bonus: RubricItem[];
}
export interface RubricDimension { id: string; title?: string; items: RubricItem[]; }
export interface RubricItem {
  id: string;
  title?: string;
  basis?: string;
  guide?: string;
  points: number;
  na_allowed?: boolean;
  method: RubricMethod;
  /** Deduct items only: the 整改台账 count suggested for it. */
  from_ledger?: "notified" | "not_closed_in_time";
}
export type RubricMethod =
  | { kind: "check" }
  | { kind: "levels"; levels: ({ label: string; ratio: number } | { label: string; points: number })[] }
  | { kind: "ratio" }
  | { kind: "deduct"; per: number };
export interface RubricVeto { id: string; title?: string; basis?: string; guide?: string; auto?: "article8" | "reporting"; }

/**
 * `cyberduty.assessment/1`: a unit's answers, as the core returns it (validated; a document passed in
 * is a `Doc` and may leave `unit` and `answers` out).
 */
export interface Assessment {
  schema: "cyberduty.assessment/1";
  rubric: { id: string; version: string };
  unit: Unit;
  period?: string;
  assessor?: string;
  /** Keyed by item, veto or bonus id, sorted by id. */
  answers: Record<string, Answer>;
  /** The previous period's notes and evidence names (开始下一考核期); references, never scored. */
  carried?: { from_period: string; answers: Record<string, { note?: string; evidence?: { name: string }[] }> };
}
export interface Unit { name?: string; code?: string; level?: UnitLevel; region?: string; }
export type AnswerValue =
  | { met: boolean }
  | { level: number }
  | { numerator: number; denominator: number }
  | { count: number }
  | { na: string }
  | { triggered: boolean };
export type Answer = AnswerValue & { note?: string; evidence?: { name: string; sm3?: string }[] };

/** `cyberduty.score/1`: the score report. Every figure is rounded once, to two decimals. */
export interface ScoreReport {
  schema: "cyberduty.score/1";
  rubric: { id: string; version: string; digest: string };
  unit: Unit;
  period?: string;
  total: number;
  base: number;
  bonus: number;
  max: number;
  grade: string;
  vetoed: boolean;
  complete: boolean;
  missing: string[];
  answered: number;
  answerable: number;
  dimensions: DimensionScore[];
  items: ItemScore[];
  vetoes: { id: string; title: string; status: "triggered" | "clear" | "missing" }[];
  /** An unanswered bonus item is `missing` with 0 earned, yet not listed in `missing` nor making the report incomplete. */
  bonus_items: ItemScore[];
  /** Every item that lost points, largest loss first. */
  lost: { id: string; dimension: string; title: string; points: number; explanation: string }[];
}
export interface DimensionScore {
  id: string;
  title: string;
  earned: number;
  applicable: number;
  points: number;
  /** Percent, two decimals; null when nothing in the dimension applies. */
  attainment: number | null;
}
export interface ItemScore {
  id: string;
  dimension: string;
  title: string;
  earned: number;
  max: number;
  status: "met" | "partial" | "unmet" | "na" | "missing";
  explanation: string | null;
}

/** Three-valued fact: `true`, `false`, or absent/`null` for unknown. */
export type Fact = boolean | null;
/** `cyberduty.incident/1`: every fact optional; absent or null means unknown. */
export interface Incident {
  schema: "cyberduty.incident/1";
  title?: string;
  /** GB/T 20986-2023 category name, e.g. "网络攻击事件/网页篡改". */
  category?: string;
  unit?: { name?: string; level?: UnitLevel };
  target?: "party_gov_portal" | "key_news_site" | "large_platform" | "cii" | "other";
  facts?: {
    attacked?: Fact; tampered?: Fact; harmful_info_spread_widely?: Fact;
    reported_in_time?: Fact; handled_in_time?: Fact;
    outage_hours?: number | null; outage_scope?: "full" | "main_functions" | null;
    state_secret_leaked?: Fact; personal_info_leaked_persons?: number | null;
    personal_info_leak_large_scale?: Fact; basic_data_leaked_massively?: Fact;
    wide_public_impact?: Fact; people_affected?: number | null;
    economic_loss_yuan?: number | null; major_economic_loss?: Fact; serious_social_impact?: Fact;
    spread_homepage_hours?: number | null; spread_other_pages_hours?: number | null;
    reposts?: number | null; views?: number | null;
    concealed?: Fact; refused_cooperation?: Fact; notified_risk_unrectified?: Fact;
    serious_consequence?: Fact; obstructed_security_organs?: Fact;
    refused_support_security_organs?: Fact; other_serious_harm?: Fact; supervision_inadequate?: Fact;
    very_large_platform?: Fact; protective_measures_taken?: Fact; handled_under_plan?: Fact;
    impact_effectively_reduced?: Fact; cause_identified?: Fact; crime_suspected?: Fact;
  };
  /** RFC 3339 timestamps with an offset. */
  timeline?: { occurred_at?: string; discovered_at?: string; reported_at?: string; resolved_at?: string };
  /** People named for a 问责建议书, by role (Arts. 8–9). */
  people?: Person[];
  /** Reports filed (none before discovery; a summary not before handling ended). */
  reports?: FiledReport[];
}
export type PersonRole = "principal" | "leader_in_charge" | "other_member" | "security_officer" | "person_involved" | "supervisor_head";
export interface Person { name: string; post?: string | null; role: PersonRole; took_part_in_decision?: boolean | null; }
export type ReportKind = "first" | "follow_up" | "summary" | "police";
export interface FiledReport { kind: ReportKind; at: string; }
/** One report form of the 2025 Measures with its due time and status. */
export interface ReportForm {
  kind: ReportKind;
  name: string;
  status: "filed" | "due" | "overdue" | "not_required" | "as_needed" | "undetermined";
  status_name: string;
  /** RFC 3339; null without a fixed deadline or when its base time is unknown. */
  due_at: string | null;
  due_text: string;
  filed_at: string[];
  late: boolean | null;
  reasons: string[];
  /** First and summary report: the items (Art. 7 / Art. 8), pre-filled from the facts. */
  items?: { number: string; heading: string; content: string | null; later: boolean }[];
  note?: string;
}
/** `cyberduty.proposal/1`: the 问责建议书 draft. */
export interface Proposal {
  schema: "cyberduty.proposal/1";
  title: string;
  draft_notice: string;
  addressees: string[];
  sender: string;
  incident: Classification["incident"];
  facts: { label: string; value: string }[];
  situations: { item: number; citation: string; text: string; reasons: string[] }[];
  chain: string[];
  people: { name: string; post: string | null; role: PersonRole; role_name: string; took_part_in_decision: boolean | null;
    collective: "主要领导责任" | "重要领导责任" | null; individual: string; decision: string; reasons: string[] }[];
  /** Roles in the chain no named person holds. */
  unnamed: string[];
  responsibility: string[];
  leniency: Accountability["leniency"];
  recommendations: string[];
  interpretations: InterpretationInForce[];
  warnings: FactWarning[];
  signature: { sender: string; seal: string; date: string };
  basis: string[];
}
/** Kleene status of one Article 8 situation, of accountability, or of a single fact. */
export type Tristate = "met" | "not_met" | "undetermined";
/** `cyberduty.classification/1`. */
export interface Classification {
  schema: "cyberduty.classification/1";
  /** What the incident says about itself. */
  incident: { title: string | null; category: string | null; unit: { name: string | null; level: UnitLevel | null }; target: Incident["target"] | null };
  /** Exactly seven, `item` 1–7 for 第八条第(一)…(七)项. */
  triggers: Trigger[];
  /**
   * The Article 8 verdict in a few words: `met` when any situation is met, else `undetermined` when
   * any is, else `not_met`; `text` e.g. 符合第八条第(一)、(三)项 / 第八条 2 种情形待定 / 不构成第八条情形.
   */
  summary: { status: Tristate; text: string };
  accountability: Accountability;
  grade: IncidentGrade;
  reporting: Reporting;
  /** The policy table used (`shipped`: the one built in, not a region's file). */
  policy: { id: string; title: string; schema: string; shipped: boolean };
  /** The policy's readings and enabled interpretations (「本工具解释」); `used` when a sentence relied on it. */
  interpretations: InterpretationInForce[];
  /** Claims that contradict the timeline or each other; the elements they feed are undetermined. */
  warnings: FactWarning[];
  /** The 整改台账's finding on Article 8(五)'s third alternative, when a ledger was given. */
  ledger?: LedgerFinding;
}
export interface InterpretationInForce {
  id: string; label: string; kind: "reading" | "interpretation"; term: string; rule: string; reasoning: string; source: string; used: boolean;
}
/** `W_FACT_CONFLICT`: `path` the claimed fact, `paths` every input field on either side. */
export interface FactWarning { code: "W_FACT_CONFLICT"; path: string; paths: string[]; message: string; }
export interface Trigger {
  item: number;
  status: Tristate;
  /** Chinese sentences citing 第八条第(X)项 and the facts that decided it. */
  reasons: string[];
  /** Paths of the facts whose absence leaves it undetermined (`target`, `facts.tampered`, `unit.level` …). */
  missing: string[];
  /** Ids of the readings and interpretations (「本工具解释」) this verdict relies on. */
  interpretations: string[];
}
export interface Accountability {
  status: Tristate;
  /** 逐级倒查: 当事人 → 网络安全负责人 → 主要负责人. */
  chain: string[];
  /** Collective responsibility: 主要领导责任 (principal) and 重要领导责任 (important). */
  collective: { principal: string[]; important: string[] };
  items_met: number[];
  items_undetermined: number[];
  /** Whether the head of the coordinating or supervising department answers too. */
  supervisor: Tristate;
  carried_out_by: string;
  recommended_by: string;
  reasons: string[];
  /** 是否追究责任: 应当追究, 不予追究 or 待定. */
  decision: string;
  /** `supervisor` in the same words. */
  supervisor_decision: string;
  /** Individual responsibility (Art. 9, roles of Art. 2). */
  individual: string[];
  /** 2025 Measures Art. 11: 可视情从轻或不予追究 when all four conditions hold. */
  leniency: { status: Tristate; result: string; basis: string; missing: string[]; reasons: string[] };
}
export interface IncidentGrade {
  level: "especially_major" | "major" | "larger" | "general";
  /** Unknown facts could raise it. */
  at_least: boolean;
  /** A draft threshold (or a scope not seen in the final text) decided it. */
  draft: boolean;
  reasons: string[];
  /** Ids of the readings (「本工具解释」) the deciding or open criteria rely on. */
  interpretations: string[];
}
/** What `seal` returns: the export file to save and what to tell the user. */
export interface Sealed {
  /** `<unit code>_<period>_<first 8 hex>.cyberduty.json`, safe on every system. */
  file_name: string;
  /** `sm3:<64 hex>` over the RFC 8785 canonical JSON of the export without its digest. */
  digest: string;
  /** The digest's first 16 hex digits in groups of 4, printed on the paper report. */
  check_code: string;
  /** The file's content (`cyberduty.export/1`): pretty-printed JSON ending in a newline. */
  text: string;
  /** The score report sealed in the file. */
  score: ScoreReport;
  /** What was decided for each automatic veto (`auto: "article8"` or `"reporting"`). */
  auto_vetoes: AutoVeto[];
  /** The assessment as sealed (automatic veto answers applied), to load back into the form. */
  assessment: Assessment;
  /** The incidents' dates against the period (whether they could be checked). */
  period_check: PeriodCheck;
}
/** What `Session.score` returns: the score with the period's incidents applied as `seal` applies them. */
export interface Live {
  score: ScoreReport;
  auto_vetoes: AutoVeto[];
  /** The assessment after the automatic veto answers. */
  assessment: Assessment;
  /** Each incident's classification, in order. */
  classifications: Classification[];
  /** The incidents' dates against the period (`seal` refuses an incident outside it). */
  period_check: PeriodCheck;
}
/** What `Session.open` found in a file. */
export type OpenedFile =
  | { kind: "assessment"; assessment: Assessment; unit_code_error?: CoreProblem }
  | { kind: "export"; opened: Opened };
/** What `kindOf` says a document is. */
export interface Identified {
  kind: "rubric" | "assessment" | "incident" | "export" | "score" | "classification" | "aggregate" | "policy" | "key" | "pubkey" | "roster" | "rectification";
  /** The tag as written, e.g. `cyberduty.incident/1`. */
  schema: string;
  /** Chinese name of the kind, e.g. 事件文件. */
  name: string;
}
/** A key as documents write it and its Chinese name. */
export interface Named { key: string; name: string; }
/** Every domain word the page shows, from the core. */
export interface Vocabulary {
  schemas: { rubric: string; assessment: string; score: string; incident: string; classification: string; export: string; aggregate: string };
  unit_levels: Named[];
  targets: Named[];
  outage_scopes: Named[];
  /** GB/T 20986-2023 categories, then suggested sub-types (`大类/子类`). */
  categories: string[];
  facts: { key: string; path: string; kind: "flag" | "count" | "number" | "scope"; label: string; unit?: string; hint?: string }[];
  /** The incident form's groups: a title and its facts' keys, every fact in one. */
  fact_groups: { title: string; facts: string[] }[];
  timeline: { key: string; path: string; label: string }[];
  article8: { item: number; numeral: string; citation: string; text: string }[];
  tristate: Named[];
  item_status: Named[];
  veto_status: Named[];
  /** What a triggered veto does to the grade (the core's words). */
  veto_rule: string;
  incident_grades: Named[];
  file_status: Named[];
  /** The fields an answer is made of, per rubric method (`check`, `levels`, `ratio`, `deduct`) and for vetoes (`veto`). */
  methods: { kind: "check" | "levels" | "ratio" | "deduct" | "veto"; fields: { key: string; type: "boolean" | "index" | "count"; label: string; true_label?: string; false_label?: string }[] }[];
  na: { key: "na"; label: string; reason_label: string };
  max_input_bytes: number;
  /** 整改台账 words: who notifies, the statuses a unit records, the states a review computes. */
  ledger: { schema: string; notifiers: Named[]; statuses: Named[]; states: Named[]; fields: Named[]; due_soon_days: number };
  signing: { key_schema: string; pubkey_schema: string; roster_schema: string; senders_verified: string;
    senders_unverified: string; missing: string; unsigned: string; min_passphrase_chars: number };
  /** 问责建议书 roles, report kinds and report form statuses (issue 12). */
  accountability: { proposal_schema: string; roles: Named[]; report_kinds: Named[]; form_statuses: Named[]; draft_notice: string; principal_share: string; important_share: string; individual_share: string };
  /** The regulation and articles each view cites (the core's words). */
  basis: { regulation: string; assessment: string; incident: string; article8: string; accountability: string; leniency: string };
}
export interface AutoVeto {
  veto: string;
  decision: "set_triggered" | "overrode_clear" | "kept_answer" | "set_clear" | "left_unanswered";
  /** The answer sealed in the file; null when left for the unit to answer. */
  triggered: boolean | null;
  /** Chinese, for the user. */
  message: string;
}
/** What `Session.verify` returns (and `Session.open` carries) for an export that passed every check. */
export interface Opened {
  generated_at: string;
  digest: string;
  check_code: string;
  /** The embedded rubric, validated. */
  rubric: Rubric;
  /** The sealed assessment (answers sorted by id), ready to load back into a form. */
  assessment: Assessment;
  /** The score recomputed from the answers (equal to the one stored). */
  score: ScoreReport;
  /** The incident documents as sealed, in order. */
  incidents: Incident[];
  /** `[incident number from 1, item 1–7]` of every met Article 8 situation. */
  article8_met: [number, number][];
  /** The key whose signature verified (`cyberduty.export/2`); null when unsigned. */
  signer: Signer | null;
  period_check: PeriodCheck;
  /** The unit code and period as aggregation keys them, and what could not be checked. */
  identity: { code: string; period: string; warnings: CoreProblem[] };
}

/**
 * One file of a batch: its name (a path in a folder), and its bytes — or only its `size` when the
 * page did not read it (over `maxInputBytes()`); the core decides the outcome either way.
 */
export interface BatchFile { name: string; bytes?: Uint8Array; size?: number; }
/** What `aggregate` and `Aggregation.finish` return: the result and the core's CSV (UTF-8 BOM included). */
export interface AggregateOutput { result: Aggregate; csv: string; /** 历年趋势 CSV; null without earlier periods. */ trends_csv: string | null; }
/** `cyberduty.aggregate/1`: every file's outcome, the ranking and the statistics. */
export interface Aggregate {
  schema: "cyberduty.aggregate/1";
  reference: { id: string; version: string; digest: string };
  /** One per input, in the order given (current files first, then previous ones). */
  files: FileOutcome[];
  /** Accepted units, ranked (equal totals share a rank). */
  units: UnitRow[];
  summary: AggregateSummary;
  /** Every item of the reference rubric, weakest first. */
  items: ItemStat[];
  /** The weakest items to show: the first ten of `items` on which some unit lost points (empty when none did). */
  weakest: ItemStat[];
  /** Across periods; present when files of earlier periods were given. */
  trends?: Trends;
}
/** Values per period, aligned with `Trends.periods` (null: no file, or 不适用). */
export interface TrendSeries { id: string; title: string; values: (number | null)[]; }
export interface Trends {
  /** Every period of the accepted files, oldest first. */
  periods: string[];
  /** Mean attainment (percent) per dimension per period. */
  dimensions: TrendSeries[];
  units: { code: string; name: string | null; totals: (number | null)[]; dimensions: TrendSeries[]; items: TrendSeries[] }[];
  /** 连续失分: items a unit lost in two or more periods running. */
  lost_running: { code: string; name: string | null; item: string; title: string; periods: string[]; ongoing: boolean }[];
}
export interface FileOutcome {
  path: string;
  role: "current" | "previous";
  status: "accepted" | "rejected" | "duplicate";
  /** `OK`, `W_INCOMPLETE`, `W_UNIT_CODE`, `W_PERIOD_UNCHECKED`, `E_EXPORT_DUPLICATE` or the code of the error that rejected the file. */
  code: string;
  /** JSON path of the problem; empty when none. */
  at: string;
  message: string;
  /** Normalised unit code and period key (as written when they could not be checked). */
  unit: { name: string | null; code: string; period: string; digest: string; generated_at: string } | null;
  /** What was accepted without being checked (`W_UNIT_CODE`, `W_PERIOD_UNCHECKED`). */
  warnings: CoreProblem[];
}
/** A core error or warning as data. */
export interface CoreProblem { code: string; path: string; message: string; }
/** The incidents' dates against the assessment's period. */
export interface PeriodCheck {
  /** `2025`, `2025-H1`, `2025-Q3`; null without a period or for older free text. */
  key: string | null;
  /** The period in words (2025年度, 2025年上半年, 2025年第三季度); null with `key`. */
  name: string | null;
  checked: boolean;
  /** Incidents without an occurred or discovered time. */
  undated: number;
  message: string;
  /** `E_EXPORT_INCIDENT_PERIOD` for the first incident outside the period (sealing refuses it). */
  error?: CoreProblem;
}
export interface UnitRow {
  rank: number;
  name: string | null;
  code: string;
  period: string;
  total: number;
  grade: string;
  vetoed: boolean;
  complete: boolean;
  missing: number;
  path: string;
  check_code: string;
  generated_at: string;
  /** The signing key's id; null for an unsigned file. */
  key_id: string | null;
  /** 备注: the veto that placed the unit after every unit without one, unanswered items; "" when none. */
  remark: string;
  /** Overdue 整改 entries in the file's ledger as of its generated_at date; null without a ledger. */
  overdue: number | null;
  change: Change | null;
}
export interface Change {
  previous_period: string;
  previous_total: number;
  previous_grade: string;
  delta: number;
  same_rubric: boolean;
}
export interface AggregateSummary {
  files: { accepted: number; rejected: number; duplicate: number };
  count: number;
  incomplete: number;
  periods: string[];
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Population standard deviation (÷ n). */
  std_dev_population: number | null;
  grades: { name: string; min: number; count: number }[];
  /** Ten bands of the total, lowest first: `[from, to)`, the last one closed. */
  histogram: { from: number; to: number; count: number }[];
  vetoed: { name: string | null; code: string; period: string; vetoes: string[] }[];
  dimensions: { id: string; title: string; mean_attainment: number | null; units: number }[];
  changes: { improved: number; declined: number; unchanged: number; without_previous: number } | null;
  /** Whether a roster vouched for the senders (未核验发送单位 when false). */
  senders_verified: boolean;
  /** Roster units with no accepted file (未上报); null without a roster. */
  missing: { code: string; name: string }[] | null;
}
export interface ItemStat {
  id: string;
  dimension: string;
  title: string;
  points: number;
  applicable: number;
  units_lost: number;
  /** Mean share of the item's points lost, percent; null when it applies to no unit. */
  mean_lost_percent: number | null;
}
export interface Reporting {
  /** Only 较大 and above must be reported; null when unknown facts decide it. */
  required: boolean | null;
  deadline_minutes: number | null;
  reported_within_minutes: number | null;
  on_time: boolean | null;
  reasons: string[];
  /** The two durations as a document writes them (`4 小时`, `4 小时 25 分钟`). */
  deadline_text: string | null;
  reported_within_text: string | null;
  /** "Now" the forms' statuses were computed against; null: none given, nothing is overdue. */
  as_of: string | null;
  forms: ReportForm[];
}
/** `Aggregation.finishWithXlsx()`: the result, its CSV and its Excel workbook. */
export interface AggregateXlsxOutput extends AggregateOutput { xlsx: Uint8Array; }
/** One problem of an imported Excel template: sheet, 1-based row and column letter (row 0 and no
 * column for the workbook as a whole); the message already says where (`第 12 行 H 列:…`). */
export interface XlsxProblem { code: string; sheet: string; row: number; column: string; message: string; }
/** `Session.importXlsx`: the assessment when the workbook has no problem at all, else every problem. */
export interface ImportedXlsx { assessment: Assessment | null; problems: XlsxProblem[]; }
/** A unit's public key to register (`cyberduty.pubkey/1`). */
export interface Pubkey {
  schema: string;
  unit: { code: string; name: string };
  /** First 16 hex digits of SM3 over the public key. */
  key_id: string;
  /** Uncompressed SM2 point, `04` + 128 hex digits. */
  public_key: string;
  created_at: string;
}
/** What `UnitKey.signExport` returns: the signed `cyberduty.export/2` file. */
export interface Signed { file_name: string; digest: string; check_code: string; text: string; }
/** A signer as `open` reports it. */
export interface Signer { key_id: string; public_key: string; }
/** The cadre department's roster (`cyberduty.roster/1`). */
export interface Roster {
  schema: string;
  authority: string;
  period?: string;
  units: { code: string; name: string; level?: string; region?: string;
    keys: { key_id: string; public_key: string; valid_from?: string; valid_until?: string }[] }[];
}
/** What `rosterAddKey` returns. */
export interface RosterAdded { roster: Roster; added: boolean; text: string; }
/** `Session.ledgerSuggestions`: a count the 整改台账 suggests for an item (the user confirms it). */
export interface LedgerSuggestion { item: string; answer: { count: number }; reason: string; }
/** `nextLedger`: the ledger carried into the next period and how many closed entries it dropped. */
export interface NextLedger { ledger: Ledger; dropped: number; }
"#;

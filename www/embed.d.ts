// TypeScript declarations for dist/embed.mjs (and window.cyberduty from dist/embed.js): the one
// source of the mount() types (www/embed.js's JSDoc points here). Document shapes (Rubric,
// Assessment, ScoreReport, Incident, Classification, Aggregate) are in pkg/cyberduty.d.ts.

import type { Aggregate, Assessment, Classification, CyberdutyError, Incident, Rubric, ScoreReport } from './pkg/cyberduty';

/** 自评打分, 事件研判, 汇总分析. */
export type TabId = 'score' | 'incident' | 'aggregate';

/** The core's error as the page passes it on: stable code, JSON path, Chinese message, the CLI's one-line display. */
export type PageError = Pick<CyberdutyError, 'code' | 'path' | 'message'> & { display?: string };

export type ChangeEvent =
  /** `report`: the live score, the period's incidents applied exactly as 导出上报文件 seals them. */
  | { tab: 'score'; assessment: Assessment; report: ScoreReport | null; error: PageError | null }
  | { tab: 'incident'; incident: Incident; classification: Classification | null; error: PageError | null };

export interface MountOptions {
  /** Tabs to show, in the app's order; default all. */
  tabs?: TabId[];
  /** A `cyberduty.rubric/1` document (object or JSON text) instead of the default rubric. Invalid: mount throws. */
  rubric?: Rubric | string;
  /** Called after every change, with the document and the core's result. */
  onChange?: (event: ChangeEvent) => void;
  /** Local-storage namespace; default "cyberduty". Give each embedded instance its own. */
  storageKey?: string;
  /** false hides the title bar. */
  header?: boolean;
}

/**
 * What mount() returns. On a browser that refuses to compile the core synchronously (Chromium before
 * ~115) mount() returns before the app is there: until `ready` settles, `element` is a placeholder,
 * `select()` is remembered, `document()` and `result()` give null and `unmount()` cancels.
 */
export interface Mounted {
  /** The app's root element (inside the shadow root); a placeholder while the core starts. */
  readonly element: Element;
  select(tab: TabId): void;
  /**
   * Settles when the app is rendered: at once where the core starts synchronously; rejected with the
   * core's Error for an invalid `rubric` where it starts asynchronously (mount() throws it otherwise).
   */
  ready: Promise<void>;
  /**
   * Settles when every tab and every item card is built. At `ready` the visible tab shows its first
   * screen; 自评打分 builds the rest of its item cards in the tasks right after (what is typed is
   * kept either way; printing and going to an item do not wait for it). Wait for this before
   * counting or walking all cards. The app's root also gets `data-rendered="true"` and dispatches a
   * bubbling `cyberduty:rendered` event then. Never settles if unmounted first.
   */
  rendered: Promise<void>;
  /** The current assessment (score) or incident (incident) document; null for aggregate. */
  document(tab: TabId): Assessment | Incident | null;
  /** The core's latest result for a tab (for aggregate: the latest batch's result, or null). */
  result(tab: TabId): { ok: true; value: ScoreReport | Classification | Aggregate } | { ok: false; error: PageError } | null;
  unmount(): void;
}

/** Render cyberduty inside `element`'s shadow root. Throws the core's Error for an invalid `rubric`. */
export function mount(element: Element, options?: MountOptions): Mounted;
/** The cyberduty version of this build; throws while the core is still starting (call it after `ready`). */
export function version(): string;

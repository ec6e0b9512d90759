// A small vocabulary in the core's shape, for the model tests (what a fake core returns). The real
// core's words are checked against the real pkg/ in real-core.test.mjs.

export const VOCAB = {
  schemas: { assessment: 'S.assessment', incident: 'S.incident' },
  unit_levels: [{ key: 'county', name: 'L-county' }],
  targets: [{ key: 'cii', name: 'T-cii' }],
  outage_scopes: [{ key: 'full', name: 'O-full' }],
  categories: ['C1'],
  facts: [
    { key: 'tampered', path: 'facts.tampered', kind: 'flag', label: 'F-tampered' },
    { key: 'outage_hours', path: 'facts.outage_hours', kind: 'number', label: 'F-hours', unit: 'h' },
    { key: 'reposts', path: 'facts.reposts', kind: 'count', label: 'F-reposts' },
    { key: 'outage_scope', path: 'facts.outage_scope', kind: 'scope', label: 'F-scope' },
    { key: 'brand_new', path: 'facts.brand_new', kind: 'flag', label: 'F-new' },
  ],
  fact_groups: [
    { title: '攻击、篡改与处置', facts: ['attacked', 'tampered'] },
    { title: '瘫痪、影响与损失', facts: ['outage_hours', 'outage_scope'] },
    { title: '泄露', facts: ['state_secret_leaked'] },
    { title: '篡改内容的传播', facts: ['reposts'] },
    { title: '其他', facts: ['other_serious_harm'] },
  ],
  timeline: [{ key: 'occurred_at', path: 'timeline.occurred_at', label: 'T-occurred' }, { key: 'reported_at', path: 'timeline.reported_at', label: 'T-reported' }],
  tristate: [{ key: 'met', name: 'Y' }, { key: 'not_met', name: 'N' }, { key: 'undetermined', name: '?' }],
  methods: [
    { kind: 'check', fields: [{ key: 'met', type: 'boolean', label: 'M-met' }] },
    { kind: 'levels', fields: [{ key: 'level', type: 'index', label: 'M-level' }] },
    { kind: 'ratio', fields: [{ key: 'numerator', type: 'count', label: 'M-num' }, { key: 'denominator', type: 'count', label: 'M-den' }] },
    { kind: 'deduct', fields: [{ key: 'count', type: 'count', label: 'M-count' }] },
    { kind: 'veto', fields: [{ key: 'triggered', type: 'boolean', label: 'M-triggered' }] },
  ],
  na: { key: 'na', label: 'NA', reason_label: 'NA-reason' },
};

/** A rubric with one item of each method, a veto and a bonus. */
export const RUBRIC = {
  id: 'r', version: '1',
  dimensions: [{
    id: 'd',
    items: [
      { id: 'c', method: { kind: 'check' } },
      { id: 'l', method: { kind: 'levels', levels: [{ label: 'a' }, { label: 'b' }] } },
      { id: 'q', method: { kind: 'ratio' }, na_allowed: true },
      { id: 'x', method: { kind: 'deduct', per: 1 } },
    ],
  }],
  vetoes: [{ id: 'v' }],
  bonus: [{ id: 'b', method: { kind: 'check' } }],
};

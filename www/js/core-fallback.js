// TRANSITIONAL: what a core built before the session binding lacks (vocabulary, summary, checkSize,
// batchTakes, safeFileName), in the shape the core returns. Used only when pkg/ lacks them; deleted once it has them.

const pairs = (list) => list.map(([key, name]) => ({ key, name }));

export const FALLBACK_VOCABULARY = {
  schemas: {
    rubric: 'cyberduty.rubric/1', assessment: 'cyberduty.assessment/1', score: 'cyberduty.score/1',
    incident: 'cyberduty.incident/1', classification: 'cyberduty.classification/1', export: 'cyberduty.export/1', aggregate: 'cyberduty.aggregate/1',
  },
  unit_levels: pairs([['central', '中央和国家机关'], ['provincial', '省级'], ['prefecture', '地市级'], ['county', '县级'], ['township', '乡镇级']]),
  targets: pairs([['party_gov_portal', '党政机关门户网站'], ['key_news_site', '重点新闻网站'], ['large_platform', '大型网络平台'], ['cii', '关键信息基础设施'], ['other', '其他网络或系统']]),
  outage_scopes: pairs([['full', '全部瘫痪'], ['main_functions', '主要功能瘫痪']]),
  categories: [
    '恶意程序事件', '恶意程序事件/勒索软件', '恶意程序事件/挖矿病毒',
    '网络攻击事件', '网络攻击事件/网页篡改', '网络攻击事件/拒绝服务', '网络攻击事件/漏洞利用',
    '网络攻击事件/网络钓鱼', '网络攻击事件/APT', '网络攻击事件/供应链攻击',
    '数据安全事件', '数据安全事件/数据泄露', '数据安全事件/数据窃取', '数据安全事件/数据篡改',
    '信息内容安全事件', '设备设施故障事件', '违规操作事件', '安全隐患事件', '异常行为事件',
    '不可抗力事件', '其他事件',
  ],
  facts: [
    ['attacked', 'flag', '遭受网络攻击'],
    ['tampered', 'flag', '网站或平台内容被攻击篡改'],
    ['harmful_info_spread_widely', 'flag', '反动言论、谣言等违法有害信息大面积扩散'],
    ['reported_in_time', 'flag', '已及时报告'],
    ['handled_in_time', 'flag', '已及时组织处置'],
    ['outage_hours', 'number', '瘫痪(无法访问)时长', '小时'],
    ['outage_scope', 'scope', '瘫痪范围'],
    ['wide_public_impact', 'flag', '大面积影响人民群众工作、生活'],
    ['people_affected', 'count', '受影响人数(水、电、气、油、暖、交通、就医、购物等)', '人'],
    ['economic_loss_yuan', 'number', '直接经济损失', '元'],
    ['major_economic_loss', 'flag', '造成重大经济损失'],
    ['serious_social_impact', 'flag', '造成严重不良社会影响'],
    ['state_secret_leaked', 'flag', '国家秘密泄露'],
    ['personal_info_leaked_persons', 'count', '个人信息泄露涉及人数', '人'],
    ['personal_info_leak_large_scale', 'flag', '属于大面积个人信息泄露'],
    ['basic_data_leaked_massively', 'flag', '大量地理、人口、资源等国家基础数据泄露'],
    ['spread_homepage_hours', 'number', '在首页传播时长', '小时'],
    ['spread_other_pages_hours', 'number', '在其他页面传播时长', '小时'],
    ['reposts', 'count', '转发量', '次'],
    ['views', 'count', '浏览或点击量', '次'],
    ['concealed', 'flag', '封锁、瞒报网络安全事件情况'],
    ['refused_cooperation', 'flag', '拒不配合有关部门依法开展调查、处置工作'],
    ['notified_risk_unrectified', 'flag', '对有关部门通报的问题和风险隐患未及时整改'],
    ['serious_consequence', 'flag', '(上述未整改)造成严重后果'],
    ['obstructed_security_organs', 'flag', '阻碍公安机关、国家安全机关依法维护国家安全、侦查犯罪或防范、调查恐怖活动'],
    ['refused_support_security_organs', 'flag', '拒不向公安机关、国家安全机关提供支持和保障'],
    ['other_serious_harm', 'flag', '发生其他严重危害网络安全行为'],
    ['supervision_inadequate', 'flag', '综合协调或监管部门协调监管不力'],
  ].map(([key, kind, label, unit]) => ({ key, path: `facts.${key}`, kind, label, ...(unit ? { unit } : {}) })),
  timeline: [['occurred_at', '发生时间'], ['discovered_at', '发现时间'], ['reported_at', '首次报告时间'], ['resolved_at', '处置完毕时间']]
    .map(([key, label]) => ({ key, path: `timeline.${key}`, label })),
  article8: [
    '门户网站、重点新闻网站、大型网络平台被攻击篡改,致违法有害信息大面积扩散,且没有及时报告和组织处置',
    '地市级以上党政机关门户网站或重点新闻网站受攻击后没有及时组织处置,且瘫痪 6 小时以上',
    '发生国家秘密泄露、大面积个人信息泄露或大量国家基础数据泄露',
    '关键信息基础设施遭受攻击,没有及时处置,致大面积影响群众工作生活、重大经济损失或严重不良社会影响',
    '封锁、瞒报事件,拒不配合调查处置,或对通报的问题和隐患不及时整改并造成严重后果',
    '阻碍公安机关、国家安全机关依法工作,或拒不提供支持和保障',
    '发生其他严重危害网络安全行为',
  ].map((text, i) => {
    const numeral = '一二三四五六七'[i];
    return { item: i + 1, numeral, citation: `第八条第(${numeral})项`, text };
  }),
  tristate: pairs([['met', '符合'], ['not_met', '不符合'], ['undetermined', '待定']]),
  item_status: pairs([['met', '满分'], ['partial', '部分得分'], ['unmet', '未得分'], ['na', '不适用'], ['missing', '未作答']]),
  veto_status: pairs([['triggered', '已触发'], ['clear', '未触发'], ['missing', '未作答']]),
  incident_grades: pairs([['especially_major', '特别重大'], ['major', '重大'], ['larger', '较大'], ['general', '一般']]),
  methods: [
    { kind: 'check', fields: [{ key: 'met', type: 'boolean', label: '是否达到要求', true_label: '是(达到要求)', false_label: '否(未达到)' }] },
    { kind: 'levels', fields: [{ key: 'level', type: 'index', label: '评定档次' }] },
    { kind: 'ratio', fields: [{ key: 'numerator', type: 'count', label: '达标数' }, { key: 'denominator', type: 'count', label: '总数' }] },
    { kind: 'deduct', fields: [{ key: 'count', type: 'count', label: '发生次数' }] },
    { kind: 'veto', fields: [{ key: 'triggered', type: 'boolean', label: '是否发生', true_label: '是(已发生,触发否决)', false_label: '否(未发生)' }] },
  ],
  na: { key: 'na', label: '不适用', reason_label: '不适用原因(必填)' },
};

/** The one-line Article 8 verdict a core without `summary` on its classification lacks. */
export function withSummary(c) {
  if (!c || c.summary) return c;
  const met = c.triggers.filter((t) => t.status === 'met').map((t) => `(${'一二三四五六七'[t.item - 1]})`);
  const open = c.triggers.filter((t) => t.status === 'undetermined').length;
  const summary = met.length
    ? { status: 'met', text: `符合第八条第${met.join('')}项` }
    : open ? { status: 'undetermined', text: `第八条 ${open} 种情形待定` } : { status: 'not_met', text: '不构成第八条情形' };
  return { ...c, summary };
}

/** Does a batch take this file of a chosen folder: only *.json, nothing hidden. */
export function batchTakes(path) {
  const parts = String(path).split('/').filter(Boolean);
  return /\.json$/i.test(parts[parts.length - 1] || '') && !parts.some((p) => p.startsWith('.'));
}

export function checkSize(bytes, max) {
  if (bytes > max) throw Object.assign(new Error(`文件过大(${bytes} 字节),超过 ${max} 字节的上限`), { code: 'E_INPUT_TOO_LARGE', path: '$' });
}

export function safeFileName(s) {
  return String(s || '').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
}

/** The weakest items of an aggregate report. */
export function weakest(r) {
  return r.weakest || r.items.filter((it) => it.units_lost > 0).slice(0, 10);
}

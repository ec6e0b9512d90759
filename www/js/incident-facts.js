// What the 事件研判 form asks, in Chinese: labels for the fields of `cyberduty.incident/1` and for
// the codes of `cyberduty.classification/1`. Presentation data only; the rules are in the core.

export const TARGETS = [
  ['party_gov_portal', '党政机关门户网站'],
  ['key_news_site', '重点新闻网站'],
  ['large_platform', '大型网络平台'],
  ['cii', '关键信息基础设施'],
  ['other', '其他网络或系统'],
];

/** GB/T 20986-2023 category names (the standard's own codes are not used). */
export const CATEGORIES = [
  '恶意程序事件', '恶意程序事件/勒索软件', '恶意程序事件/挖矿病毒',
  '网络攻击事件', '网络攻击事件/网页篡改', '网络攻击事件/拒绝服务', '网络攻击事件/漏洞利用',
  '网络攻击事件/网络钓鱼', '网络攻击事件/APT', '网络攻击事件/供应链攻击',
  '数据安全事件', '数据安全事件/数据泄露', '数据安全事件/数据窃取', '数据安全事件/数据篡改',
  '信息内容安全事件', '设备设施故障事件', '违规操作事件', '安全隐患事件', '异常行为事件',
  '不可抗力事件', '其他事件',
];

/** Facts, grouped as a person would tell the story. [key, kind, label, unit-or-choices, hint]. */
export const FACT_GROUPS = [
  {
    title: '攻击、篡改与处置',
    facts: [
      ['attacked', 'bool', '遭受网络攻击'],
      ['tampered', 'bool', '网站或平台内容被攻击篡改'],
      ['harmful_info_spread_widely', 'bool', '反动言论、谣言等违法有害信息大面积扩散'],
      ['reported_in_time', 'bool', '已及时报告'],
      ['handled_in_time', 'bool', '已及时组织处置'],
    ],
  },
  {
    title: '瘫痪、影响与损失',
    facts: [
      ['outage_hours', 'number', '瘫痪(无法访问)时长', '小时', '可填小数,如 5.5'],
      ['outage_scope', 'enum', '瘫痪范围', [['full', '全部瘫痪'], ['main_functions', '主要功能瘫痪']]],
      ['wide_public_impact', 'bool', '大面积影响人民群众工作、生活'],
      ['people_affected', 'number', '受影响人数(水、电、气、油、暖、交通、就医、购物等)', '人'],
      ['economic_loss_yuan', 'number', '直接经济损失', '元'],
      ['major_economic_loss', 'bool', '造成重大经济损失', null, '可不填:未填时按直接经济损失金额判断'],
      ['serious_social_impact', 'bool', '造成严重不良社会影响'],
    ],
  },
  {
    title: '泄露',
    facts: [
      ['state_secret_leaked', 'bool', '国家秘密泄露'],
      ['personal_info_leaked_persons', 'number', '个人信息泄露涉及人数', '人'],
      ['personal_info_leak_large_scale', 'bool', '属于大面积个人信息泄露', null, '可不填:未填时按泄露人数判断'],
      ['basic_data_leaked_massively', 'bool', '大量地理、人口、资源等国家基础数据泄露'],
    ],
  },
  {
    title: '篡改内容的传播',
    facts: [
      ['spread_homepage_hours', 'number', '在首页传播时长', '小时'],
      ['spread_other_pages_hours', 'number', '在其他页面传播时长', '小时'],
      ['reposts', 'number', '转发量', '次'],
      ['views', 'number', '浏览或点击量', '次'],
    ],
  },
  {
    title: '报告、配合与整改',
    facts: [
      ['concealed', 'bool', '封锁、瞒报网络安全事件情况'],
      ['refused_cooperation', 'bool', '拒不配合有关部门依法开展调查、处置工作'],
      ['notified_risk_unrectified', 'bool', '对有关部门通报的问题和风险隐患未及时整改'],
      ['serious_consequence', 'bool', '(上述未整改)造成严重后果'],
      ['obstructed_security_organs', 'bool', '阻碍公安机关、国家安全机关依法维护国家安全、侦查犯罪或防范、调查恐怖活动'],
      ['refused_support_security_organs', 'bool', '拒不向公安机关、国家安全机关提供支持和保障'],
    ],
  },
  {
    title: '其他',
    facts: [
      ['other_serious_harm', 'bool', '发生其他严重危害网络安全行为', null, '须由有权机关人工认定'],
      ['supervision_inadequate', 'bool', '综合协调或监管部门协调监管不力', null, '为“是”时,相关部门负责人也须追责'],
    ],
  },
];

export const TIMELINE = [
  ['occurred_at', '发生时间'],
  ['discovered_at', '发现时间'],
  ['reported_at', '首次报告时间'],
  ['resolved_at', '处置完毕时间'],
];

/** The seven situations of Article 8, condensed. */
export const SITUATIONS = [
  '门户网站、重点新闻网站、大型网络平台被攻击篡改,致违法有害信息大面积扩散,且没有及时报告和组织处置',
  '地市级以上党政机关门户网站或重点新闻网站受攻击后没有及时组织处置,且瘫痪 6 小时以上',
  '发生国家秘密泄露、大面积个人信息泄露或大量国家基础数据泄露',
  '关键信息基础设施遭受攻击,没有及时处置,致大面积影响群众工作生活、重大经济损失或严重不良社会影响',
  '封锁、瞒报事件,拒不配合调查处置,或对通报的问题和隐患不及时整改并造成严重后果',
  '阻碍公安机关、国家安全机关依法工作,或拒不提供支持和保障',
  '发生其他严重危害网络安全行为',
];

export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七'];

export const TRISTATE = {
  met: ['符合', 'cd-badge-bad'],
  not_met: ['不符合', 'cd-badge-good'],
  undetermined: ['待定', 'cd-badge-unknown'],
};

export const GRADES = {
  especially_major: '特别重大',
  major: '重大',
  larger: '较大',
  general: '一般',
};

/** A Chinese label for a fact key or path (`outage_hours`, `facts.outage_hours`, `$.timeline.reported_at`). */
export function factLabel(key) {
  const k = String(key).replace(/^\$\./, '').split('.').pop();
  for (const g of FACT_GROUPS) for (const f of g.facts) if (f[0] === k) return f[2];
  for (const [t, label] of TIMELINE) if (t === k) return label;
  if (k === 'target') return '对象类型';
  if (k === 'level') return '单位行政层级';
  if (k === 'category') return '事件类别';
  return String(key);
}

// The tabs, in order. A tab is one module exporting {id, title, create(ctx)} where create returns
// {panel, document(), result(), destroy()}; adding a tab (汇总分析, say) is one module and one line.

import { scoreTab } from './score-tab.js';
import { incidentTab } from './incident-tab.js';

export const TABS = [scoreTab, incidentTab];

// The tabs, in order. A tab is one module exporting {id, title, create(ctx)} where create returns
// {panel, document(), result(), destroy(), saveActions?}; adding a tab is one module and one line.

import { scoreTab } from './score/tab.js';
import { incidentTab } from './incident/tab.js';
import { aggregateTab } from './aggregate/tab.js';
import { ledgerTab } from './ledger/tab.js';
import { keysTab } from './keys/tab.js';

export const TABS = [scoreTab, incidentTab, ledgerTab, aggregateTab, keysTab];

// The live score and the seal classify the period's incidents under the policy 事件研判 uses (a
// region's own file, or the shipped one), so every screen and the sealed file agree.

import { storedPolicyDoc } from '../incident/policy.js';

const given = new WeakMap();

/** Give `session` the stored policy when it changed since last time. */
export function syncPolicy(store, session) {
  const doc = storedPolicyDoc(store);
  const text = doc ? JSON.stringify(doc) : null;
  if (given.has(session) && given.get(session) === text) return;
  const r = session.setPolicy(doc);
  given.set(session, r.ok ? text : null);
}

/**
 * The wizard's FlowStore (widget/flow/store.ts) over storage.session: what lets the popup resume
 * after it closes (it closes as soon as the person switches to their mail). storage.session lives
 * in memory, dies with the browser and is not exposed to content scripts (EX-03). Only the fields
 * `pickResumable` allows are written: step id, case, masked identification, the short-lived flow
 * token and its expiry, and the server's data for the step (questions, bank, e-mail mask, activation).
 */
import { pickResumable, type FlowStore } from '../../widget/flow/store.ts';
import { parseResumable } from '../../widget/flow/resumable.ts';
import type { KeyValueArea } from './ports.ts';

export const FLOW_KEY = 'flow';

export function createExtensionFlowStore(area: KeyValueArea, now: () => number = Date.now): FlowStore {
  return {
    async load() {
      const stored = (await area.get(FLOW_KEY))[FLOW_KEY];
      // Checked against the contract: a tampered, foreign or expired snapshot is removed, not used.
      const flow = parseResumable(stored, now());
      if (!flow && stored !== undefined) await area.remove(FLOW_KEY);
      return flow;
    },
    async save(flow) {
      await area.set({ [FLOW_KEY]: pickResumable(flow) });
    },
    async clear() {
      await area.remove(FLOW_KEY);
    },
  };
}
